#pragma once
// LifecycleTicker: the thread that makes simulated time pass on a running
// server. Every tick (LifecycleOptions::tick) it takes World::mu and either
// moves the clock by `speed` simulated days per real second (World::set_clock
// then runs the lifecycle through the clock listener) or, without a speed,
// runs the lifecycle up to the real-time-driven `now()`, so timers fire on a
// long-running server. With a speed, a tick lasts long enough to move the
// whole-second clock by at least 1 s. start() and stop() are idempotent;
// stop() joins the thread (call it without World::mu held).
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ugc/sim/lifecycle_options.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

class LifecycleTicker {
 public:
  LifecycleTicker(World& world, LifecycleOptions options) : world_(world), options_(options) {}
  ~LifecycleTicker() { stop(); }
  LifecycleTicker(const LifecycleTicker&) = delete;
  LifecycleTicker& operator=(const LifecycleTicker&) = delete;

  void start();
  void stop();

 private:
  std::chrono::milliseconds interval() const;
  void tick(std::chrono::milliseconds interval);
  void run();

  World& world_;
  const LifecycleOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ugc::sim
