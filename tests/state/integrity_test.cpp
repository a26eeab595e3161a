// Damaged state files, through the real `ugc state ...` binary and the Store:
// every command refuses them before touching them (the file stays
// byte-identical, no -wal or -shm is left), naming the file, `ugc state
// check` and the backups; the -wal file is checked too.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "raw_sqlite.hpp"
#include "state/state_fixture.hpp"
#include "support/child_process.hpp"
#include "ugc/state/integrity.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;

namespace {

void make_journaled_state(const std::string& path, int journal_rows) {
  write_sample_state(path, 20, false, journal_rows);
}

ugc::testing::RunResult ugc_state_cli(const std::string& cwd, std::vector<std::string> args) {
  args.insert(args.begin(), {UGC_BINARY, "state"});
  ugc::testing::RunOptions options;
  options.cwd = cwd;
  options.env["NO_COLOR"] = "1";
  return ugc::testing::run_process(args, options);
}

// A writer killed before it closed: its committed changes live in the -wal only.
void leave_state_in_wal(const std::string& path) {
  make_journaled_state(path, 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto store = Store::open(path, {Access::read_write}, fake_clock());
    for (int i = 100; store.ok() && i < 125; ++i) (void)store->upsert_bundle(sample_bundle("late", "FR", i));
    ::_exit(store.ok() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(std::filesystem::file_size(path + "-wal") > 20 * 4096);
}

// Flips bytes in the page data of the 5th frame (32-byte header, 24-byte frame
// headers), as a bad disk would, or as SQLite does for a moment when it
// rewrites a frame in place before fixing the checksums.
void damage_fifth_frame(const std::string& wal, const char* bytes = "\x01\x02\x03\x04\x05\x06\x07\x08") {
  std::fstream f(wal, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(32 + 4 * (24 + 4096) + 24 + 100);
  f.write(bytes, 8);
}

}  // namespace

TEST_CASE("random bytes in the journal pages: every state command exits 1 and the file stays byte-identical") {
  TempDir dir;
  const std::string path = dir.file(".ugc/state.db");
  make_journaled_state(path, 120);
  const auto pages = table_pages(path, "journal");
  REQUIRE(pages.size() > 4);
  scribble_page(path, pages[pages.size() / 2]);
  const std::string before = fingerprint(path);

  for (std::vector<std::string> args :
       {std::vector<std::string>{"list"}, {"list", "--format", "json"}, {"show", "wave-US-tiktok-1"},
        {"mv", "wave-US-tiktok-1", "x"}, {"rm", "wave-US-tiktok-1"}, {"unlock", "--force", "abc"}, {"upgrade"},
        {"backup"}, {"check"}}) {
    CAPTURE(args[0]);
    auto run = ugc_state_cli(dir.path(), args);
    CHECK(run.exit_code == 1);
    CHECK(run.err.find(".ugc/state.db is damaged") != std::string::npos);
    CHECK(run.err.find("ugc state check") != std::string::npos);
    CHECK(run.err.find(".ugc/state.db.backups/") != std::string::npos);
    CHECK(run.out.find("wave-US") == std::string::npos);
    CHECK(fingerprint(path) == before);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    CHECK_FALSE(std::filesystem::exists(path + "-shm"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.file(".ugc/state.db.backups")));
}

TEST_CASE("state check names the damage it finds, and a sound file passes") {
  TempDir dir;
  const std::string path = dir.file(".ugc/state.db");
  make_journaled_state(path, 60);
  auto sound = ugc_state_cli(dir.path(), {"check"});
  CHECK_MESSAGE(sound.exit_code == 0, sound.err);
  CHECK(sound.out.find("no damage found") != std::string::npos);

  scribble_page(path, table_pages(path, "video_slots").front());
  auto damaged = ugc_state_cli(dir.path(), {"check", "--format", "json"});
  CHECK(damaged.exit_code == 1);
  Json doc = Json::parse(damaged.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  CHECK(doc["ok"] == false);
  CHECK_FALSE(doc["problems"].empty());
}

TEST_CASE("a -wal file damaged in the middle is refused, a sound one left by a killed run is read") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  leave_state_in_wal(path);
  const std::string wal = path + "-wal";

  const std::string pristine = dir.file("pristine.db");
  std::filesystem::copy_file(path, pristine);
  std::filesystem::copy_file(wal, pristine + "-wal");
  {
    auto store = Store::open(pristine, {Access::read_only}, fake_clock());
    REQUIRE_MESSAGE(store.ok(), store.error().message());
    auto known = store->load("late");
    REQUIRE(known.ok());
    CHECK(known->bundles.size() == 25);
  }

  damage_fifth_frame(wal);
  const std::string before = fingerprint(path), wal_before = fingerprint(wal);
  auto store = Store::open(path, {Access::read_only}, fake_clock());
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message().find("-wal file is damaged") != std::string::npos);
  CHECK(store.error().message().find("ugc state check") != std::string::npos);
  CHECK(fingerprint(path) == before);
  CHECK(fingerprint(wal) == wal_before);
}

TEST_CASE("a -wal file a live writer is changing is not called damaged, damage that stays is") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  leave_state_in_wal(path);
  const std::string wal = path + "-wal", pristine = dir.file("pristine-wal");
  std::filesystem::copy_file(wal, pristine);
  damage_fifth_frame(wal);

  SUBCASE("the writer finishes its commit between two reads") {
    int pauses = 0;
    auto findings = check_wal_file(path, [&](int) {
      ++pauses;
      std::filesystem::copy_file(pristine, wal, std::filesystem::copy_options::overwrite_existing);
    });
    REQUIRE(findings.ok());
    CHECK(findings->empty());
    CHECK(pauses == 1);
  }
  SUBCASE("the writer keeps writing on every read") {
    int pauses = 0;
    auto findings = check_wal_file(path, [&](int attempt) {
      ++pauses;
      const char bytes[8] = {char(attempt), 9, 9, 9, 9, 9, 9, 9};
      damage_fifth_frame(wal, bytes);
    });
    REQUIRE(findings.ok());
    CHECK(findings->empty());
    CHECK(pauses > 1);
  }
  SUBCASE("nobody is writing: the same damage on the second read is reported") {
    int pauses = 0;
    auto findings = check_wal_file(path, [&](int) { ++pauses; });
    REQUIRE(findings.ok());
    REQUIRE(findings->size() == 1);
    CHECK(findings->front().find("damaged at frame 5 of") != std::string::npos);
    CHECK(pauses == 1);
  }
}
