#pragma once
// RateLimiter: the client-side token bucket shared by every worker thread that
// talks to one API key. TokPortal allows 120 requests a minute per key, refilled
// continuously (docs/tokportal-api.md §1.6); the bucket follows the server's:
//
// - tokens: after each response the count is set to the server's
//   X-RateLimit-Remaining less the requests still in flight (they will spend
//   tokens the server has not yet counted), so a burst never exceeds what the
//   server has left, and a server that refilled faster than we assumed is
//   used at once;
// - capacity follows X-RateLimit-Limit;
// - refill is the fastest of: the contract (capacity per minute), the lower
//   bound X-RateLimit-Reset proves (whole seconds, so only a rough one), and
//   the rate read off successive Remaining values (RefillEstimator);
// - a 429's Retry-After pauses *every* caller (pause_for), not only the thread
//   that got it, and discards the estimate that led to it.
//
// Every acquire() is matched by one observe() (a response arrived) or one
// abandon() (none did). acquire() hands out a ticket in send order; an answer
// to an older request than one already observed arrives late with a stale
// count, so it may lower the token count but never raise it.
//
// Thread-safe. Waiting goes through the injected Clock, so tests run instantly.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "ugc/core/clock.hpp"

namespace ugc::api {

class RefillEstimator;

// The X-RateLimit-* headers of one response (each may be absent).
struct RateLimitHeaders {
  std::optional<double> limit;
  std::optional<double> remaining;
  std::optional<std::int64_t> reset_unix;
};

class RateLimiter {
 public:
  using Ticket = std::uint64_t;

  struct Options {
    double capacity = 120;         // until the server says otherwise
    double refill_per_minute = 120;  // the contract's floor; faster when the server proves it
  };

  explicit RateLimiter(std::shared_ptr<Clock> clock);
  RateLimiter(std::shared_ptr<Clock> clock, Options options);
  ~RateLimiter();

  // Takes one token, sleeping (via the clock) until one is available and no
  // pause is in force. The request counts as in flight until observe/abandon.
  Ticket acquire();
  // Takes a token if possible (its ticket in *ticket); otherwise returns how
  // long to wait before asking again.
  std::optional<Clock::duration> try_acquire(Ticket* ticket = nullptr);

  // A response arrived: syncs the bucket with its headers. Without a ticket
  // the response counts as the newest.
  void observe(const RateLimitHeaders& headers, std::optional<Ticket> ticket = std::nullopt);
  // A request got no response (connection failed or dropped).
  void abandon();
  // A 429: nobody gets a token before now + wait (its Retry-After). Never
  // shortens a pause.
  void pause_for(Clock::duration wait);

  // For tests and stats.
  double tokens();
  double capacity();
  double refill_per_second();
  std::optional<std::int64_t> last_reset_unix();

 private:
  void refill_locked(Clock::time_point now);
  void update_rate_locked();

  std::shared_ptr<Clock> clock_;
  std::mutex mutex_;
  double capacity_;
  double contract_refill_;
  double reset_bound_ = 0;  // best lower bound from Reset headers, tokens/s
  std::unique_ptr<RefillEstimator> estimator_;
  double refill_per_second_;
  double tokens_;
  int in_flight_ = 0;
  Ticket next_ticket_ = 1;
  Ticket newest_observed_ = 0;
  Clock::time_point last_refill_;
  Clock::time_point paused_until_{};
  std::optional<std::int64_t> reset_unix_;
};

}  // namespace ugc::api
