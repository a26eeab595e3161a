#include "ugc/core/worker_sink.hpp"

#include <utility>

namespace ugc {

WorkerSink::WorkerSink(ByteSink& target) : target_(target), worker_([this] { drain(); }) {}

WorkerSink::~WorkerSink() { finish(); }

void WorkerSink::write(std::string_view bytes) {
  if (bytes.empty()) return;
  {
    std::unique_lock hold(mu_);
    room_.wait(hold, [this] { return pending_bytes_ < kMaxPendingBytes; });
    pending_.emplace_back(bytes);
    pending_bytes_ += bytes.size();
  }
  ready_.notify_one();
}

void WorkerSink::finish() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard hold(mu_);
    closing_ = true;
  }
  ready_.notify_one();
  worker_.join();
}

void WorkerSink::drain() {
  for (;;) {
    std::string bytes;
    {
      std::unique_lock hold(mu_);
      ready_.wait(hold, [this] { return closing_ || !pending_.empty(); });
      if (pending_.empty()) return;  // closing, and all is written
      bytes = std::move(pending_.front());
      pending_.pop_front();
    }
    target_.write(bytes);
    {
      std::lock_guard hold(mu_);
      pending_bytes_ -= bytes.size();
    }
    room_.notify_one();
  }
}

}  // namespace ugc
