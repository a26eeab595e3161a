#include "refill_estimator.hpp"

#include <chrono>

namespace ugc::api {

namespace {
// A window shorter than this is dominated by latency jitter; one longer is
// slow to notice a change (a second client starting on the same key).
constexpr auto kMinWindow = std::chrono::seconds(1);
constexpr auto kMaxWindow = std::chrono::seconds(4);
}  // namespace

void RefillEstimator::record(Clock::time_point at, std::optional<double> remaining_header) {
  ++seq_;
  if (!remaining_header) return;
  const double remaining = *remaining_header;
  samples_.push_back({at, remaining, seq_});
  // Keep one sample at or beyond the window's edge, so sparse traffic still
  // yields a (longer, more conservative) window.
  while (samples_.size() > 2 && at - samples_[1].at >= kMaxWindow) samples_.pop_front();
  const Sample& from = samples_.front();
  if (at - from.at < kMinWindow) return;
  const double seconds = std::chrono::duration<double>(at - from.at).count();
  const double served = static_cast<double>(seq_ - from.seq);
  const double refilled = remaining - from.remaining + served - 1.0;
  rate_ = refilled > 0 ? refilled / seconds : 0.0;
}

void RefillEstimator::reset() {
  samples_.clear();
  rate_.reset();
}

}  // namespace ugc::api
