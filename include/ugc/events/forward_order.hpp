#pragma once
// The ordering key of an event for forwarding: events with the same key reach
// a target in the order they were received; events with different keys are
// independent (one failing does not hold the other back). The key is the
// event's bundle (`data.bundle_id`, stable across remakes, §9.3), else its
// `data.external_ref`, else the event itself (no order to keep).
#include <string>

#include "ugc/events/webhook_event.hpp"

namespace ugc::events {

std::string forward_order_key(const WebhookEvent& event);

}  // namespace ugc::events
