#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "raw_sqlite.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;
using namespace std::chrono_literals;

namespace {

Store open_store(const std::string& path) {
  auto store = Store::open(path, {Access::read_write, true});
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message()));
  return std::move(*store);
}

// A pid that is certainly not running: a child that has exited and been reaped.
long long dead_pid() {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

std::string hostname() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

}  // namespace

TEST_CASE("a second run waits for the lock, then fails naming the holder") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  Store first = open_store(path);
  auto held = acquire_lock(first, {"ugc apply", 0ms});
  REQUIRE(held.ok());
  CHECK(held->info().pid == ::getpid());

  Store second = open_store(path);  // another connection, as another process would have
  const auto start = std::chrono::steady_clock::now();
  auto blocked = acquire_lock(second, {"ugc state rm x", 150ms});
  const auto waited = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(blocked.ok());
  CHECK(waited >= 150ms);
  CHECK(blocked.error().kind() == ErrorKind::conflict);
  const std::string& message = blocked.error().message();
  CHECK(message.find(held->id()) != std::string::npos);
  CHECK(message.find("ugc apply") != std::string::npos);
  CHECK(message.find("pid " + std::to_string(::getpid())) != std::string::npos);
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find("stale") == std::string::npos);  // the holder is alive

  REQUIRE(held->release().ok());
  auto now_free = acquire_lock(second, {"ugc state rm x", 0ms});
  CHECK(now_free.ok());
}

TEST_CASE("a lock released while the second run waits is taken") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  Store first = open_store(path);
  Store second = open_store(path);
  std::optional<StateLock> held;
  {
    auto lock = acquire_lock(first, {"ugc apply", 0ms});
    REQUIRE(lock.ok());
    held.emplace(std::move(*lock));
  }
  std::atomic<bool> releasing{false};
  std::thread releaser([&] {
    std::this_thread::sleep_for(100ms);
    releasing = true;  // set before the release, so a lock taken early shows
    held.reset();      // the destructor releases
  });
  const auto start = std::chrono::steady_clock::now();
  auto taken = acquire_lock(second, {"ugc apply", 5000ms});
  const bool after_release = releasing;  // read before join: did it wait for the release?
  const auto waited = std::chrono::steady_clock::now() - start;
  releaser.join();
  CHECK(taken.ok());
  CHECK(after_release);
  CHECK(waited >= 100ms);
}

TEST_CASE("a lock left by a dead process is reported as stale but not broken until forced") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  Store store = open_store(path);
  const long long pid = dead_pid();
  REQUIRE(raw_exec(path, "INSERT INTO locks VALUES ('state', 'deadbeef0001', " + std::to_string(pid) + ", '" +
                             hostname() + "', 'ugc apply', '2026-11-25T10:00:00.000Z')") == "");

  auto info = current_lock(store);
  REQUIRE(info.ok());
  REQUIRE(info->has_value());
  CHECK((*info)->stale);

  auto blocked = acquire_lock(store, {"ugc apply", 0ms});
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().message().find("stale") != std::string::npos);
  CHECK(blocked.error().message().find("ugc state unlock --force deadbeef0001") != std::string::npos);
  CHECK(current_lock(store)->has_value());  // still there

  auto wrong = force_unlock(store, "another");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().kind() == ErrorKind::not_found);
  CHECK(wrong.error().message().find("deadbeef0001") != std::string::npos);

  auto broken = force_unlock(store, "deadbeef0001");
  REQUIRE(broken.ok());
  CHECK(broken->pid == pid);
  CHECK_FALSE(current_lock(store)->has_value());
  CHECK(acquire_lock(store, {"ugc apply", 0ms}).ok());
}

TEST_CASE("lock timeouts parse from the flag's forms") {
  CHECK(*parse_lock_timeout("30s") == 30000ms);
  CHECK(*parse_lock_timeout("2m") == 120000ms);
  CHECK(*parse_lock_timeout("250ms") == 250ms);
  CHECK(*parse_lock_timeout("0") == 0ms);
  CHECK(*parse_lock_timeout("7") == 7000ms);
  CHECK_FALSE(parse_lock_timeout("soon").ok());
  CHECK_FALSE(parse_lock_timeout("-1s").ok());
  CHECK_FALSE(parse_lock_timeout("5h").ok());
}
