// load_post_metrics over a real state file: snapshots joined to their slot
// and bundle, other campaigns and bundle-level snapshots left out; the
// campaign file fills in creators and their names.
#include <doctest/doctest.h>

#include <memory>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/analytics/campaign_names.hpp"
#include "ugc/analytics/post_metrics.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/resources.hpp"
#include "ugc/state/store.hpp"

namespace ugc::analytics {
namespace {

state::KnownBundle load_bundle(const std::string& campaign, const std::string& market, const std::string& platform) {
  state::KnownBundle b;
  b.external_ref = campaign + "-" + market + "-" + platform + "-1";
  b.campaign = campaign;
  b.market = market;
  b.platform = platform;
  b.index = 1;
  b.videos_quantity = 6;
  return b;
}

state::KnownSlot load_slot(const state::KnownBundle& b, const std::string& video, int position) {
  state::KnownSlot s;
  s.external_ref = b.campaign + "-" + video + "-" + b.market + "-" + b.platform;
  s.bundle_ref = b.external_ref;
  s.position = position;
  s.campaign_video = video;
  return s;
}

}  // namespace

TEST_CASE("stored snapshots become post metrics of their slot's market, platform and video, oldest first") {
  ugc::testing::TempDir dir;
  auto store = state::Store::open(dir.file("state.db"), {state::Access::read_write, true},
                                  std::make_shared<ugc::testing::FakeClock>());
  REQUIRE(store.ok());
  auto de = load_bundle("ugc-wave-1", "DE", "instagram");
  auto other = load_bundle("other", "US", "tiktok");
  REQUIRE(store->upsert_bundle(de).ok());
  REQUIRE(store->upsert_bundle(other).ok());
  auto slot = load_slot(de, "review-week1", 1);
  REQUIRE(store->upsert_slot(slot).ok());
  REQUIRE(store->upsert_slot(load_slot(other, "x", 1)).ok());
  REQUIRE(state::insert_snapshot(*store, {slot.external_ref, "2027-03-21T09:00:00Z",
                                          Json{{"views", 100}, {"likes", 7}, {"scraped_at", "2027-03-21T08:59:00Z"}}})
              .ok());
  REQUIRE(state::insert_snapshot(*store, {slot.external_ref, "2027-03-22T09:00:00Z",
                                          Json{{"views", 250.0}, {"comments", 3}, {"shares", 2}}})
              .ok());
  REQUIRE(state::insert_snapshot(*store, {"other-x-US-tiktok", "2027-03-22T09:00:00Z", Json{{"views", 5}}}).ok());
  REQUIRE(state::insert_snapshot(*store, {de.external_ref, "2027-03-22T09:00:00Z", Json{{"followers", 5}}}).ok());

  auto posts = load_post_metrics(*store, "ugc-wave-1");
  REQUIRE(posts.ok());
  REQUIRE(posts->size() == 2);
  const PostMetrics& first = (*posts)[0];
  CHECK(first.slot_ref == "ugc-wave-1-review-week1-DE-instagram");
  CHECK(first.bundle_ref == "ugc-wave-1-DE-instagram-1");
  CHECK(first.market == "DE");
  CHECK(first.platform == "instagram");
  CHECK(first.video == "review-week1");
  CHECK(first.scraped_at == "2027-03-21T08:59:00Z");  // the API's time, not when it was stored
  CHECK(first.views == 100);
  CHECK(first.likes == 7);
  CHECK((*posts)[1].views == 250);
  CHECK((*posts)[1].scraped_at == "2027-03-22T09:00:00Z");

  // The campaign file knows whose video it is, and the creator's name.
  auto campaign = manifest::load_campaign(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml");
  REQUIRE(campaign.ok());
  fill_missing_creators(*posts, *campaign);
  CHECK((*posts)[0].creator == "creator-01");
  CHECK(creator_names(*campaign).at("creator-02") == "Sam Lee");
}

}  // namespace ugc::analytics
