#pragma once
// Analytics snapshots: metrics of a resource (a bundle, slot or video ref) at a
// point in time, as the API returned them. Append-only; the analytics module
// compares them. They follow their resource on Store::move and do not change
// the state serial.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct AnalyticsSnapshot {
  std::string ref;       // external_ref of what was measured
  std::string taken_at;  // ISO 8601 UTC; now when empty on insert
  Json metrics;          // views, likes, ... as the API reported them
};

Status insert_snapshot(Store& store, const AnalyticsSnapshot& snapshot);
// Snapshots of `ref` (all refs when empty), oldest first.
Result<std::vector<AnalyticsSnapshot>> snapshots(Store& store, const std::string& ref = {});
// The newest snapshot of each ref, ordered by ref.
Result<std::vector<AnalyticsSnapshot>> latest_snapshots(Store& store);

}  // namespace ugc::state
