#pragma once
// RefillEstimator: how fast the server refills its bucket, read off successive
// X-RateLimit-Remaining values. Between two responses the server refilled
// (remaining_now - remaining_then) tokens plus one per request it served in
// between, and those requests are the responses seen in between. The contract
// only promises 2 tokens/s and X-RateLimit-Reset has whole-second precision,
// so this is how a client learns that a server (or a simulator) refills at
// 50/s and keeps up with it.
//
// The estimate is conservative: it subtracts one token for Remaining being
// floored, and it underestimates when the bucket sat full or other clients
// share the key. Not thread-safe; RateLimiter holds the lock.
#include <cstdint>
#include <deque>
#include <optional>

#include "ugc/core/clock.hpp"

namespace ugc::api {

class RefillEstimator {
 public:
  // One response seen at `at`, with its X-RateLimit-Remaining when that is a
  // usable sample (not a late answer carrying a stale count).
  void record(Clock::time_point at, std::optional<double> remaining);
  // Tokens per second, once responses span at least a second.
  std::optional<double> rate() const { return rate_; }
  // After a 429 the estimate was too high: start over.
  void reset();

 private:
  struct Sample {
    Clock::time_point at;
    double remaining;
    std::uint64_t seq;
  };
  std::deque<Sample> samples_;
  std::uint64_t seq_ = 0;
  std::optional<double> rate_;
};

}  // namespace ugc::api
