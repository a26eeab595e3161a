#include <doctest/doctest.h>

#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/events.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/runs.hpp"
#include "ugc/state/state_copy.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;

namespace {

Store open_copy_store(const std::string& location, Access access = Access::read_write) {
  auto store = Store::open(location, {access, access == Access::read_write}, fake_clock());
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message()));
  return std::move(*store);
}

// An applied state: bundles with accounts and slots, media, a finished and an
// open journal entry, an event, an analytics snapshot and a run with its plan.
void fill_applied_state(Store& store) {
  for (int i = 1; i <= 12; ++i) {
    KnownBundle b = sample_bundle("wave", i % 2 ? "US" : "FR", i);
    b.account = KnownAccount{"user" + std::to_string(i), "Glow", "bio", "", "configured", "SA" + std::to_string(i), ""};
    REQUIRE(store.upsert_bundle(b).ok());
    REQUIRE(store.upsert_slot(sample_slot(b, "review", 1)).ok());
    REQUIRE(store.upsert_slot(sample_slot(b, "unboxing", 2)).ok());
  }
  REQUIRE(store.upsert_media({std::string(64, 'a'), "video", "https://cdn/a.mp4", ""}).ok());
  auto done = journal_begin(store, {"create-US", "POST", "/bundles", "key-1", "h1", "run1"});
  REQUIRE(done.ok());
  REQUIRE(journal_finish(store, *done, {201, R"({"id":"B1"})", "req-1", ""}).ok());
  REQUIRE(journal_begin(store, {"create-FR", "POST", "/bundles", "key-2", "h2", "run1"}).ok());
  REQUIRE(record_event(store, "evt-1", "bundle.status_changed", Json{{"status", "published"}}).ok());
  REQUIRE(insert_snapshot(store, {"wave-US-tiktok-1", "2027-01-15T12:00:00.000Z", Json{{"views", 10}}}).ok());
  RunRecord run;
  run.command = "apply";
  run.outcome = "applied";
  run.plan_json = R"({"actions":[1,2,3]})";
  run.results_json = R"({"ok":true})";
  REQUIRE(record_run(store, run).ok());
}

}  // namespace

TEST_CASE("state migrate: SQLite to PostgreSQL and back keeps every row, the serial and the state id") {
  TempDir dir;
  const std::string original = dir.file("state.db");
  {
    Store store = open_copy_store(original);
    fill_applied_state(store);
  }
  Store source = open_copy_store(original, Access::read_only);
  const std::string shared = PostgresBackend::fresh_location(dir);
  {
    Store pg = open_copy_store(shared);
    auto copied = copy_state(source, pg);
    REQUIRE_MESSAGE(copied.ok(), (copied.ok() ? "" : copied.error().message()));
    long long rows = 0;
    for (const TableCopy& t : *copied) rows += t.rows;
    CHECK(rows > 12 * 4);
  }
  const std::string back = dir.file("back.db");
  {
    Store pg = open_copy_store(shared, Access::read_only);
    Store local = open_copy_store(back);
    auto copied = copy_state(pg, local);
    REQUIRE_MESSAGE(copied.ok(), (copied.ok() ? "" : copied.error().message()));
  }
  Store round_trip = open_copy_store(back, Access::read_only);
  auto before = state_checksums(source);
  auto after = state_checksums(round_trip);
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  for (size_t i = 0; i < before->size(); ++i) {
    CHECK((*before)[i].table == (*after)[i].table);
    CHECK((*before)[i].rows == (*after)[i].rows);
    CHECK((*before)[i].sha256 == (*after)[i].sha256);
  }
  CHECK(*source.serial() == *round_trip.serial());
  CHECK(*source.state_id() == *round_trip.state_id());
  CHECK(source.load("wave")->slots.size() == round_trip.load("wave")->slots.size());
  CHECK(open_journal_entries(round_trip)->size() == 1);

  // PostgreSQL goes on numbering after the copied ids.
  Store pg = open_copy_store(shared);
  auto next = journal_begin(pg, {"create-DE", "POST", "/bundles", "key-3", "h3", "run2"});
  REQUIRE_MESSAGE(next.ok(), (next.ok() ? "" : next.error().message()));
  CHECK(*next == 3);
}

TEST_CASE_TEMPLATE("state migrate refuses a destination that already holds state", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string from_path = dir.file("from.db");
  {
    Store store = open_copy_store(from_path);
    fill_applied_state(store);
  }
  Store from = open_copy_store(from_path, Access::read_only);
  Store to = open_copy_store(Backend::fresh_location(dir));
  REQUIRE(to.upsert_bundle(sample_bundle("other", "DE", 1)).ok());
  auto refused = copy_state(from, to);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind() == ErrorKind::conflict);
  CHECK(to.load()->bundles.size() == 1);  // untouched
}
