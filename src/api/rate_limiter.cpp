#include "ugc/api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

#include "refill_estimator.hpp"

namespace ugc::api {

RateLimiter::RateLimiter(std::shared_ptr<Clock> clock) : RateLimiter(std::move(clock), Options{}) {}

RateLimiter::RateLimiter(std::shared_ptr<Clock> clock, Options options)
    : clock_(std::move(clock)),
      capacity_(options.capacity),
      contract_refill_(options.refill_per_minute / 60.0),
      estimator_(std::make_unique<RefillEstimator>()),
      refill_per_second_(contract_refill_),
      tokens_(options.capacity),
      last_refill_(clock_->monotonic_now()) {}

RateLimiter::~RateLimiter() = default;

void RateLimiter::refill_locked(Clock::time_point now) {
  if (now <= last_refill_) return;
  double elapsed = std::chrono::duration<double>(now - last_refill_).count();
  tokens_ = std::min(capacity_, tokens_ + elapsed * refill_per_second_);
  last_refill_ = now;
}

void RateLimiter::update_rate_locked() {
  refill_per_second_ = std::max({contract_refill_, reset_bound_, estimator_->rate().value_or(0.0)});
}

std::optional<Clock::duration> RateLimiter::try_acquire(Ticket* ticket) {
  std::lock_guard lock(mutex_);
  auto now = clock_->monotonic_now();
  if (now < paused_until_) return paused_until_ - now;
  refill_locked(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    ++in_flight_;
    if (ticket) *ticket = next_ticket_;
    ++next_ticket_;
    return std::nullopt;
  }
  // Time until the missing tokens have refilled (at least 1 ms, so a caller
  // never spins).
  double rate = std::max(refill_per_second_, 1e-6);
  auto wait = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>((1.0 - tokens_) / rate));
  return std::max<Clock::duration>(wait, std::chrono::milliseconds(1));
}

RateLimiter::Ticket RateLimiter::acquire() {
  Ticket ticket = 0;
  while (auto wait = try_acquire(&ticket)) clock_->sleep(*wait);
  return ticket;
}

void RateLimiter::abandon() {
  std::lock_guard lock(mutex_);
  in_flight_ = std::max(0, in_flight_ - 1);
}

void RateLimiter::observe(const RateLimitHeaders& headers, std::optional<Ticket> ticket) {
  std::lock_guard lock(mutex_);
  const auto now = clock_->monotonic_now();
  refill_locked(now);
  in_flight_ = std::max(0, in_flight_ - 1);
  if (headers.limit && *headers.limit > 0 && *headers.limit != capacity_) {
    capacity_ = *headers.limit;
    tokens_ = std::min(tokens_, capacity_);
    contract_refill_ = capacity_ / 60.0;
    reset_bound_ = 0;
    estimator_->reset();
  }
  if (headers.limit && headers.remaining && headers.reset_unix) {
    // A lower bound on the server's refill rate: Remaining is floored and
    // Reset rounded up to whole seconds, so the deficit is more than d - 1
    // tokens and refilling it takes at most (Reset - floor(now) + 1) seconds.
    double deficit = *headers.limit - *headers.remaining;
    double now_s = std::floor(std::chrono::duration<double>(clock_->wall_now().time_since_epoch()).count());
    double horizon = static_cast<double>(*headers.reset_unix) - now_s + 1.0;
    if (deficit >= 2 && horizon >= 1) reset_bound_ = std::max(reset_bound_, (deficit - 1.0) / horizon);
  }
  if (headers.remaining) {
    const bool newest = !ticket || *ticket > newest_observed_;
    if (ticket && newest) newest_observed_ = *ticket;
    estimator_->record(now, newest ? headers.remaining : std::nullopt);
    // The server's count is the truth; requests still in flight will spend
    // from it (the count may go negative: a debt the refill must cover).
    const double server = std::min(capacity_, std::max(0.0, *headers.remaining) - in_flight_);
    tokens_ = newest ? server : std::min(tokens_, server);
  }
  update_rate_locked();
  if (headers.reset_unix) reset_unix_ = headers.reset_unix;
}

void RateLimiter::pause_for(Clock::duration wait) {
  std::lock_guard lock(mutex_);
  auto until = clock_->monotonic_now() + wait;
  if (until > paused_until_) paused_until_ = until;
  // The server's bucket is empty; when the pause ends it holds one token
  // (that is what Retry-After promises), and refills from there. We went
  // faster than the server: forget the estimate that said we could.
  tokens_ = 1.0;
  last_refill_ = std::max(last_refill_, until);
  estimator_->reset();
  update_rate_locked();
}

double RateLimiter::tokens() {
  std::lock_guard lock(mutex_);
  refill_locked(clock_->monotonic_now());
  return tokens_;
}

double RateLimiter::capacity() {
  std::lock_guard lock(mutex_);
  return capacity_;
}

double RateLimiter::refill_per_second() {
  std::lock_guard lock(mutex_);
  return refill_per_second_;
}

std::optional<std::int64_t> RateLimiter::last_reset_unix() {
  std::lock_guard lock(mutex_);
  return reset_unix_;
}

}  // namespace ugc::api
