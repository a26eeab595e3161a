// load_post_metrics on a real SQLite state file: snapshots join back through
// the slot, follow a `moved:` rename (one history, the new name), and other
// campaigns' posts stay out.
#include <doctest/doctest.h>

#include <memory>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/analytics/post_metrics.hpp"
#include "ugc/analytics/snapshot_record.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::analytics;

namespace {

PostSnapshot stored_post(const std::string& slot, const std::string& video, const std::string& at, std::int64_t views,
                         const std::string& campaign = "c") {
  PostSnapshot s;
  s.post.slot_ref = slot;
  s.post.bundle_ref = campaign + "-US-tiktok-1";
  s.post.campaign = campaign;
  s.post.market = "US";
  s.post.platform = "tiktok";
  s.post.creator = "ana";
  s.post.video = video;
  s.post.caption_variant = "en";
  s.post.scraped_at = at;
  s.post.views = views;
  s.video_id = "vid-1";
  s.account_id = "acc-1";
  return s;
}

}  // namespace

TEST_CASE("post metrics: snapshots of a slot renamed by moved: stay one post under its new name") {
  ugc::testing::TempDir dir;
  auto store = state::Store::open(dir.file("state.db"), {state::Access::read_write, true},
                                  std::make_shared<ugc::testing::FakeClock>());
  REQUIRE(store.ok());
  state::KnownBundle b;
  b.external_ref = "c-US-tiktok-1";
  b.id = "B1";
  b.campaign = "c";
  b.market = "US";
  b.platform = "tiktok";
  REQUIRE(store->upsert_bundle(b).ok());
  state::KnownSlot slot;
  slot.external_ref = "c-teaser-US-tiktok";
  slot.bundle_ref = b.external_ref;
  slot.position = 1;
  slot.video_id = "vid-1";
  slot.campaign_video = "teaser";
  REQUIRE(store->upsert_slot(slot).ok());

  REQUIRE(state::insert_snapshot(*store, to_snapshot(stored_post(slot.external_ref, "teaser", "2027-03-02T12:00:00Z", 10))).ok());
  REQUIRE(state::insert_snapshot(*store, to_snapshot(stored_post(slot.external_ref, "teaser", "2027-03-01T12:00:00Z", 5))).ok());
  REQUIRE(state::insert_snapshot(*store, to_snapshot(stored_post("d-x-US-tiktok", "x", "2027-03-01T12:00:00Z", 99, "d"))).ok());

  // `moved: [{from: c-teaser-US-tiktok, to: c-launch-US-tiktok}]`, as apply records it.
  REQUIRE(store->move(slot.external_ref, "c-launch-US-tiktok").ok());
  slot.external_ref = "c-launch-US-tiktok";
  slot.campaign_video = "launch";
  REQUIRE(store->upsert_slot(slot).ok());
  REQUIRE(state::insert_snapshot(*store, to_snapshot(stored_post(slot.external_ref, "launch", "2027-03-03T12:00:00Z", 20))).ok());

  auto posts = load_post_metrics(*store, "c");
  REQUIRE(posts.ok());
  REQUIRE(posts->size() == 3);
  CHECK((*posts)[0].scraped_at == "2027-03-01T12:00:00Z");  // oldest first, by scrape time
  CHECK((*posts)[0].views == 5);
  CHECK((*posts)[2].views == 20);
  for (const auto& p : *posts) {
    CHECK(p.slot_ref == "c-launch-US-tiktok");
    CHECK(p.video == "launch");
    CHECK(p.bundle_ref == "c-US-tiktok-1");
    CHECK(p.market == "US");
    CHECK(p.creator == "ana");
    CHECK(p.caption_variant == "en");
    CHECK(p.campaign == "c");
  }
  auto other = load_post_metrics(*store, "d");
  REQUIRE(other.ok());
  REQUIRE(other->size() == 1);
  CHECK((*other)[0].views == 99);
}
