#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using ugc::state::testing::TempDir;
using ugc::state::testing::sample_bundle;
using ugc::state::testing::sample_slot;
using ugc::state::testing::fingerprint;

namespace {

Store open_new(const std::string& path) {
  auto store = Store::open(path, {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message()));
  return std::move(*store);
}

}  // namespace

TEST_CASE("a new state file is created with mode 0600 in a new directory") {
  TempDir dir;
  const std::string path = dir.file(".ugc/state.db");
  {
    Store store = open_new(path);
    REQUIRE(store.upsert_bundle(sample_bundle("c", "US", 1)).ok());
  }
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat(dir.file(".ugc").c_str(), &st) == 0);
  CHECK((st.st_mode & 0077) == 0);  // the directory is private too
}

TEST_CASE("a read-only open of a missing file fails and creates nothing") {
  TempDir dir;
  const std::string path = dir.file(".ugc/state.db");
  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().kind() == ErrorKind::not_found);
  CHECK(store.error().message().find(path) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file(".ugc")));

  auto rw = Store::open(path, {Access::read_write, false}, ugc::state::testing::fake_clock());
  REQUIRE_FALSE(rw.ok());
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE_TEMPLATE("the serial goes up by one per committed resource write and not for other writes", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  CHECK(*store.serial() == 0);
  KnownBundle b = sample_bundle("c", "US", 1);
  REQUIRE(store.upsert_bundle(b).ok());
  CHECK(*store.serial() == 1);
  REQUIRE(store.upsert_slot(sample_slot(b, "v1", 1)).ok());
  CHECK(*store.serial() == 2);
  REQUIRE(store.upsert_media({std::string(64, 'b'), "video", "https://cdn/x.mp4", ""}).ok());
  CHECK(*store.serial() == 3);
  REQUIRE(store.set_account(b.external_ref, {"glowlab.us1", "Glow Lab", "bio", "", "configured", "", ""}).ok());
  CHECK(*store.serial() == 4);

  REQUIRE(store.meta_put("api_base", "http://127.0.0.1:1").ok());
  REQUIRE(store.credit_costs_put("http://127.0.0.1:1", Json{{"bundle", 5}}).ok());
  CHECK(*store.serial() == 4);

  // A failed write changes nothing, the serial included.
  KnownSlot orphan = sample_slot(b, "v2", 2);
  orphan.bundle_ref = "c-FR-tiktok-9";
  auto failed = store.upsert_slot(orphan);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().kind() == ErrorKind::not_found);
  CHECK(failed.error().message().find("c-FR-tiktok-9") != std::string::npos);
  CHECK(*store.serial() == 4);
}

TEST_CASE_TEMPLATE("a transaction batches writes, bumps the serial once and rolls back when dropped", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  {
    auto tx = store.begin();
    REQUIRE(tx.ok());
    for (int i = 1; i <= 5; ++i) REQUIRE(store.upsert_bundle(sample_bundle("c", "US", i)).ok());
    REQUIRE(tx->commit().ok());
  }
  CHECK(*store.serial() == 1);
  CHECK(store.load("c")->bundles.size() == 5);
  {
    auto tx = store.begin();
    REQUIRE(tx.ok());
    REQUIRE(store.upsert_bundle(sample_bundle("c", "US", 6)).ok());
    // dropped without commit
  }
  CHECK(*store.serial() == 1);
  CHECK(store.load("c")->bundles.size() == 5);
}

