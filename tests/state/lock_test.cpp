#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <vector>

#include "raw_sqlite.hpp"
#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using namespace ugc::state::testing;
using namespace std::chrono_literals;

namespace {

Store open_store(const std::string& path, std::shared_ptr<Clock> clock = fake_clock()) {
  auto store = Store::open(path, {Access::read_write, true}, std::move(clock));
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

TEST_CASE_TEMPLATE("a second run waits for the lock, then fails naming the holder", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  auto clock = std::make_shared<FakeClock>();
  Store first = open_store(path, clock);
  auto held = acquire_lock(first, {"ugc apply", 0ms});
  REQUIRE(held.ok());
  CHECK(held->info().pid == ::getpid());
  CHECK(held->info().acquired_at == "2027-01-15T12:00:00.000Z");  // the store's clock

  Store second = open_store(path, clock);  // another connection, as another process would have
  auto blocked = acquire_lock(second, {"ugc state rm x", 150ms});
  REQUIRE_FALSE(blocked.ok());
  CHECK(clock->sleeps() == std::vector<Clock::duration>{50ms, 50ms, 50ms});  // polled until the timeout
  CHECK(blocked.error().kind() == ErrorKind::conflict);
  const std::string& message = blocked.error().message();
  CHECK(message.find("waited 150 ms") != std::string::npos);
  CHECK(message.find(held->id()) != std::string::npos);
  CHECK(message.find("ugc apply") != std::string::npos);
  CHECK(message.find("pid " + std::to_string(::getpid())) != std::string::npos);
  CHECK(message.find("since 2027-01-15T12:00:00.000Z") != std::string::npos);
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find("stale") == std::string::npos);  // the holder is alive

  REQUIRE(held->release().ok());
  auto now_free = acquire_lock(second, {"ugc state rm x", 0ms});
  CHECK(now_free.ok());
}

TEST_CASE_TEMPLATE("a lock released while the second run waits is taken", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  auto clock = std::make_shared<FakeClock>();
  Store first = open_store(path, clock);
  Store second = open_store(path, clock);
  std::optional<StateLock> held;
  {
    auto lock = acquire_lock(first, {"ugc apply", 0ms});
    REQUIRE(lock.ok());
    held.emplace(std::move(*lock));
  }
  // The holder finishes while the second run sleeps its second poll interval.
  clock->on_sleep([&](Clock::duration) {
    if (clock->sleeps().size() == 2) held.reset();  // the destructor releases
  });
  auto waited = acquire_lock(second, {"ugc apply", 5000ms});
  CHECK(waited.ok());
  CHECK(clock->sleeps() == std::vector<Clock::duration>{50ms, 50ms});
}

TEST_CASE("an old-style lock row of a dead process is removed by the next run, a live one blocks until forced") {
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
  CHECK((*info)->legacy);
  {
    auto taken = acquire_lock(store, {"ugc apply", 0ms});
    REQUIRE_MESSAGE(taken.ok(), taken.error().message());
  }
  CHECK_FALSE(current_lock(store)->has_value());  // the dead row is gone, the OS lock released

  // An older ugc still running (this very process stands in for it).
  REQUIRE(raw_exec(path, "INSERT INTO locks VALUES ('state', 'cafe00000001', " + std::to_string(::getpid()) + ", '" +
                             hostname() + "', 'ugc apply', '2026-11-25T10:00:00.000Z')") == "");
  auto blocked = acquire_lock(store, {"ugc apply", 0ms, "apply-e2e"});
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().message().find("ugc state unlock --force cafe00000001") != std::string::npos);
  auto wrong = force_unlock(store, "another");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().kind() == ErrorKind::not_found);
  CHECK(wrong.error().message().find("cafe00000001") != std::string::npos);
  auto broken = force_unlock(store, "cafe00000001");
  REQUIRE(broken.ok());
  CHECK(broken->pid == ::getpid());
  CHECK(acquire_lock(store, {"ugc apply", 0ms, "apply-e2e"}).ok());
}

