// WorkerSink (ugc/core/worker_sink.hpp): what is written reaches the target
// whole and in order, from another thread, and finish() returns only once it
// has all arrived (a checksum read before then would cover part of the plan).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "ugc/core/worker_sink.hpp"

namespace {

// Records what reaches it, slowly, and on which thread.
class SlowRecordingSink : public ugc::ByteSink {
 public:
  void write(std::string_view bytes) override {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    received += bytes;
    if (std::this_thread::get_id() != writer) ++from_other_threads;
  }
  std::string received;
  std::thread::id writer = std::this_thread::get_id();
  int from_other_threads = 0;
};

}  // namespace

TEST_CASE("a worker sink hands every byte on in order, off the writer's thread, and finish waits for the last") {
  SlowRecordingSink target;
  std::string expected;
  {
    ugc::WorkerSink sink(target);
    for (int i = 0; i < 200; ++i) {
      std::string piece = std::to_string(i) + ",";
      expected += piece;
      sink.write(piece);
      piece.assign(piece.size(), '#');  // the writer reuses its buffer at once
    }
    sink.write("");
    sink.finish();
    CHECK(target.received == expected);
    CHECK(target.from_other_threads == 200);
  }
  CHECK(target.received == expected);
}

TEST_CASE("a worker sink dropped without finish still delivers what was written") {
  SlowRecordingSink target;
  {
    ugc::WorkerSink sink(target);
    sink.write("first ");
    sink.write("second");
  }
  CHECK(target.received == "first second");
}

TEST_CASE("a worker sink ahead of a slow target waits for it instead of queueing the whole output") {
  // A target that takes a while per piece and says how much it has had.
  class SlowCountingSink : public ugc::ByteSink {
   public:
    void write(std::string_view bytes) override {
      std::this_thread::sleep_for(std::chrono::microseconds(300));
      received.fetch_add(bytes.size());
    }
    std::atomic<std::size_t> received{0};
  };
  SlowCountingSink target;
  const std::string piece(64 * 1024, 'x');
  std::size_t written = 0, most_waiting = 0;
  {
    ugc::WorkerSink sink(target);
    for (int i = 0; i < 100; ++i) {  // 6.4 MB
      sink.write(piece);
      written += piece.size();
      most_waiting = std::max(most_waiting, written - target.received.load());
    }
  }
  CHECK(target.received.load() == written);
  CHECK(most_waiting <= ugc::WorkerSink::kMaxPendingBytes + piece.size());
}
