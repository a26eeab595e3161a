#pragma once
// Received lifecycle events (webhooks and poller), deduplicated by event id: a
// webhook delivered twice, or seen both by the receiver and the poller, is
// recorded once. The events module decides what an event means; this only
// stores it. Recording an event does not change the state serial.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct RecordedEvent {
  std::string event_id;
  std::string type;
  Json payload;
  std::string received_at;  // ISO 8601 UTC
};

// Stores the event unless its id is known; true when it was new.
Result<bool> record_event(Store& store, const std::string& event_id, const std::string& type, const Json& payload);
// The most recent events, newest first, at most `limit`.
Result<std::vector<RecordedEvent>> recent_events(Store& store, int limit);

}  // namespace ugc::state
