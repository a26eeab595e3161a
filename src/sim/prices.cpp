#include "ugc/sim/prices.hpp"

#include "ugc/sim/router.hpp"

namespace ugc::sim::price {

BundleCost& BundleCost::operator+=(const BundleCost& o) {
  account_creation += o.account_creation;
  video_slots += o.video_slots;
  edit_slots += o.edit_slots;
  advanced_warming += o.advanced_warming;
  niche_warming += o.niche_warming;
  return *this;
}

Json BundleCost::to_json() const {
  Json j{{"account_creation", account_creation},
         {"video_slots", video_slots},
         {"edit_slots", edit_slots},
         {"advanced_warming", advanced_warming},
         {"total", total()}};
  if (niche_warming) j["niche_warming"] = niche_warming;
  return j;
}

BundleCost bundle_cost(bool creates_account, int videos, int edits, int warming_terms, bool niche_warming) {
  BundleCost c;
  c.account_creation = creates_account ? kAccountCreation : 0;
  c.video_slots = kVideoSlot * videos;
  c.edit_slots = kEditSlot * edits;
  c.advanced_warming = kAdvancedWarmingPerTarget * warming_terms;
  c.niche_warming = niche_warming ? kNicheWarming : 0;
  return c;
}

void require_balance(int64_t balance, int64_t required, const Json& breakdown) {
  if (required <= balance) return;
  fail(402, "INSUFFICIENT_CREDITS",
       "Not enough credits: " + std::to_string(required) + " required, " + std::to_string(balance) + " available",
       Json{{"required", required}, {"available", balance}, {"missing", required - balance}, {"breakdown", breakdown}});
}

Json price_table_json() {
  return Json{{"costs",
               {{"account_creation", kAccountCreation},
                {"youtube_account_creation", kYoutubeAccountCreation},
                {"video_upload", kVideoSlot},
                {"video_edit", kEditSlot},
                {"advanced_warming", kAdvancedWarmingPerTarget},
                {"niche_warming", kNicheWarming},
                {"sound_volume_control", kSoundVolume},
                {"story_repost", kStoryRepost},
                {"instant_repost_as_story", kInstantRepostAsStory},
                {"account_edit_request", kAccountEditRequest},
                {"ad_code_request", kAdCodeRequest},
                {"comment_task", kCommentTask},
                {"managed_coverage_30_days", kCoveragePer30Days},
                {"credential_reveal", kCredentialReveal}}},
              {"contract_bundle_allowance", nullptr},
              {"currency", "credits"}};
}

}  // namespace ugc::sim::price
