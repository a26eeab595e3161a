// WalCheckpointer: a long-running writer's WAL is checkpointed off its commit
// path, stays small, and loses nothing.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "state_fixture.hpp"
#include "ugc/state/events.hpp"
#include "ugc/state/wal_checkpointer.hpp"

namespace ugc::state::testing {

namespace {

Store open_writable(const std::string& path) {
  auto store = Store::open(path, {Access::read_write, /*create_if_missing=*/true}, fake_clock());
  REQUIRE(store.ok());
  return std::move(*store);
}

// Records `count` events of about 16 KiB each, one commit per event, as the
// receiver's small group commits do; returns the bytes of payload written.
std::uintmax_t record_events(Store& store, int from, int count) {
  const std::string filler(16384, 'x');
  std::uintmax_t bytes = 0;
  for (int i = from; i < from + count; ++i) {
    auto stored = record_event(store, "evt_ckpt_" + std::to_string(i), "bundle.published",
                               Json{{"id", "evt_ckpt_" + std::to_string(i)}, {"filler", filler}});
    REQUIRE(stored.ok());
    bytes += filler.size();
  }
  return bytes;
}

std::uintmax_t size_of(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

}  // namespace

TEST_CASE("wal checkpointer: a busy writer's WAL stays small and every event survives") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  Store store = open_writable(path);
  std::uintmax_t written = 0;
  {
    auto checkpointer = WalCheckpointer::start(store, std::chrono::milliseconds(2));
    REQUIRE(checkpointer.ok());
    REQUIRE(*checkpointer);
    for (int round = 0; round < 8; ++round) {
      written += record_events(store, round * 40, 40);
      // Gives the checkpoint thread its turn even on a loaded machine.
      const auto before = (*checkpointer)->checkpoints();
      while ((*checkpointer)->checkpoints() < before + 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    // Without checkpoints the WAL would hold every page written (more than
    // the payload); with them it is restarted and reused from its start.
    CHECK(size_of(path + "-wal") < written / 2);
  }
  auto events = recent_events(store, 5000);
  REQUIRE(events.ok());
  CHECK(events->size() == 320);
}

TEST_CASE("wal checkpointer: commits never checkpoint while it runs, and its last checkpoint copies everything") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  Store store = open_writable(path);
  std::uintmax_t written = 0;
  {
    auto checkpointer = WalCheckpointer::start(store, std::chrono::hours(1));
    REQUIRE(checkpointer.ok());
    written = record_events(store, 0, 300);
    // SQLite's own checkpoint would have run at 1000 pages (4 MiB), keeping
    // the WAL smaller than what was written.
    CHECK(size_of(path + "-wal") > written);
    CHECK(size_of(path) < written / 4);
  }
  CHECK(size_of(path) > written);
}

}  // namespace ugc::state::testing
