#pragma once
// RateLimiter: the client-side token bucket shared by every worker thread that
// talks to one API key. TokPortal allows 120 requests a minute per key, refilled
// continuously (tokportal-api.md §1.6); the bucket mirrors the server's:
//
// - capacity follows X-RateLimit-Limit; refill is capacity per minute (the
//   contract: 120/min, continuous), or faster when X-RateLimit-Reset proves
//   the server refills faster: each response gives a lower bound on the rate
//   (Remaining is floored, Reset rounded up to whole seconds), and the best
//   bound seen for the current capacity is used, so the bucket never refills
//   faster than the server's;
// - after each response the local token count is lowered to the server's
//   X-RateLimit-Remaining, so a burst never exceeds what the server said is left;
// - a 429's Retry-After pauses *every* caller (pause_for), not only the thread
//   that got it.
//
// Thread-safe. Waiting goes through the injected Clock, so tests run instantly.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "ugc/api/clock.hpp"

namespace ugc::api {

// The X-RateLimit-* headers of one response (each may be absent).
struct RateLimitHeaders {
  std::optional<double> limit;
  std::optional<double> remaining;
  std::optional<std::int64_t> reset_unix;
};

class RateLimiter {
 public:
  struct Options {
    double capacity = 120;         // until the server says otherwise
    double refill_per_minute = 120;  // follows capacity once headers arrive
  };

  explicit RateLimiter(std::shared_ptr<Clock> clock);
  RateLimiter(std::shared_ptr<Clock> clock, Options options);

  // Takes one token, sleeping (via the clock) until one is available and no
  // pause is in force.
  void acquire();
  // Takes a token if possible; otherwise returns how long to wait before asking again.
  std::optional<Clock::duration> try_acquire();

  // Syncs the bucket with a response's headers.
  void observe(const RateLimitHeaders& headers);
  // Nobody gets a token before now + wait (a 429's Retry-After). Never shortens a pause.
  void pause_for(Clock::duration wait);

  // For tests and stats.
  double tokens();
  double capacity();
  std::optional<std::int64_t> last_reset_unix();

 private:
  void refill_locked(Clock::time_point now);

  std::shared_ptr<Clock> clock_;
  std::mutex mutex_;
  double capacity_;
  double refill_per_second_;
  double inferred_refill_ = 0;  // best lower bound from Reset headers, tokens/s
  double tokens_;
  Clock::time_point last_refill_;
  Clock::time_point paused_until_{};
  std::optional<std::int64_t> reset_unix_;
};

}  // namespace ugc::api
