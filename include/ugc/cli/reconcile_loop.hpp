#pragma once
// `ugc reconcile --every D`: reconcile as a long-running service. One run per
// interval, never two at once (runs follow each other in this process; other
// processes are kept out by the campaigns' locks); each start is jittered so
// that many hosts on one schedule do not hit the API together; a run longer
// than the interval is followed by the next at once, without catching up.
// While the API is unreachable the next run comes sooner than the interval
// and backs off (30 s doubling, at most the interval), so recovery is quick
// without hammering a server that is down.
//
// SIGTERM/SIGINT (`stop`): the run in flight starts nothing new, finishes and
// records its in-flight requests (what stays uncertain stays in the journal
// for the next run), releases its lock, and the loop ends; a wait between
// runs ends at once.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <random>

#include "ugc/cli/reconcile_run.hpp"
#include "ugc/core/clock.hpp"

namespace ugc::cli {

struct LoopOptions {
  std::chrono::seconds every{15 * 60};
  double jitter = 0.1;  // each wait is every * (1 +- jitter), uniformly
  std::optional<long long> max_runs;  // stop after this many runs (rehearsals, tests)
  std::chrono::seconds first_backoff{30};
  // Waits are cut into slices this long to notice `stop`; a clock whose sleep
  // does not block (--sim-clock) takes the whole wait at once.
  std::chrono::milliseconds slice{250};
  unsigned seed = std::random_device{}();
};

// The wait after a run: the interval with jitter, or the backoff while the
// API is down (`failures_in_a_row` consecutive runs that could not reach it).
std::chrono::milliseconds next_wait(const LoopOptions& options, int failures_in_a_row, std::mt19937& rng);

// Runs `run_once` until `stop` is set or max_runs are done; `report` is called
// after each run with its number, its result and the wait before the next.
// Returns how many runs were made.
long long run_loop(const LoopOptions& options, Clock& clock, const std::atomic<bool>& stop,
                   const std::function<ReconcileRun()>& run_once,
                   const std::function<void(long long, const ReconcileRun&, std::chrono::milliseconds)>& report);

}  // namespace ugc::cli
