#include <doctest/doctest.h>

#include "raw_sqlite.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/migrations.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;

namespace {

const std::string kV1Fixture = std::string(UGC_TEST_DATA) + "/state/schema_v1.sql";

// The schema of a file as SQLite records it, one statement per line, in name order.
std::string schema_of(const std::string& path) {
  return raw_query(path,
                   "SELECT group_concat(sql, char(10)) FROM"
                   " (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)");
}

}  // namespace

TEST_CASE("migration 1 is frozen: it builds exactly the schema of the version 1 fixture") {
  TempDir dir;
  const std::string fixture = dir.file("fixture.db");
  REQUIRE(raw_exec(fixture, read_text_file(kV1Fixture)) == "");
  const std::string fresh = dir.file("fresh.db");
  REQUIRE(raw_exec(fresh, migrations().at(0).sql) == "");
  CHECK(schema_of(fresh) == schema_of(fixture));
  CHECK_FALSE(schema_of(fresh).empty());
}

TEST_CASE("a version 1 state file is upgraded on a read-write open and keeps its rows") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  REQUIRE(raw_exec(path, read_text_file(kV1Fixture)) == "");
  REQUIRE(raw_query(path, "PRAGMA user_version") == "1");

  auto store = Store::open(path, {Access::read_write}, fake_clock());
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message()));
  CHECK(raw_query(path, "PRAGMA user_version") == std::to_string(latest_schema_version()));

  auto known = store->load("old");
  REQUIRE(known.ok());
  CHECK(known->serial == 7);
  REQUIRE(known->bundles.size() == 1);
  CHECK(known->bundles[0].status == "published");
  REQUIRE(known->bundles[0].account.has_value());
  CHECK(known->bundles[0].account->saved_account_id == "SA1");
  REQUIRE(known->slots.size() == 1);
  CHECK(known->slots[0].video_id == "V1");
  CHECK(known->media.size() == 1);
  // Tables of the newer migrations work.
  CHECK(store->credit_costs_put("sim", Json{{"bundle", 3}}).ok());
}

TEST_CASE("a read-only open of an older schema is refused and leaves the file as it was") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  REQUIRE(raw_exec(path, read_text_file(kV1Fixture)) == "");
  const std::string before = fingerprint(path);

  auto store = Store::open(path, {Access::read_only}, fake_clock());
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().kind() == ErrorKind::conflict);
  CHECK(store.error().message().find(path) != std::string::npos);
  CHECK(store.error().message().find("ugc state upgrade") != std::string::npos);
  CHECK(fingerprint(path) == before);
  CHECK(raw_query(path, "PRAGMA user_version") == "1");
}

TEST_CASE("a state file from a newer schema is refused, read-only or not, and not modified") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  { REQUIRE(Store::open(path, {Access::read_write, true}, fake_clock()).ok()); }
  REQUIRE(raw_exec(path, "PRAGMA user_version = 99") == "");
  const std::string before = fingerprint(path);

  for (Access access : {Access::read_only, Access::read_write}) {
    auto store = Store::open(path, {access}, fake_clock());
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().kind() == ErrorKind::conflict);
    CHECK(store.error().message().find("newer ugc") != std::string::npos);
    CHECK(store.error().message().find("99") != std::string::npos);
    CHECK(store.error().message().find(path) != std::string::npos);
  }
  CHECK(fingerprint(path) == before);
}

TEST_CASE("every state file gets its own state id, kept across opens, and an older file gets one when upgraded") {
  TempDir dir;
  std::string first_id;
  {
    auto a = Store::open(dir.file("a.db"), {Access::read_write, true}, fake_clock());
    REQUIRE(a.ok());
    auto id = a->state_id();
    REQUIRE(id.ok());
    CHECK(id->size() == 32);
    first_id = *id;
    CHECK_FALSE(a->meta_put("state_id", "forged").ok());
  }
  auto again = Store::open(dir.file("a.db"), {Access::read_only}, fake_clock());
  REQUIRE(again.ok());
  CHECK(again->state_id().value() == first_id);
  auto b = Store::open(dir.file("b.db"), {Access::read_write, true}, fake_clock());
  REQUIRE(b.ok());
  CHECK(b->state_id().value() != first_id);
  CHECK(b->serial().value() == again->serial().value());  // same serial, different states

  const std::string old = dir.file("old.db");
  REQUIRE(raw_exec(old, read_text_file(kV1Fixture)) == "");
  auto upgraded = Store::open(old, {Access::read_write}, fake_clock());
  REQUIRE(upgraded.ok());
  auto old_id = upgraded->state_id();
  REQUIRE(old_id.ok());
  CHECK(old_id->size() == 32);
  CHECK(*old_id != first_id);
}
