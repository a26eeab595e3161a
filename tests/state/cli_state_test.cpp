// The real `ugc state ...` binary against state files populated through the Store.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "raw_sqlite.hpp"
#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/state_uri.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;
using namespace std::chrono_literals;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `ugc state <args>` in `cwd`, capturing stdout and stderr.
Run ugc_state(const TempDir& dir, const std::string& args, const std::string& cwd = {}) {
  const std::string out = dir.file(".out"), err = dir.file(".err");
  std::string command = "cd " + quote(cwd.empty() ? dir.path() : cwd) + " && NO_COLOR=1 " + quote(UGC_BINARY) +
                        " state " + args + " >" + quote(out) + " 2>" + quote(err);
  int status = std::system(command.c_str());
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_text_file(out);
  run.err = read_text_file(err);
  return run;
}

// A state file at <dir>/.ugc/state.db with two bundles, three slots, one media.
std::string populate(const TempDir& dir) {
  const std::string path = dir.file(".ugc/state.db");
  auto store = Store::open(path, {Access::read_write, true}, fake_clock());
  REQUIRE(store.ok());
  KnownBundle us = sample_bundle("wave", "US", 1);
  us.account = KnownAccount{"glowlab.us1", "Glow Lab", "Honest reviews", "", "configured", "", ""};
  REQUIRE(store->upsert_bundle(us).ok());
  KnownBundle fr = sample_bundle("wave", "FR", 1);
  REQUIRE(store->upsert_bundle(fr).ok());
  REQUIRE(store->upsert_slot(sample_slot(us, "review", 1)).ok());
  REQUIRE(store->upsert_slot(sample_slot(us, "unboxing", 2)).ok());
  REQUIRE(store->upsert_slot(sample_slot(fr, "review", 1)).ok());
  REQUIRE(store->upsert_media({std::string(64, 'a'), "video", "https://cdn.example.com/a.mp4", ""}).ok());
  return path;
}

}  // namespace

TEST_CASE("ugc state list prints the recorded resources as JSON and text") {
  TempDir dir;
  const std::string path = populate(dir);
  Run json = ugc_state(dir, "list --format json");
  REQUIRE_MESSAGE(json.exit_code == 0, json.err);
  Json doc = Json::parse(json.out);
  CHECK(doc["serial"] == 6);
  CHECK(doc["lock"].is_null());
  REQUIRE(doc["bundles"].size() == 2);
  CHECK(doc["bundles"][1]["ref"] == "wave-US-tiktok-1");
  CHECK(doc["bundles"][1]["account"]["username"] == "glowlab.us1");
  CHECK(doc["bundles"][0]["account"].is_null());
  CHECK(doc["slots"].size() == 3);
  CHECK(doc["media"].size() == 1);

  Run text = ugc_state(dir, "list --state " + quote(path));
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("serial 6") != std::string::npos);
  CHECK(text.out.find("bundle  wave-US-tiktok-1") != std::string::npos);
  CHECK(text.out.find("wave-review-US-tiktok-1") != std::string::npos);
}

TEST_CASE("ugc state show prints one bundle or slot, and fails on an unknown ref") {
  TempDir dir;
  populate(dir);
  Run bundle = ugc_state(dir, "show wave-US-tiktok-1 --format json");
  REQUIRE_MESSAGE(bundle.exit_code == 0, bundle.err);
  Json doc = Json::parse(bundle.out);
  CHECK(doc["kind"] == "bundle");
  CHECK(doc["slots"] == Json::array({"wave-review-US-tiktok-1", "wave-unboxing-US-tiktok-1"}));

  Run slot = ugc_state(dir, "show wave-review-FR-tiktok-1");
  REQUIRE(slot.exit_code == 0);
  CHECK(slot.out.find("slot wave-review-FR-tiktok-1") != std::string::npos);
  CHECK(slot.out.find("wave-FR-tiktok-1") != std::string::npos);

  Run missing = ugc_state(dir, "show nope");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no bundle or slot nope") != std::string::npos);
}