TEST_CASE_TEMPLATE("load returns what was written, per campaign, thousands of rows", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  const int kBundles = 400;
  const int kSlotsPerBundle = 6;
  {
    Store store = open_new(path);
    auto tx = store.begin();
    REQUIRE(tx.ok());
    for (int i = 1; i <= kBundles; ++i) {
      KnownBundle b = sample_bundle("wave", i % 2 ? "US" : "FR", i);
      b.account = KnownAccount{"user" + std::to_string(i), "Glow Lab", "bio", std::string(64, 'c'), "configured", "", ""};
      REQUIRE(store.upsert_bundle(b).ok());
      for (int p = 1; p <= kSlotsPerBundle; ++p) REQUIRE(store.upsert_slot(sample_slot(b, "v" + std::to_string(p), p)).ok());
    }
    REQUIRE(store.upsert_bundle(sample_bundle("other", "DE", 1)).ok());
    REQUIRE(store.upsert_media({std::string(64, 'a'), "video", "https://cdn/a.mp4", ""}).ok());
    REQUIRE(store.upsert_media({std::string(64, 'a'), "profile_picture", "https://cdn/a.png", "pp/a.png"}).ok());
    REQUIRE(tx->commit().ok());
  }

  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto start = std::chrono::steady_clock::now();
  auto known = store->load("wave");
  auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(known.ok());
  MESSAGE("load of " << known->bundles.size() << " bundles and " << known->slots.size() << " slots took "
                     << std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us");
  CHECK(known->serial == 1);
  REQUIRE(known->bundles.size() == kBundles);
  CHECK(known->slots.size() == kBundles * kSlotsPerBundle);
  CHECK(known->media.size() == 2);

  KnownBundle expected = sample_bundle("wave", "FR", 10);
  const KnownBundle* got = nullptr;
  for (const auto& b : known->bundles)
    if (b.external_ref == expected.external_ref) got = &b;
  REQUIRE(got != nullptr);
  CHECK(got->id == expected.id);
  CHECK(got->country == "FR");
  CHECK(got->index == 10);
  CHECK(got->videos_quantity == 6);
  REQUIRE(got->account.has_value());
  CHECK(got->account->username == "user10");

  // Slots come ordered by bundle, then position.
  const KnownSlot& first = known->slots.front();
  CHECK(first.position == 1);
  CHECK(first.caption.find("#ad") != std::string::npos);
  CHECK(known->slots[1].bundle_ref == first.bundle_ref);
  CHECK(known->slots[1].position == 2);

  CHECK(store->load("other")->bundles.size() == 1);
  CHECK(store->load("other")->slots.empty());
  CHECK(store->load("")->bundles.size() == kBundles + 1);
}

TEST_CASE_TEMPLATE("upserting a bundle keeps its slots and account", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  KnownBundle b = sample_bundle("c", "US", 1);
  b.account = KnownAccount{"u", "v", "b", "", "configured", "", ""};
  REQUIRE(store.upsert_bundle(b).ok());
  REQUIRE(store.upsert_slot(sample_slot(b, "v1", 1)).ok());
  b.status = "published";
  b.account.reset();
  REQUIRE(store.upsert_bundle(b).ok());
  auto known = store.load("c");
  REQUIRE(known.ok());
  CHECK(known->bundles.at(0).status == "published");
  CHECK(known->bundles.at(0).account.has_value());
  CHECK(known->slots.size() == 1);
}

TEST_CASE_TEMPLATE("a slot position of a bundle is taken once", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  KnownBundle b = sample_bundle("c", "US", 1);
  REQUIRE(store.upsert_bundle(b).ok());
  REQUIRE(store.upsert_slot(sample_slot(b, "v1", 1)).ok());
  auto clash = store.upsert_slot(sample_slot(b, "v2", 1));
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().kind() == ErrorKind::conflict);
  CHECK(clash.error().message().find("position 1") != std::string::npos);
}

TEST_CASE_TEMPLATE("move renames a bundle with its slots and account, or a slot in its place", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  KnownBundle b = sample_bundle("c", "US", 1);
  b.account = KnownAccount{"u", "v", "b", "", "configured", "", ""};
  REQUIRE(store.upsert_bundle(b).ok());
  KnownSlot s = sample_slot(b, "v1", 3);
  REQUIRE(store.upsert_slot(s).ok());
  REQUIRE(store.upsert_bundle(sample_bundle("c", "US", 2)).ok());
  const long long before = *store.serial();

  auto moved = store.move("c-US-tiktok-1", "renamed-US-tiktok-1");
  REQUIRE(moved.ok());
  CHECK(*moved == RefKind::bundle);
  CHECK(*store.serial() == before + 1);
  auto bundle = store.find_bundle("renamed-US-tiktok-1");
  REQUIRE(bundle.ok());
  REQUIRE(bundle->has_value());
  CHECK((*bundle)->campaign == "renamed");  // the campaign prefix followed the rename
  CHECK((*bundle)->account.has_value());
  CHECK_FALSE(store.find_bundle("c-US-tiktok-1")->has_value());
  auto slot = store.find_slot(s.external_ref);
  REQUIRE(slot->has_value());
  CHECK((*slot)->bundle_ref == "renamed-US-tiktok-1");
  CHECK((*slot)->position == 3);

  auto slot_moved = store.move(s.external_ref, "c-v1-renamed-US-tiktok");
  REQUIRE(slot_moved.ok());
  CHECK(*slot_moved == RefKind::slot);
  auto renamed = store.find_slot("c-v1-renamed-US-tiktok");
  REQUIRE(renamed->has_value());
  CHECK((*renamed)->position == 3);
  CHECK((*renamed)->video_id == s.video_id);

  auto missing = store.move("nope", "x");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind() == ErrorKind::not_found);
  auto taken = store.move("renamed-US-tiktok-1", "c-US-tiktok-2");
  REQUIRE_FALSE(taken.ok());
  CHECK(taken.error().kind() == ErrorKind::conflict);
  CHECK(store.find_bundle("renamed-US-tiktok-1")->has_value());
}

