#pragma once
// WorkerPool: the simulator's httplib task queue (one task = one accepted
// connection, served to its end by one thread). It starts no thread up front
// and adds one whenever a connection arrives while every worker is busy, up
// to `max_workers`; beyond that connections wait in order. Idle workers stay
// for the next connections. A pool as large as the connection limit means a
// slow client ties up only its own thread, never the queue (docs/sim.md,
// "Limits"). Thread-safe; `shutdown` finishes the queued connections and
// joins every worker.
#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ugc::sim {

class WorkerPool : public httplib::TaskQueue {
 public:
  explicit WorkerPool(std::size_t max_workers);
  ~WorkerPool() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

 private:
  void work();

  const std::size_t max_workers_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace ugc::sim
