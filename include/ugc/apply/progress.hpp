#pragma once
// Progress of an apply run, through one reporter (like ninja's LinePrinter).
//
// On a terminal: one status line redrawn in place ("[12/40] 3 in flight,
// 1.9 req/s, ETA 0:21, 384 credits"), with a permanent line above it for each
// failure. Elsewhere (CI, pipes): one plain line per finished action. With
// --log-format json: the same lines as JSON log records (ugc::log::json_record)
// with the counts as fields. The
// executor calls a reporter from its worker threads one call at a time (the
// action graph serialises its callbacks), so implementations need no lock.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "ugc/apply/outcome.hpp"
#include "ugc/core/clock.hpp"

namespace ugc::apply {

class ProgressReporter {
 public:
  virtual ~ProgressReporter() = default;
  // Called once before any action starts.
  virtual void begin(std::size_t total_actions, int planned_requests) = 0;
  virtual void started(const std::string& action_id) = 0;
  virtual void finished(const ActionOutcome& outcome) = 0;
  // Called once after the last action; clears a live line.
  virtual void end() = 0;
};

enum class ProgressStyle {
  live_line,  // terminal: redraw one line in place
  log_lines,  // CI: one line per finished action
  json_lines, // --log-format json: one JSON log record per finished action, and a last one with totals
  silent,
};

// `out` is usually stderr. Rates and the ETA are timed on `clock`'s
// monotonic time. A live line is redrawn at most every `redraw_interval`.
std::unique_ptr<ProgressReporter> make_progress_reporter(
    ProgressStyle style, std::FILE* out, std::shared_ptr<Clock> clock,
    std::chrono::milliseconds redraw_interval = std::chrono::milliseconds(100));

// "0:42", "1:02:03", or "--" when unknown (negative).
std::string format_eta(double seconds);

}  // namespace ugc::apply
