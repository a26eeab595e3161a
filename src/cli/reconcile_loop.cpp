#include "ugc/cli/reconcile_loop.hpp"

#include <algorithm>

namespace ugc::cli {
namespace {

// Sleeps `d` on `clock` in slices, returning early once `stop` is set.
void wait_unless_stopped(Clock& clock, std::chrono::milliseconds d, std::chrono::milliseconds slice,
                         const std::atomic<bool>& stop) {
  const auto until = clock.monotonic_now() + d;
  while (!stop.load()) {
    const auto now = clock.monotonic_now();
    if (now >= until) return;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
    clock.sleep(slice.count() > 0 ? std::min(left, slice) : left);
  }
}

}  // namespace

std::chrono::milliseconds next_wait(const LoopOptions& options, int failures_in_a_row, std::mt19937& rng) {
  const auto every = std::chrono::duration_cast<std::chrono::milliseconds>(options.every);
  if (failures_in_a_row > 0) {
    auto backoff = std::chrono::duration_cast<std::chrono::milliseconds>(options.first_backoff);
    for (int i = 1; i < failures_in_a_row && backoff < every; ++i) backoff *= 2;
    return std::min(backoff, every);
  }
  if (options.jitter <= 0) return every;
  std::uniform_real_distribution<double> factor(1.0 - options.jitter, 1.0 + options.jitter);
  return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(every.count()) * factor(rng)));
}

long long run_loop(const LoopOptions& options, Clock& clock, const std::atomic<bool>& stop,
                   const std::function<ReconcileRun()>& run_once,
                   const std::function<void(long long, const ReconcileRun&, std::chrono::milliseconds)>& report) {
  std::mt19937 rng(options.seed);
  long long runs = 0;
  int failures = 0;
  while (!stop.load() && (!options.max_runs || runs < *options.max_runs)) {
    const auto started = clock.monotonic_now();
    ReconcileRun run = run_once();
    ++runs;
    failures = run.api_unreachable ? failures + 1 : 0;
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock.monotonic_now() - started);
    // The interval counts from the run's start: a long run eats into the wait, never overlaps the next.
    auto wait = std::max(std::chrono::milliseconds(0), next_wait(options, failures, rng) - took);
    const bool last = stop.load() || (options.max_runs && runs >= *options.max_runs);
    report(runs, run, last ? std::chrono::milliseconds(0) : wait);
    if (last) break;
    wait_unless_stopped(clock, wait, options.slice, stop);
  }
  return runs;
}

}  // namespace ugc::cli
