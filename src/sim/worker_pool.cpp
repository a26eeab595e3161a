#include "ugc/sim/worker_pool.hpp"

namespace ugc::sim {

WorkerPool::WorkerPool(std::size_t max_workers) : max_workers_(max_workers == 0 ? 1 : max_workers) {}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> fn) {
  std::lock_guard lock(mu_);
  jobs_.push_back(std::move(fn));
  // Idle workers each take one job; only jobs beyond them need a new thread.
  if (jobs_.size() > idle_ && workers_.size() < max_workers_) workers_.emplace_back([this] { work(); });
  ready_.notify_one();
}

void WorkerPool::shutdown() {
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    workers.swap(workers_);
  }
  ready_.notify_all();
  for (auto& t : workers)
    if (t.joinable()) t.join();
}

void WorkerPool::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace ugc::sim
