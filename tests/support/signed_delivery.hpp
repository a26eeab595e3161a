#pragma once
// Webhook deliveries as TokPortal sends them (docs/tokportal-api.md §9.3-9.4),
// for the receiver's tests and the soak bench: an envelope body and its
// TokPortal-Signature, signed here with core's HMAC (the unit tests pin the
// scheme with a vector computed by openssl).
#include <cstdint>
#include <ctime>
#include <string>

#include "ugc/core/hash.hpp"
#include "ugc/core/json.hpp"

namespace ugc::testing {

struct SignedDelivery {
  std::string event_id, event_type, body, signature;
};

// The raw body of event `event_id` of `type`, in the envelope TokPortal uses.
inline std::string webhook_body(const std::string& event_id, const std::string& type = "bundle.published") {
  return Json{{"id", event_id},
              {"type", type},
              {"api_version", "2026-05-25"},
              {"created_at", "2026-05-25T12:00:00Z"},
              {"data", {{"bundle_id", "b-" + event_id}, {"external_ref", "spring/FR/tiktok/1"}, {"status", "published"}}}}
      .dump();
}

// "t=<t>,v1=<hex HMAC-SHA256(secret, t.body)>".
inline std::string webhook_signature_header(const std::string& secret, std::int64_t t, const std::string& body) {
  const std::string ts = std::to_string(t);
  return "t=" + ts + ",v1=" + hmac_sha256_hex(secret, ts + "." + body);
}

inline std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

inline SignedDelivery signed_delivery(const std::string& secret, const std::string& event_id,
                                      const std::string& type = "bundle.published") {
  SignedDelivery d{event_id, type, webhook_body(event_id, type), {}};
  d.signature = webhook_signature_header(secret, unix_now(), d.body);
  return d;
}

}  // namespace ugc::testing
