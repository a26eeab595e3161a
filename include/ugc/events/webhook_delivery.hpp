#pragma once
// One incoming delivery, judged: is it TokPortal's, and which event is it?
// The order matters: the signature is checked over the raw body before the
// body is parsed, so unauthenticated bytes never reach the JSON parser.
#include <cstdint>
#include <optional>
#include <string_view>

#include "ugc/core/result.hpp"
#include "ugc/events/webhook_event.hpp"
#include "ugc/events/webhook_signature.hpp"

namespace ugc::events {

// A TokPortal-Event-Id header naming another event than the signed body: the
// header is not signed, so a mismatch means someone rewrote it (answered 401).
inline constexpr const char* kEventIdMismatch = "EVENT_ID_MISMATCH";

struct WebhookDelivery {
  std::optional<std::string_view> signature;  // TokPortal-Signature, absent = nullopt
  std::optional<std::string_view> event_id;   // TokPortal-Event-Id, absent = nullopt
  std::string_view body;                      // the raw bytes as received
};

// The event of a genuine delivery, or why it is refused (the error's code is
// one of kSignature*, kEventMalformed, kEventIdMismatch).
Result<WebhookEvent> check_webhook_delivery(const WebhookDelivery& delivery, std::string_view secret,
                                            std::int64_t now_unix);

// The HTTP status for a refusal from check_webhook_delivery: 401 when the
// sender is not proven (signature, forged header), 400 for a malformed event.
int http_status_for_refusal(const Error& refusal);

}  // namespace ugc::events
