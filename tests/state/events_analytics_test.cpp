#include <doctest/doctest.h>

#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/events.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using ugc::state::testing::TempDir;
using ugc::state::testing::sample_bundle;

TEST_CASE_TEMPLATE("an event delivered twice is recorded once", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  Json payload = {{"bundle_id", "B1"}, {"status", "published"}};
  auto first = record_event(*store, "evt_1", "bundle.published", payload);
  REQUIRE(first.ok());
  CHECK(*first);
  auto again = record_event(*store, "evt_1", "bundle.published", payload);
  REQUIRE(again.ok());
  CHECK_FALSE(*again);
  REQUIRE(record_event(*store, "evt_2", "video.posted", Json{{"video_id", "V1"}}).ok());
  auto events = recent_events(*store, 10);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 2);
  CHECK(events->at(1).payload == payload);
  CHECK_FALSE(record_event(*store, "", "x", Json::object()).ok());
  CHECK(*store->serial() == 0);
}

TEST_CASE_TEMPLATE("analytics snapshots are kept per ref and follow a move", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  KnownBundle b = sample_bundle("c", "US", 1);
  REQUIRE(store->upsert_bundle(b).ok());
  REQUIRE(insert_snapshot(*store, {b.external_ref, "2027-03-02T00:00:00Z", Json{{"views", 10}}}).ok());
  REQUIRE(insert_snapshot(*store, {b.external_ref, "2027-03-03T00:00:00Z", Json{{"views", 25}}}).ok());
  REQUIRE(insert_snapshot(*store, {"c-US-tiktok-2", "2027-03-03T00:00:00Z", Json{{"views", 3}}}).ok());

  auto history = snapshots(*store, b.external_ref);
  REQUIRE(history.ok());
  REQUIRE(history->size() == 2);
  CHECK(history->at(0).metrics["views"] == 10);
  auto latest = latest_snapshots(*store);
  REQUIRE(latest.ok());
  REQUIRE(latest->size() == 2);
  CHECK(latest->at(0).metrics["views"] == 25);

  REQUIRE(store->move(b.external_ref, "c-US-tiktok-9").ok());
  CHECK(snapshots(*store, "c-US-tiktok-9")->size() == 2);
  CHECK(snapshots(*store, b.external_ref)->empty());
}