TEST_CASE("ugc state mv and rm change the state file, the serial moves") {
  TempDir dir;
  const std::string path = populate(dir);
  Run mv = ugc_state(dir, "mv wave-US-tiktok-1 wave-US-tiktok-7 --format json");
  REQUIRE_MESSAGE(mv.exit_code == 0, mv.err);
  Json moved = Json::parse(mv.out);
  CHECK(moved["moved"]["kind"] == "bundle");
  CHECK(moved["serial"] == 7);

  Run rm = ugc_state(dir, "rm wave-US-tiktok-7");
  REQUIRE_MESSAGE(rm.exit_code == 0, rm.err);
  CHECK(rm.out.find("2 slot(s)") != std::string::npos);
  CHECK(rm.out.find("nothing was changed at TokPortal") != std::string::npos);

  auto store = Store::open(path, {Access::read_only}, fake_clock());
  REQUIRE(store.ok());
  auto known = store->load();
  REQUIRE(known->bundles.size() == 1);
  CHECK(known->bundles[0].external_ref == "wave-FR-tiktok-1");
  CHECK(known->slots.size() == 1);
  CHECK(known->serial == 8);
  CHECK_FALSE(current_lock(*store)->has_value());  // the commands released their lock

  Run again = ugc_state(dir, "rm wave-US-tiktok-7");
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("wave-US-tiktok-7") != std::string::npos);
}

TEST_CASE("a writing state command waits for the lock, fails naming the holder, and unlock --force never breaks a live one") {
  TempDir dir;
  const std::string path = populate(dir);
  std::string holder_id;
  {
    auto store = Store::open(path, {Access::read_write}, fake_clock());
    REQUIRE(store.ok());
    auto lock = acquire_lock(*store, {"ugc apply", 0ms, "wave"});
    REQUIRE(lock.ok());
    holder_id = lock->id();
    Run blocked = ugc_state(dir, "rm wave-FR-tiktok-1 --lock-timeout 300ms");
    CHECK(blocked.exit_code == 1);
    CHECK(blocked.err.find(holder_id) != std::string::npos);
    CHECK(blocked.err.find("ugc apply") != std::string::npos);
    CHECK(blocked.err.find("pid " + std::to_string(::getpid())) != std::string::npos);
    CHECK(store->find_bundle("wave-FR-tiktok-1")->has_value());  // nothing was removed
    CHECK(*store->serial() == 6);

    Run listed = ugc_state(dir, "list --format json");  // readers do not need the lock
    REQUIRE(listed.exit_code == 0);
    CHECK(Json::parse(listed.out)["lock"]["id"] == holder_id);
    CHECK(Json::parse(listed.out)["locks"][0]["campaign"] == "wave");

    Run unlock = ugc_state(dir, "unlock --force " + holder_id);
    CHECK(unlock.exit_code == 1);
    CHECK(unlock.err.find("never broken") != std::string::npos);
  }  // released, as a killed holder's lock would be by the kernel
  Run wrong = ugc_state(dir, "unlock --force nothere");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err.find("nothere") != std::string::npos);
  Run rm = ugc_state(dir, "rm wave-FR-tiktok-1");
  CHECK(rm.exit_code == 0);
}

TEST_CASE("ugc state list on a missing file fails and creates nothing") {
  TempDir dir;
  Run run = ugc_state(dir, "list");
  CHECK(run.exit_code == 1);
  CHECK(run.err.find(".ugc/state.db") != std::string::npos);
  CHECK(run.err.find("does not exist") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file(".ugc")));
  Run rm = ugc_state(dir, "rm x");
  CHECK(rm.exit_code == 1);
  CHECK_FALSE(std::filesystem::exists(dir.file(".ugc")));
}

TEST_CASE("state commands on a damaged file fail with exit 1 and leave it byte-identical") {
  TempDir dir;
  const std::string path = populate(dir);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    for (std::streamoff page = 4096; page < static_cast<std::streamoff>(std::filesystem::file_size(path));
         page += 4096) {
      f.seekp(page);
      f.write("\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee", 12);
    }
  }
  const std::string before = fingerprint(path);
  for (std::string args : {"list", "list --format json", "show wave-US-tiktok-1", "rm wave-US-tiktok-1",
                           "mv wave-US-tiktok-1 x", "check"}) {
    CAPTURE(args);
    Run run = ugc_state(dir, args);
    CHECK(run.exit_code == 1);
    CHECK(run.err.find(".ugc/state.db") != std::string::npos);
    CHECK(run.out.find("wave-") == std::string::npos);
    CHECK(fingerprint(path) == before);
  }
}

TEST_CASE("ugc state check reports journal entries an interrupted run left open") {
  TempDir dir;
  const std::string path = populate(dir);
  {
    auto store = Store::open(path, {Access::read_write}, fake_clock());
    REQUIRE(store.ok());
    REQUIRE(journal_begin(*store, {"publish-US", "POST", "/bundles/B1/publish", "idem-77", "h", "r"}).ok());
  }
  Run run = ugc_state(dir, "check --format json");
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  Json doc = Json::parse(run.out);
  CHECK(doc["ok"] == true);
  REQUIRE(doc["open_journal_entries"].size() == 1);
  CHECK(doc["open_journal_entries"][0]["idempotency_key"] == "idem-77");
}

