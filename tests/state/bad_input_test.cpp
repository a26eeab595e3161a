// Damaged, foreign, newer, locked and unwritable state files: each gets an
// Error naming the file, and the file is byte-identical afterwards.
#include <doctest/doctest.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "raw_sqlite.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;
using namespace std::chrono_literals;

namespace {

// A closed, checkpointed state file with a few hundred rows over several pages.
void make_state(const std::string& path) {
  auto store = Store::open(path, {Access::read_write, true}, fake_clock());
  REQUIRE(store.ok());
  auto tx = store->begin();
  REQUIRE(tx.ok());
  for (int i = 1; i <= 200; ++i) {
    KnownBundle b = sample_bundle("c", "US", i);
    REQUIRE(store->upsert_bundle(b).ok());
    REQUIRE(store->upsert_slot(sample_slot(b, "v1", 1)).ok());
  }
  REQUIRE(tx->commit().ok());
}

void overwrite(const std::string& path, std::streamoff offset, const std::string& bytes) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(offset);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Every b-tree page but the first gets a garbage page header.
void corrupt_pages(const std::string& path) {
  const auto size = static_cast<std::streamoff>(std::filesystem::file_size(path));
  for (std::streamoff page = 4096; page < size; page += 4096) overwrite(path, page, std::string(12, '\xee'));
}

// Opens and loads, as every reading command does; returns the first error.
std::optional<Error> open_and_load(const std::string& path, Access access) {
  auto store = Store::open(path, {access, false, 100ms}, fake_clock());
  if (!store) return store.error();
  auto known = store->load();
  if (!known) return known.error();
  if (access == Access::read_write) {
    if (auto s = store->upsert_bundle(sample_bundle("c", "FR", 1)); !s) return s.error();
  }
  return std::nullopt;
}

// Runs `body` in a child process as user nobody (root ignores directory
// permissions); returns what it wrote, or "child failed".
std::string as_nobody(const std::function<std::string()>& body) {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(out[0]);
    if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0))
      ::_exit(2);
    std::string text = body();
    if (::write(out[1], text.data(), text.size()) < 0) ::_exit(3);
    ::_exit(0);
  }
  ::close(out[1]);
  std::string text;
  char buf[512];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? text : "child failed";
}

std::string describe(const std::optional<Error>& e) {
  if (!e) return "ok";
  return std::string(to_string(e->kind())) + "|" + e->message();
}

}  // namespace

TEST_CASE("a corrupted state file is reported as damaged and left byte-identical") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  make_state(path);
  corrupt_pages(path);
  const std::string before = fingerprint(path);
  for (Access access : {Access::read_only, Access::read_write}) {
    auto error = open_and_load(path, access);
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::io);
    CHECK(error->message().find(path) != std::string::npos);
    CHECK(error->message().find("damaged") != std::string::npos);
    CHECK(fingerprint(path) == before);
  }
}

TEST_CASE("a truncated state file is reported as truncated and left byte-identical") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  make_state(path);
  for (std::uintmax_t keep : {std::filesystem::file_size(path) / 2, std::uintmax_t{50}, std::uintmax_t{0}}) {
    CAPTURE(keep);
    std::filesystem::resize_file(path, keep);
    const std::string before = fingerprint(path);
    for (Access access : {Access::read_only, Access::read_write}) {
      auto error = open_and_load(path, access);
      REQUIRE(error.has_value());
      CHECK(error->kind() == ErrorKind::io);
      CHECK(error->message().find(path) != std::string::npos);
      CHECK((error->message().find("truncated") != std::string::npos ||
             error->message().find("empty") != std::string::npos));
      CHECK(fingerprint(path) == before);
    }
  }
}

TEST_CASE("a file that is not a ugc state file is refused and left alone") {
  TempDir dir;
  const std::string text = dir.file("notes.txt");
  std::ofstream(text) << "bundles: none\n";
  const std::string other = dir.file("other.db");
  REQUIRE(raw_exec(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);") == "");
  for (const std::string& path : {text, other}) {
    const std::string before = fingerprint(path);
    auto error = open_and_load(path, Access::read_write);
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::invalid_input);
    CHECK(error->message().find("not a ugc state file") != std::string::npos);
    CHECK(fingerprint(path) == before);
  }
  auto dir_error = open_and_load(dir.path(), Access::read_only);
  REQUIRE(dir_error.has_value());
  CHECK(dir_error->message().find("directory") != std::string::npos);
}

TEST_CASE("a database another process is writing gives a conflict after the busy timeout") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  make_state(path);
  const std::string before = fingerprint(path);

  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  auto error = open_and_load(path, Access::read_write);
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::conflict);
  CHECK(error->message().find(path) != std::string::npos);
  CHECK(error->message().find("another process") != std::string::npos);
  // Readers are not blocked by a writer (WAL).
  CHECK_FALSE(open_and_load(path, Access::read_only).has_value());

  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK(fingerprint(path) == before);
}

TEST_CASE("a state file in a read-only directory cannot be written, and says so") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  make_state(path);
  const std::string before = fingerprint(path);
  // Owned by nobody, read-only for everyone: writing needs a -wal file beside it.
  REQUIRE(::chown(dir.path().c_str(), 65534, 65534) == 0);
  REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);
  REQUIRE(::chmod(dir.path().c_str(), 0555) == 0);

  std::string writing = as_nobody([&] { return describe(open_and_load(path, Access::read_write)); });
  CHECK(writing.rfind("i/o|", 0) == 0);
  CHECK(writing.find(path) != std::string::npos);
  CHECK(writing.find("writable") != std::string::npos);

  const std::string fresh = dir.file("new/state.db");
  std::string creating = as_nobody([&] {
    auto store = Store::open(fresh, {Access::read_write, true}, fake_clock());
    return describe(store ? std::nullopt : std::optional<Error>(store.error()));
  });
  CHECK(creating.rfind("i/o|", 0) == 0);
  CHECK(creating.find("new") != std::string::npos);

  std::string reading = as_nobody([&] { return describe(open_and_load(path, Access::read_only)); });
  CHECK(reading == "ok");

  CHECK(fingerprint(path) == before);
  CHECK_FALSE(std::filesystem::exists(dir.file("new")));
}
