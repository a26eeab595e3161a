#include "ugc/api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace ugc::api {

RateLimiter::RateLimiter(std::shared_ptr<Clock> clock) : RateLimiter(std::move(clock), Options{}) {}

RateLimiter::RateLimiter(std::shared_ptr<Clock> clock, Options options)
    : clock_(std::move(clock)),
      capacity_(options.capacity),
      refill_per_second_(options.refill_per_minute / 60.0),
      tokens_(options.capacity),
      last_refill_(clock_->now()) {}

void RateLimiter::refill_locked(Clock::time_point now) {
  if (now <= last_refill_) return;
  double elapsed = std::chrono::duration<double>(now - last_refill_).count();
  tokens_ = std::min(capacity_, tokens_ + elapsed * refill_per_second_);
  last_refill_ = now;
}

std::optional<Clock::duration> RateLimiter::try_acquire() {
  std::lock_guard lock(mutex_);
  auto now = clock_->now();
  if (now < paused_until_) return paused_until_ - now;
  refill_locked(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return std::nullopt;
  }
  // Time until the missing fraction of a token has refilled (at least 1 ms,
  // so a caller never spins).
  double rate = std::max(refill_per_second_, 1e-6);
  auto wait = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>((1.0 - tokens_) / rate));
  return std::max<Clock::duration>(wait, std::chrono::milliseconds(1));
}

void RateLimiter::acquire() {
  while (auto wait = try_acquire()) clock_->sleep_for(*wait);
}

void RateLimiter::observe(const RateLimitHeaders& headers) {
  std::lock_guard lock(mutex_);
  refill_locked(clock_->now());
  if (headers.limit && *headers.limit > 0) {
    if (*headers.limit != capacity_) inferred_refill_ = 0;
    capacity_ = *headers.limit;
    tokens_ = std::min(tokens_, capacity_);
    refill_per_second_ = std::max(capacity_ / 60.0, inferred_refill_);
  }
  if (headers.limit && headers.remaining && headers.reset_unix) {
    // A lower bound on the server's refill rate: Remaining is floored and
    // Reset rounded up to whole seconds, so the deficit is more than d - 1
    // tokens and refilling it takes at most (Reset - floor(now) + 1) seconds.
    double deficit = *headers.limit - *headers.remaining;
    double now_s = std::floor(std::chrono::duration<double>(clock_->wall_now().time_since_epoch()).count());
    double horizon = static_cast<double>(*headers.reset_unix) - now_s + 1.0;
    if (deficit >= 2 && horizon >= 1) {
      inferred_refill_ = std::max(inferred_refill_, (deficit - 1.0) / horizon);
      refill_per_second_ = std::max(capacity_ / 60.0, inferred_refill_);
    }
  }
  // Our count may be higher than the server's (other clients share the key,
  // or the server refilled slower): never believe in more than it granted.
  if (headers.remaining) tokens_ = std::min(tokens_, std::max(0.0, *headers.remaining));
  if (headers.reset_unix) reset_unix_ = headers.reset_unix;
}

void RateLimiter::pause_for(Clock::duration wait) {
  std::lock_guard lock(mutex_);
  auto until = clock_->now() + wait;
  if (until > paused_until_) paused_until_ = until;
  // The server's bucket is empty; when the pause ends it holds one token
  // (that is what Retry-After promises), and refills from there.
  tokens_ = 1.0;
  last_refill_ = std::max(last_refill_, until);
}

double RateLimiter::tokens() {
  std::lock_guard lock(mutex_);
  refill_locked(clock_->now());
  return tokens_;
}

double RateLimiter::capacity() {
  std::lock_guard lock(mutex_);
  return capacity_;
}

std::optional<std::int64_t> RateLimiter::last_reset_unix() {
  std::lock_guard lock(mutex_);
  return reset_unix_;
}

}  // namespace ugc::api
