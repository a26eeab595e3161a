#pragma once
// The payloads and timestamps of the events the lifecycle emits (account.*,
// video.*, bundle.cancelled; catalog in webhook_events.hpp). A manager step
// happens at its own simulated time, which lies before `now` when the clock
// jumped, so its event carries the step's time rather than the emit time.
// Needs World::mu held.
#include <string_view>

#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// World::emit, stamped `at` instead of now.
Event& emit_at(World& world, Tenant& tenant, std::string_view type, Json data, TimePoint at);

// bundle_event_data + account_status (+ username once set).
Json account_event_data(const Bundle& bundle);

// bundle_event_data + video_id, position, video_status, video_external_ref, post_url.
Json video_event_data(const Bundle& bundle, const VideoSlot& slot);

}  // namespace ugc::sim
