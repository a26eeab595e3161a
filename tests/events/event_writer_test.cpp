// Group commit into a real SQLite state file: concurrent callers, duplicates
// in one batch and across batches, durability across a reopen.
#include <doctest/doctest.h>

#include <set>
#include <thread>
#include <vector>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/events/event_writer.hpp"
#include "ugc/state/events.hpp"

using namespace ugc;
using namespace ugc::events;

namespace {

WebhookEvent writer_test_event(const std::string& id) {
  return {id, "bundle.published", "2026-05-25", "2026-05-25T12:00:00Z", Json{{"id", id}, {"type", "bundle.published"}}};
}

state::Store open_writer_test_store(const std::string& path) {
  auto store = state::Store::open(path, {state::Access::read_write, true}, std::make_shared<testing::FakeClock>());
  REQUIRE_MESSAGE(store, store.error().message());
  return std::move(*store);
}

}  // namespace

TEST_CASE("concurrent deliveries of overlapping events are each stored exactly once and survive a reopen") {
  testing::TempDir dir;
  const std::string path = dir.file("state.db");
  constexpr int kThreads = 8, kPerThread = 40, kDistinct = 100;
  std::atomic<int> stored{0}, duplicates{0}, failed{0};
  {
    auto store = open_writer_test_store(path);
    EventWriter writer(store);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          // Every id is sent by several threads, often in the same batch.
          auto r = writer.record(writer_test_event("evt_" + std::to_string((t * 7 + i * 13) % kDistinct)));
          if (!r) ++failed;
          else if (*r == Recorded::stored) ++stored;
          else ++duplicates;
        }
      });
    for (auto& th : threads) th.join();
    CHECK(writer.commits() <= static_cast<std::size_t>(kThreads * kPerThread));
  }
  CHECK(failed == 0);
  CHECK(stored + duplicates == kThreads * kPerThread);

  auto reopened = open_writer_test_store(path);
  auto events = state::recent_events(reopened, 100000);
  REQUIRE(events);
  std::set<std::string> ids;
  for (const auto& e : *events) ids.insert(e.event_id);
  CHECK(ids.size() == events->size());  // no id twice
  CHECK(static_cast<int>(events->size()) == stored.load());

  // A redelivery after the restart changes nothing.
  EventWriter again(reopened);
  auto replay = again.record(writer_test_event(*ids.begin()));
  REQUIRE(replay);
  CHECK(*replay == Recorded::duplicate);
  CHECK(state::recent_events(reopened, 100000)->size() == events->size());
}
