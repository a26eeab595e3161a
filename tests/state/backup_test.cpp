// Backups (`ugc state backup`, rotation, `ugc state restore`) and
// `ugc state check --repair`, on real state files.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "raw_sqlite.hpp"
#include "state/state_fixture.hpp"
#include "support/child_process.hpp"
#include "ugc/state/backup.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;

namespace {

// <dir>/.ugc/state.db: 30 bundles with two slots each, `journal_rows` journal rows.
std::string make_backup_fixture(const TempDir& dir, int journal_rows) {
  const std::string path = dir.file(".ugc/state.db");
  write_sample_state(path, 30, true, journal_rows);
  return path;
}

ugc::testing::RunResult state_cli_in(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {UGC_BINARY, "state"});
  ugc::testing::RunOptions options;
  options.cwd = dir.path();
  return ugc::testing::run_process(args, options);
}

}  // namespace

TEST_CASE("ugc state backup then restore gives back the same state list") {
  TempDir dir;
  make_backup_fixture(dir, 5);
  auto original = state_cli_in(dir, {"list", "--format", "json"});
  REQUIRE(original.exit_code == 0);

  auto backup = state_cli_in(dir, {"backup", "--format", "json"});
  REQUIRE_MESSAGE(backup.exit_code == 0, backup.err);
  const std::string copy = Json::parse(backup.out)["backup"];
  CHECK(copy.find(".ugc/state.db.backups/state.db.") != std::string::npos);
  auto explicit_copy = state_cli_in(dir, {"backup", "-o", "elsewhere/copy.db"});
  REQUIRE_MESSAGE(explicit_copy.exit_code == 0, explicit_copy.err);
  CHECK(std::filesystem::exists(dir.file("elsewhere/copy.db")));

  REQUIRE(state_cli_in(dir, {"rm", "wave-US-tiktok-1"}).exit_code == 0);
  CHECK(state_cli_in(dir, {"list", "--format", "json"}).out != original.out);

  auto restore = state_cli_in(dir, {"restore", copy, "--format", "json"});
  REQUIRE_MESSAGE(restore.exit_code == 0, restore.err);
  const std::string kept = Json::parse(restore.out)["replaced_file_kept_as"];
  CHECK(std::filesystem::exists(dir.file(kept)));
  CHECK(state_cli_in(dir, {"list", "--format", "json"}).out == original.out);
  CHECK(state_cli_in(dir, {"check"}).exit_code == 0);
}

TEST_CASE("rotating backups keep the newest five") {
  TempDir dir;
  const std::string path = make_backup_fixture(dir, 0);
  auto clock = std::make_shared<FakeClock>();
  auto store = Store::open(path, {Access::read_only}, clock);
  REQUIRE(store.ok());
  std::vector<std::string> made;
  for (int i = 0; i < 7; ++i) {
    auto backup = rotate_backup(*store);
    REQUIRE_MESSAGE(backup.ok(), backup.error().message());
    made.push_back(*backup);
    clock->advance(std::chrono::seconds(90));
  }
  const auto kept = list_backups(path);
  CHECK(kept == std::vector<std::string>(made.begin() + 2, made.end()));
  CHECK_FALSE(std::filesystem::exists(made[0]));
  auto copy = Store::open(kept.back(), {Access::read_only}, clock);
  REQUIRE(copy.ok());
  auto known = copy->load();
  REQUIRE(known.ok());
  CHECK(known->slots.size() == 60);
}

TEST_CASE("check --repair rebuilds a file with damaged journal pages and keeps the damaged one") {
  TempDir dir;
  const std::string path = make_backup_fixture(dir, 150);
  auto before_damage = state_cli_in(dir, {"list", "--format", "json"});
  const auto pages = table_pages(path, "journal");
  REQUIRE(pages.size() > 6);
  scribble_page(path, pages[pages.size() / 2]);
  const std::string damaged = fingerprint(path);

  auto repair = state_cli_in(dir, {"check", "--repair", "--format", "json"});
  REQUIRE_MESSAGE(repair.exit_code == 0, repair.err);
  Json doc = Json::parse(repair.out);
  CHECK(doc["complete"] == false);
  const std::string kept = doc["damaged_file_kept_as"];
  CHECK(fingerprint(dir.file(kept)) == damaged);
  long long journal_kept = -1;
  for (const Json& t : doc["tables"])
    if (t["table"] == "journal") {
      journal_kept = t["rows_kept"];
      CHECK_FALSE(t["lost"].get<std::string>().empty());
    } else {
      CHECK(t["lost"] == "");
    }
  CHECK(journal_kept > 0);
  CHECK(journal_kept < 150);

  CHECK(state_cli_in(dir, {"check"}).exit_code == 0);
  auto after = state_cli_in(dir, {"list", "--format", "json"});
  REQUIRE(after.exit_code == 0);
  Json was = Json::parse(before_damage.out), now = Json::parse(after.out);
  CHECK(now["bundles"] == was["bundles"]);
  CHECK(now["slots"] == was["slots"]);
  CHECK(now["serial"].get<long long>() == was["serial"].get<long long>() + 1);
}

TEST_CASE("check --repair on damaged slot pages keeps the bundles and says which slots were lost") {
  TempDir dir;
  const std::string path = make_backup_fixture(dir, 0);
  const auto pages = table_pages(path, "video_slots");
  REQUIRE(pages.size() >= 3);
  scribble_page(path, pages[1]);

  auto repair = state_cli_in(dir, {"check", "--repair"});
  REQUIRE_MESSAGE(repair.exit_code == 0, repair.err);
  CHECK(repair.out.find("the damaged file is kept as") != std::string::npos);
  CHECK(repair.out.find("video_slots") != std::string::npos);
  CHECK(repair.out.find("some rows were lost") != std::string::npos);
  auto after = state_cli_in(dir, {"list", "--format", "json"});
  REQUIRE_MESSAGE(after.exit_code == 0, after.err);
  Json now = Json::parse(after.out);
  CHECK(now["bundles"].size() == 30);
  CHECK(now["slots"].size() < 60);
  CHECK(now["slots"].size() > 0);
}