TEST_CASE_TEMPLATE("a lock held by a process killed with SIGKILL is released with no unlock (by the OS or the database server)", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto clock = make_system_clock();
    auto lock = acquire_lock(path, *clock, {"ugc reconcile", 0ms, "wave"});
    const char byte = lock.ok() ? 'y' : 'n';
    (void)!::write(ready[1], &byte, 1);
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  REQUIRE(byte == 'y');

  auto clock = std::make_shared<FakeClock>();
  Store store = open_store(path, clock);
  auto blocked = acquire_lock(store, {"ugc apply", 100ms, "wave"});
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().message().find("pid " + std::to_string(child)) != std::string::npos);
  CHECK(blocked.error().message().find("ugc reconcile") != std::string::npos);
  auto holders = current_locks(store);
  REQUIRE(holders.ok());
  REQUIRE(holders->size() == 1);
  CHECK(holders->front().campaign == "wave");
  auto refused = force_unlock(store, holders->front().id);  // a live holder is never broken
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind() == ErrorKind::conflict);

  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  // No unlock, no flag. A database server notices the lost connection a
  // moment later: the wait is real (the kernel's release is immediate).
  auto taken = acquire_lock(path, *make_system_clock(), {"ugc apply", 5000ms, "wave"});
  CHECK_MESSAGE(taken.ok(), (taken.ok() ? "" : taken.error().message()));
}

TEST_CASE_TEMPLATE("campaign locks: two campaigns at once, one campaign once, the whole state excludes both", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  auto clock = std::make_shared<FakeClock>();
  Store first = open_store(path, clock);
  Store second = open_store(path, clock);
  auto a = acquire_lock(first, {"ugc reconcile a", 0ms, "alpha"});
  REQUIRE(a.ok());
  auto b = acquire_lock(second, {"ugc reconcile b", 0ms, "beta"});
  CHECK(b.ok());
  auto a_again = acquire_lock(second, {"ugc apply", 0ms, "alpha"});
  REQUIRE_FALSE(a_again.ok());
  CHECK(a_again.error().message().find("campaign alpha") != std::string::npos);
  CHECK(a_again.error().message().find(a->id()) != std::string::npos);
  auto whole = acquire_lock(second, {"ugc state rm x", 0ms});
  REQUIRE_FALSE(whole.ok());
  CHECK(whole.error().message().find("ugc reconcile a") != std::string::npos);
  REQUIRE(a->release().ok());
  if (b.ok()) REQUIRE(b->release().ok());
  auto now_whole = acquire_lock(second, {"ugc state rm x", 0ms});
  REQUIRE(now_whole.ok());
  CHECK_FALSE(acquire_lock(first, {"ugc reconcile a", 0ms, "alpha"}).ok());  // the whole state excludes campaigns
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

TEST_CASE_TEMPLATE("a held lock verifies as held, a released one as lost", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  Store store = open_store(path);
  auto held = acquire_lock(store, {"ugc apply", 0ms, "alpha"});
  REQUIRE(held.ok());
  CHECK(held->verify_held().ok());
  CHECK(held->verify_held().ok());  // asking does not disturb the lock
  REQUIRE(held->release().ok());
  Status after = held->verify_held();
  REQUIRE_FALSE(after.ok());
  CHECK(after.error().code() == "STATE_LOCK_LOST");
}

TEST_CASE("a PostgreSQL lock whose connection the server ended is reported lost, naming what happened") {
  TempDir dir;
  const std::string uri = PostgresBackend::fresh_location(dir);
  Store store = open_store(uri);
  auto held = acquire_lock(store, {"ugc apply", 0ms, "alpha"});
  REQUIRE(held.ok());
  REQUIRE(held->verify_held().ok());

  // What a network cut, a failover or an administrator does to the lock's session.
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE(server.execute(ugc::testing::PgServer::database_of(uri),
                         "SELECT pg_terminate_backend(backend_pid::int) FROM ugc_lock_holders "
                         "WHERE name = 'campaign:alpha'") == "");
  Status lost = held->verify_held();
  REQUIRE_FALSE(lost.ok());
  CHECK(lost.error().kind() == ErrorKind::conflict);
  CHECK(lost.error().code() == "STATE_LOCK_LOST");
  const std::string& message = lost.error().message();
  CHECK(message.find("lost the lock of campaign alpha in PostgreSQL state") != std::string::npos);
  CHECK(message.find("its connection ended") != std::string::npos);
  CHECK(message.find("stopped before its next paid request") != std::string::npos);
  CHECK_FALSE(held->verify_held().ok());  // still lost: the connection is not silently remade

  // The server dropped the lock with the session: another run takes it at once.
  Store other = open_store(uri);
  CHECK(acquire_lock(other, {"ugc apply", 0ms, "alpha"}).ok());
}
