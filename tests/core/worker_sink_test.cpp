// WorkerSink (ugc/core/worker_sink.hpp): what is written reaches the target
// whole and in order, from another thread, and finish() returns only once it
// has all arrived (a checksum read before then would cover part of the plan).
#include <doctest/doctest.h>

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