TEST_CASE("ugc state upgrade migrates an old file, reading commands ask for it") {
  TempDir dir;
  const std::string path = dir.file("old.db");
  REQUIRE(raw_exec(path, read_text_file(std::string(UGC_TEST_DATA) + "/state/schema_v1.sql")) == "");
  Run list = ugc_state(dir, "list --state old.db");
  CHECK(list.exit_code == 1);
  CHECK(list.err.find("ugc state upgrade") != std::string::npos);
  Run upgrade = ugc_state(dir, "upgrade --state old.db");
  REQUIRE_MESSAGE(upgrade.exit_code == 0, upgrade.err);
  Run again = ugc_state(dir, "list --state old.db --format json");
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK(Json::parse(again.out)["bundles"][0]["ref"] == "old-US-tiktok-1");
}

TEST_CASE("ugc state migrate --to postgres and pull -o copy the state, verified, and never print a password") {
  TempDir dir;
  populate(dir);
  const std::string plain = PostgresBackend::fresh_location(dir);
  // libpq's trust login ignores the password: it is there to be hidden.
  const std::string with_password = "postgres://ugc:hunter2secret@" + plain.substr(std::string("postgres://").size());

  Run migrated = ugc_state(dir, "migrate --to " + quote(with_password));
  INFO(migrated.out << migrated.err);
  REQUIRE(migrated.exit_code == 0);
  CHECK(migrated.out.find("verified") != std::string::npos);
  CHECK(migrated.out.find("hunter2secret") == std::string::npos);

  Run listed = ugc_state(dir, "list --format json --state " + quote(with_password));
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find("hunter2secret") == std::string::npos);
  Run local = ugc_state(dir, "list --format json");
  Json remote_doc = Json::parse(listed.out);
  Json local_doc = Json::parse(local.out);
  CHECK(remote_doc["bundles"] == local_doc["bundles"]);
  CHECK(remote_doc["slots"] == local_doc["slots"]);
  CHECK(remote_doc["serial"] == local_doc["serial"]);

  Run again = ugc_state(dir, "migrate --to " + quote(with_password));
  CHECK(again.exit_code != 0);  // the destination holds state now
  CHECK(again.err.find("already holds state") != std::string::npos);
  CHECK(again.err.find("hunter2secret") == std::string::npos);

  Run pulled = ugc_state(dir, "pull -o snapshot.db --state " + quote(with_password));
  INFO(pulled.out << pulled.err);
  REQUIRE(pulled.exit_code == 0);
  Run snapshot = ugc_state(dir, "list --format json --state snapshot.db");
  REQUIRE(snapshot.exit_code == 0);
  CHECK(Json::parse(snapshot.out)["slots"] == local_doc["slots"]);

  Run backup = ugc_state(dir, "backup --state " + quote(with_password));
  CHECK(backup.exit_code != 0);
  CHECK(backup.err.find("ugc state pull") != std::string::npos);
  CHECK(backup.err.find("hunter2secret") == std::string::npos);
}

// An empty PostgreSQL database is where a team starts; an SQLite state is
// created by its first apply (upgrade never makes a file at a mistyped path).
TEST_CASE_TEMPLATE("ugc state upgrade creates the schema in an empty database and leaves an up-to-date state as it is",
                   Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string location = Backend::fresh_location(dir);
  if (!is_postgres_uri(location)) REQUIRE(Store::open(location, {Access::read_write, true}, fake_clock()).ok());
  Run first = ugc_state(dir, "upgrade --format json --state " + quote(location));
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  const Json upgraded = Json::parse(first.out);
  CHECK(upgraded["schema_version"].get<int>() > 0);
  Run listed = ugc_state(dir, "list --format json --state " + quote(location));
  REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
  CHECK(Json::parse(listed.out)["bundles"].empty());

  // Up to date: the same answer, the same state (its serial does not move).
  Run again = ugc_state(dir, "upgrade --format json --state " + quote(location));
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK(Json::parse(again.out)["schema_version"] == upgraded["schema_version"]);
  Run relisted = ugc_state(dir, "list --format json --state " + quote(location));
  REQUIRE_MESSAGE(relisted.exit_code == 0, relisted.err);
  CHECK(Json::parse(relisted.out)["serial"] == Json::parse(listed.out)["serial"]);
}
