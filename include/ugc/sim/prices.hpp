#pragma once
// Credit prices (docs/tokportal-api.md §4, current table) and the server-side
// computation of a bundle's cost. GET /credit-costs serves `price_table_json`.
#include <cstdint>

#include "ugc/core/json.hpp"

namespace ugc::sim::price {

inline constexpr int64_t kAccountCreation = 32;
inline constexpr int64_t kYoutubeAccountCreation = 100;
inline constexpr int64_t kVideoSlot = 2;
inline constexpr int64_t kEditSlot = 3;
inline constexpr int64_t kAdvancedWarmingPerTarget = 5;
inline constexpr int64_t kNicheWarming = 7;
inline constexpr int64_t kSoundVolume = 1;
inline constexpr int64_t kStoryRepost = 1;
inline constexpr int64_t kInstantRepostAsStory = 1;
inline constexpr int64_t kAccountEditRequest = 8;
inline constexpr int64_t kAdCodeRequest = 7;
inline constexpr int64_t kCommentTask = 1;
inline constexpr int64_t kCoveragePer30Days = 25;
inline constexpr int64_t kCredentialReveal = 150;

// What one bundle (or a bulk batch) costs, as `cost_breakdown`.
struct BundleCost {
  int64_t account_creation = 0, video_slots = 0, edit_slots = 0, advanced_warming = 0, niche_warming = 0;
  int64_t total() const { return account_creation + video_slots + edit_slots + advanced_warming + niche_warming; }
  BundleCost& operator+=(const BundleCost& o);
  Json to_json() const;  // {account_creation, video_slots, edit_slots, advanced_warming, [niche_warming], total}
};

BundleCost bundle_cost(bool creates_account, int videos, int edits, int warming_terms, bool niche_warming);

// 402 INSUFFICIENT_CREDITS {required, available, missing, breakdown} when the
// balance cannot cover `required`. Call before changing anything.
void require_balance(int64_t balance, int64_t required, const Json& breakdown);

// `data` of GET /credit-costs: {costs: {...}, contract_bundle_allowance: null, currency: "credits"}.
Json price_table_json();

}  // namespace ugc::sim::price
