#pragma once
// Clock: time and sleeping behind an interface, so the rate limiter and the
// retry loop can be tested without waiting (a fake clock advances when asked
// to sleep). system_clock() is the real one; it is shared and thread-safe.
#include <chrono>
#include <memory>

namespace ugc::api {

class Clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  using duration = std::chrono::steady_clock::duration;

  virtual ~Clock() = default;
  virtual time_point now() = 0;
  // Wall-clock time (Unix seconds), to compare with X-RateLimit-Reset.
  virtual std::chrono::system_clock::time_point wall_now() = 0;
  virtual void sleep_for(duration d) = 0;
};

std::shared_ptr<Clock> system_clock();

}  // namespace ugc::api
