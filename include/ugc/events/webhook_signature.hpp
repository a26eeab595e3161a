#pragma once
// The TokPortal-Signature header and its check (docs/tokportal-api.md §9.4):
// `t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, t + "." + raw body)>`.
// The signature covers `t` and the raw body bytes only, never a header such as
// TokPortal-Event-Id. Pure functions: no clock (the caller passes "now"), no
// allocation beyond the parsed fields, never throws.
#include <cstdint>
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc::events {

// Error codes of a rejected signature (Error::code()). Every one is answered
// 401: the delivery is not proven to come from TokPortal.
inline constexpr const char* kSignatureMissing = "SIGNATURE_MISSING";
inline constexpr const char* kSignatureMalformed = "SIGNATURE_MALFORMED";
inline constexpr const char* kSignatureStale = "SIGNATURE_STALE";  // |now - t| > tolerance, past or future
inline constexpr const char* kSignatureMismatch = "SIGNATURE_MISMATCH";

// The contract's default tolerance, applied both ways.
inline constexpr std::int64_t kSignatureToleranceSeconds = 300;

struct WebhookSignature {
  std::string t;               // exactly as received: it is part of the signed message
  std::int64_t unix_seconds = 0;
  std::string v1;              // 64 lowercase hex digits
};

// Splits on ',', trims, splits each part at the first '='; takes `t` and `v1`
// (other keys are ignored: future schemes). Missing either, a `t` that is not
// decimal Unix seconds, or a `v1` that is not 64 hex digits is malformed.
Result<WebhookSignature> parse_webhook_signature(std::string_view header);

// Checks `header` against `raw_body` with `secret` (its UTF-8 bytes as the HMAC
// key, as is) at `now_unix`: parse, tolerance, HMAC, constant-time compare.
Status verify_webhook_signature(std::string_view secret, std::string_view header, std::string_view raw_body,
                                std::int64_t now_unix, std::int64_t tolerance = kSignatureToleranceSeconds);

}  // namespace ugc::events
