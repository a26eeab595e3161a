#pragma once
// The catalog of the 34 webhook event types (docs/tokportal-api.md §9.2) served by
// GET /webhooks/events. `emitted` is true for the types the simulator actually
// produces; the others are accepted in subscriptions but never delivered
// (the real service documents the same flag; which of its types it emits is
// unknown, so ours reflects the simulator).
#include <string_view>
#include <vector>

#include "ugc/core/json.hpp"

namespace ugc::sim {

struct WebhookEventType {
  std::string_view type;
  std::string_view description;
  bool emitted;
};

const std::vector<WebhookEventType>& webhook_event_catalog();
bool is_known_webhook_event(std::string_view type);

// `data` of GET /webhooks/events: {events:[{type, description, emitted,
// example_payload}], envelope, delivery, signature}.
Json webhook_catalog_json();

}  // namespace ugc::sim
