#pragma once
// FakeClock: the Clock tests run on. Wall time starts at 2027-01-15T12:00:00Z
// and can be set; monotonic time only moves forward, when a test advances it
// or when someone sleeps: sleep() records the wait and advances both times at
// once instead of blocking. So a test of a wait finishes instantly and asserts
// on what was waited (sleeps(), slept()), never on the wall clock.
//
// It lives in tests/support, not in core: only tests use it, and keeping it
// out of libugc means no production path can end up on a fake clock. (leveldb
// ships its Env test doubles in the library because other projects test
// against them; nobody outside this repository tests against ugc.)
//
// Thread-safe. The on_sleep hook runs on the sleeping thread after time has
// moved, without the clock's lock held, so it may call the clock (a test uses
// it to let another party act "while" the code under test waits).
#include <chrono>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "ugc/core/clock.hpp"

namespace ugc::testing {

class FakeClock final : public Clock {
 public:
  static constexpr std::chrono::sys_days kStartDay{std::chrono::year(2027) / 1 / 15};

  time_point monotonic_now() override {
    std::lock_guard lock(mu_);
    return monotonic_;
  }
  wall_time wall_now() override {
    std::lock_guard lock(mu_);
    return wall_;
  }
  void sleep(duration d) override {
    std::function<void(duration)> hook;
    {
      std::lock_guard lock(mu_);
      sleeps_.push_back(d);
      if (d > duration::zero()) move_locked(d);
      hook = on_sleep_;
    }
    if (hook) hook(d);
  }

  // Time passes (both clocks), without anyone sleeping.
  void advance(duration d) {
    std::lock_guard lock(mu_);
    if (d > duration::zero()) move_locked(d);
  }
  // The wall clock jumps (forwards or back); monotonic time does not move.
  void set_wall(wall_time t) {
    std::lock_guard lock(mu_);
    wall_ = t;
  }
  void on_sleep(std::function<void(duration)> hook) {
    std::lock_guard lock(mu_);
    on_sleep_ = std::move(hook);
  }

  // Every sleep() asked for, in order (including zero and negative ones).
  std::vector<duration> sleeps() {
    std::lock_guard lock(mu_);
    return sleeps_;
  }
  duration slept() {
    duration total{};
    for (auto d : sleeps())
      if (d > duration::zero()) total += d;
    return total;
  }
  double total_slept_seconds() { return std::chrono::duration<double>(slept()).count(); }

 private:
  void move_locked(duration d) {
    monotonic_ += d;
    wall_ += std::chrono::duration_cast<wall_time::duration>(d);
  }

  std::mutex mu_;
  // Not the epoch: code that treats time_point{} as "never" must still work.
  time_point monotonic_{std::chrono::hours(1000)};
  wall_time wall_{kStartDay + std::chrono::hours(12)};
  std::vector<duration> sleeps_;
  std::function<void(duration)> on_sleep_;
};

}  // namespace ugc::testing
