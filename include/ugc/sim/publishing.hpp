#pragma once
// Publishing a bundle and publishing slots on an active bundle (§5.6, §5.7,
// §6.6): the readiness blockers, the status gates, moving stale dates forward
// and the events. Shared by the publish routes and `auto_publish` on
// configure/batch. All functions run with World::mu held and throw ApiError
// before changing anything.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// Every current blocker: [{code, message, details}] (empty = ready).
Json publish_blockers(const Bundle& b);

// 409 BUNDLE_INVALID_STATUS {current_status} for a cancelled/archived bundle.
void require_open(const Bundle& b);
// Bundle is published/published_priority/accepted (slots can be published).
bool is_active_status(const std::string& status);

// pending_setup -> published. Returns `data`: the bundle plus published_at and,
// when dates moved, adjusted_videos + adjusted_videos_note.
Json publish_bundle(World& world, Tenant& tenant, Bundle& b);

struct SlotPublication {
  std::vector<std::string> video_ids;
  std::vector<int> positions;
  Json adjusted = Json::array();  // [{video_id, position, previous_date, new_date}]
};
// Publishes the `configured` slots among `positions` on an active bundle.
SlotPublication publish_slots(World& world, Tenant& tenant, Bundle& b, const std::vector<int>& positions);

}  // namespace ugc::sim
