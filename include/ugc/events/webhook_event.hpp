#pragma once
// A TokPortal webhook event, read from the raw body of a delivery
// (docs/tokportal-api.md §9.3): the envelope {id, type, api_version,
// created_at, data}. Unknown event types are accepted (the contract says
// receivers must); `data` is kept as it came. Never throws, whatever the bytes.
#include <string>
#include <string_view>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"

namespace ugc::events {

// Error code of a body that is not a webhook event (answered 400).
inline constexpr const char* kEventMalformed = "EVENT_MALFORMED";

// Longest event id or type accepted: ids are UUIDs, types are short names; a
// longer one is not TokPortal's.
inline constexpr std::size_t kMaxEventIdLength = 200;

struct WebhookEvent {
  std::string id;           // the deduplication key
  std::string type;         // e.g. "bundle.published"
  std::string api_version;  // empty when absent
  std::string created_at;   // ISO 8601 as sent; empty when absent
  Json envelope;            // the whole parsed body
};

// Parses `raw_body`: a JSON object whose `id` and `type` are non-empty strings
// (at most kMaxEventIdLength bytes), whose `api_version` and `created_at` are
// strings when present and whose `data` is an object when present.
Result<WebhookEvent> parse_webhook_event(std::string_view raw_body);

}  // namespace ugc::events