TEST_CASE_TEMPLATE("remove forgets a bundle with its slots, or one slot", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  KnownBundle b = sample_bundle("c", "US", 1);
  REQUIRE(store.upsert_bundle(b).ok());
  REQUIRE(store.upsert_slot(sample_slot(b, "v1", 1)).ok());
  REQUIRE(store.upsert_slot(sample_slot(b, "v2", 2)).ok());
  KnownBundle b2 = sample_bundle("c", "US", 2);
  REQUIRE(store.upsert_bundle(b2).ok());
  KnownSlot keep = sample_slot(b2, "v1", 1);
  REQUIRE(store.upsert_slot(keep).ok());
  KnownSlot drop = sample_slot(b2, "v2", 2);
  REQUIRE(store.upsert_slot(drop).ok());

  auto removed = store.remove(b.external_ref);
  REQUIRE(removed.ok());
  CHECK(removed->kind == RefKind::bundle);
  CHECK(removed->slots_removed == 2);
  auto slot_removed = store.remove(drop.external_ref);
  REQUIRE(slot_removed.ok());
  CHECK(slot_removed->kind == RefKind::slot);

  auto known = store.load("c");
  REQUIRE(known->bundles.size() == 1);
  REQUIRE(known->slots.size() == 1);
  CHECK(known->slots[0].external_ref == keep.external_ref);

  auto again = store.remove(b.external_ref);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().kind() == ErrorKind::not_found);
}

TEST_CASE_TEMPLATE("meta and the credit cost cache round-trip and never hold a registered secret", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  Store store = open_new(Backend::fresh_location(dir));
  CHECK_FALSE(store.meta_get("api_base")->has_value());
  REQUIRE(store.meta_put("api_base", "http://localhost:8080").ok());
  CHECK(store.meta_get("api_base")->value() == "http://localhost:8080");
  CHECK_FALSE(store.meta_put("serial", "99").ok());

  Json costs = {{"bundle", {{"tiktok", 10}}}, {"video", 1}};
  REQUIRE(store.credit_costs_put("sim", costs).ok());
  auto cached = store.credit_costs_get("sim");
  REQUIRE(cached.ok());
  REQUIRE(cached->has_value());
  CHECK((*cached)->body == costs);
  CHECK((*cached)->fetched_at == "2027-01-15T12:00:00.000Z");  // stamped by the store's (fake) clock
  CHECK_FALSE(store.credit_costs_get("prod")->has_value());
}

TEST_CASE_TEMPLATE("a read-only store refuses writes", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  { open_new(path); }
  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  CHECK_FALSE(store->upsert_bundle(sample_bundle("c", "US", 1)).ok());
  CHECK_FALSE(store->begin().ok());
  CHECK(store->load("c")->bundles.empty());
}

TEST_CASE("reading a state file leaves no files behind and changes no byte") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  {
    Store store = open_new(path);
    REQUIRE(store.upsert_bundle(sample_bundle("c", "US", 1)).ok());
  }
  const std::string before = fingerprint(path);
  {
    auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
    REQUIRE(store.ok());
    REQUIRE(store->load().ok());
  }
  CHECK(fingerprint(path) == before);
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
  CHECK_FALSE(std::filesystem::exists(path + "-shm"));
}

TEST_CASE("two first runs against one empty PostgreSQL database both open it, and it is migrated once") {
  TempDir dir;
  const std::string uri = ugc::state::testing::PostgresBackend::fresh_location(dir);
  std::vector<std::string> failures(4);
  std::vector<std::thread> runs;
  for (size_t i = 0; i < failures.size(); ++i)
    runs.emplace_back([&failures, &uri, i] {
      auto store = Store::open(uri, {Access::read_write, true}, ugc::state::testing::fake_clock());
      if (!store) failures[i] = store.error().message();
    });
  for (auto& run : runs) run.join();
  for (const std::string& failure : failures) CHECK_MESSAGE(failure.empty(), failure);
  Store store = open_new(uri);
  CHECK(*store.serial() == 0);
  CHECK(store.state_id()->size() == 32);
}
