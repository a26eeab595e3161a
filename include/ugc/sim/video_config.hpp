#pragma once
// Configuring one video slot (PUT /bundles/{id}/videos/{position} and each
// item of the batch call), docs/tokportal-api.md §6.2: field rules per video_type
// and platform, UNKNOWN_FIELD, the date rules, edit-slot use and the paid
// add-ons. `check_slot_config` only reads (throws ApiError); `apply_slot_config`
// then charges, stores (PUT replaces) and emits video.configured.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct SlotConfig {
  Json config = Json::object();  // fields to store (no dates, no ignored fields)
  CivilDate date;                // target_publish_date
  Json ignored_fields = Json::array();
  std::vector<std::string> addons;  // newly due one-time add-ons
  int64_t cost = 0;
};

// `batch_item`: the item carries `position` and must not carry auto_publish.
SlotConfig check_slot_config(const Bundle& b, const VideoSlot& slot, const Json& item, CivilDate today, bool batch_item);
// Returns the credits charged.
int64_t apply_slot_config(World& world, Tenant& tenant, Bundle& b, VideoSlot& slot, SlotConfig cfg);

// 409 VIDEO_INVALID_STATUS unless the slot is pending or configured.
void require_configurable(const VideoSlot& slot);

}  // namespace ugc::sim
