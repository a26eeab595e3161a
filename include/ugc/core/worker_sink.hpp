#pragma once
// A ByteSink that passes what is written on to another sink from a thread of
// its own, in order, so the writer goes on meanwhile: a signed JSON plan is
// hashed (SHA-256 of its compact form) while its indented form is written,
// and a plan is written to stdout while the next piece is made. At most
// kMaxPendingBytes wait at a time (a writer ahead of a slow reader of stdout
// waits for it), so a streamed plan stays a stream.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "ugc/core/byte_sink.hpp"

namespace ugc {

class WorkerSink : public ByteSink {
 public:
  // `target` is written only from the worker thread until finish() returns.
  explicit WorkerSink(ByteSink& target);
  ~WorkerSink() override;  // finish()
  WorkerSink(const WorkerSink&) = delete;
  WorkerSink& operator=(const WorkerSink&) = delete;

  static constexpr std::size_t kMaxPendingBytes = 1 << 20;

  void write(std::string_view bytes) override;
  // Returns once every byte written has reached the target; write no more.
  void finish();

 private:
  void drain();

  ByteSink& target_;
  std::mutex mu_;
  std::condition_variable ready_;  // something to write, or closing
  std::condition_variable room_;   // pending_bytes_ went down
  std::deque<std::string> pending_;
  std::size_t pending_bytes_ = 0;
  bool closing_ = false;
  std::thread worker_;  // last: started once the members above exist
};

}  // namespace ugc
