#pragma once
// Account and video analytics (docs/tokportal-api.md §10.2-10.4), registered by
// register_analytics_routes (routes.hpp):
//   GET  /accounts/{id}/analytics            totals as of the last scrape, or 404 ANALYTICS_NOT_FOUND
//   GET  /accounts/{id}/analytics/videos     per-post metrics, sort_by/sort_order, paginated
//   GET  /videos/{id}/analytics              one post, by video id
//   POST /accounts/{id}/analytics/refresh    scrape now (cooldown, simulated time)
//   GET  /accounts/{id}/analytics/can-refresh
// Numbers come from analytics_model.hpp evaluated at the scrape time, so reads
// between two refreshes are stable and a refresh after the clock moved shows
// growth. A post is tracked once the lifecycle marked it posted (video
// in_review; video_posting.hpp) on the saved account. The scrape state lives in
// SavedAccount::ext["analytics"]. Option: --sim-opt analytics_cooldown_minutes=N (60).
#include <cstdint>
#include <string>

#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// One post's metrics as the API shows them, evaluated at `at`; null when the
// slot was not posted by then.
Json video_analytics_json(std::uint64_t seed, const Bundle& bundle, const VideoSlot& slot, TimePoint at);

// The account totals of §10.2 evaluated at `at` (the caller checks the scrape state).
Json account_analytics_json(std::uint64_t seed, const Tenant& tenant, const SavedAccount& account, TimePoint at);

}  // namespace ugc::sim
