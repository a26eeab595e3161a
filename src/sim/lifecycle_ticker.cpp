#include "ugc/sim/lifecycle_ticker.hpp"

#include <algorithm>
#include <cmath>

#include "ugc/sim/lifecycle.hpp"

namespace ugc::sim {

void LifecycleTicker::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void LifecycleTicker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::chrono::milliseconds LifecycleTicker::interval() const {
  auto interval = options_.tick;
  if (options_.speed_days_per_second > 0) {
    // The world clock has whole-second resolution; make every tick move it by >= 1 s.
    const double min_ms = 1000.0 / (options_.speed_days_per_second * 86400.0);
    interval = std::max(interval, std::chrono::milliseconds(static_cast<long>(std::ceil(min_ms))));
  }
  return interval;
}

void LifecycleTicker::tick(std::chrono::milliseconds interval) {
  std::lock_guard world_lock(world_.mu);
  if (options_.speed_days_per_second > 0) {
    const double sim_seconds =
        options_.speed_days_per_second * 86400.0 * std::chrono::duration<double>(interval).count();
    world_.set_clock(world_.now() + std::chrono::seconds(static_cast<long>(sim_seconds)));
  } else {
    advance_lifecycle(world_, world_.now(), options_.timings);
  }
}

void LifecycleTicker::run() {
  const auto every = interval();
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, every, [this] { return stopping_; })) {
    lock.unlock();
    tick(every);
    lock.lock();
  }
}

}  // namespace ugc::sim
