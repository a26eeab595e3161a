#pragma once
// Clock: the one source of time for ugc (the simulator keeps its own simulated
// clock). Wall time for timestamps, "today" and the server's Unix-seconds
// headers; monotonic time for waits, timeouts and durations; and sleeping.
// Behind an interface so that tests run on a FakeClock
// (tests/support/fake_clock.hpp) whose sleep advances time instead of waiting.
//
// Nothing reaches for a global clock: the CLI makes one system clock per run
// and hands it down. Objects that keep the clock (api::Client, RateLimiter,
// state::Store, progress reporters) share it through std::shared_ptr;
// functions that only use it during the call take a Clock&.
//
// Implementations are thread-safe: an apply's worker threads share one.
#include <chrono>
#include <memory>

#include "ugc/core/date.hpp"

namespace ugc {

class Clock {
 public:
  using duration = std::chrono::steady_clock::duration;
  using time_point = std::chrono::steady_clock::time_point;  // monotonic
  using wall_time = std::chrono::system_clock::time_point;

  virtual ~Clock() = default;

  // Monotonic: never goes back, whatever happens to the wall clock.
  virtual time_point monotonic_now() = 0;
  // Wall time (UTC). May jump (NTP, the user); never use it to time a wait.
  virtual wall_time wall_now() = 0;
  // Blocks the calling thread for `d`; returns at once when d <= 0.
  virtual void sleep(duration d) = 0;

  // Today's date in `zone`, read off wall_now().
  CivilDate today(UtcOffset zone = UtcOffset::utc());
};

// The real clock: std::chrono's steady and system clocks, and
// std::this_thread::sleep_for. Each call makes a new one (they hold no
// state); the CLI makes one per run.
std::shared_ptr<Clock> make_system_clock();

}  // namespace ugc
