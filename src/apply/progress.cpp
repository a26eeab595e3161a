#include "ugc/apply/progress.hpp"

#include <cmath>
#include <set>

#include "ugc/core/log.hpp"

namespace ugc::apply {

std::string format_eta(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "--";
  long long s = std::llround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  return buf;
}

namespace {

// Counters shared by both visible styles.
class Tally {
 public:
  explicit Tally(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {}

  void begin(std::size_t total, int planned_requests) {
    total_ = total;
    planned_requests_ = planned_requests;
    start_ = now();
  }
  void started(const std::string& id) { in_flight_.insert(id); }
  void finished(const ActionOutcome& o) {
    in_flight_.erase(o.id);
    ++done_;
    requests_ += o.requests;
    credits_ += o.credits;
    if (o.status == NodeStatus::failed) ++failed_;
    if (o.status == NodeStatus::skipped) ++skipped_;
  }

  double elapsed_s() const { return std::chrono::duration<double>(now() - start_).count(); }
  double rate() const {
    double e = elapsed_s();
    return e > 0 ? requests_ / e : 0;
  }
  double eta_s() const {
    if (done_ >= total_) return 0;
    double r = rate();
    int left = planned_requests_ - requests_;
    if (r > 0 && left > 0) return left / r;
    // No request estimate left (retries ate it): fall back to actions.
    double e = elapsed_s();
    return done_ > 0 ? e / done_ * static_cast<double>(total_ - done_) : -1;
  }

  std::string status_line() const {
    char buf[200];
    std::snprintf(buf, sizeof buf, "[%zu/%zu] %zu in flight, %.1f req/s, ETA %s, %lld credits", done_, total_,
                  in_flight_.size(), rate(), format_eta(eta_s()).c_str(), credits_);
    std::string line = buf;
    if (failed_) line += ", " + std::to_string(failed_) + " failed";
    if (skipped_) line += ", " + std::to_string(skipped_) + " skipped";
    return line;
  }

  std::size_t done() const { return done_; }
  std::size_t total() const { return total_; }
  Clock::time_point now() const { return clock_->monotonic_now(); }

 private:
  std::shared_ptr<Clock> clock_;
  Clock::time_point start_{};
  std::size_t total_ = 0, done_ = 0, failed_ = 0, skipped_ = 0;
  int planned_requests_ = 0, requests_ = 0;
  long long credits_ = 0;
  std::set<std::string> in_flight_;
};

std::string outcome_line(const ActionOutcome& o) {
  std::string line = std::string(to_string(o.status)) + " " + o.description;
  if (o.status == NodeStatus::failed) {
    line += ": " + (o.error_code.empty() ? o.error_message : o.error_code);
    if (o.http_status) line += " (HTTP " + std::to_string(o.http_status) + ")";
    if (!o.request_id.empty()) line += " request_id=" + o.request_id;
  } else if (o.status == NodeStatus::skipped) {
    line += o.blocked_by == "interrupted" ? " (interrupted)" : " (waits for " + o.blocked_by + ")";
  } else if (o.credits) {
    line += " (" + std::to_string(o.credits) + " credits)";
  }
  return line;
}

class LiveLine final : public ProgressReporter {
 public:
  LiveLine(std::FILE* out, std::shared_ptr<Clock> clock, std::chrono::milliseconds interval)
      : out_(out), tally_(std::move(clock)), interval_(interval) {}

  void begin(std::size_t total, int planned) override {
    tally_.begin(total, planned);
    draw(true);
  }
  void started(const std::string& id) override {
    tally_.started(id);
    draw(false);
  }
  void finished(const ActionOutcome& o) override {
    tally_.finished(o);
    if (o.status == NodeStatus::failed) {
      // A failure stays on screen: print it above the live line.
      std::fprintf(out_, "\r\x1b[K%s\n", outcome_line(o).c_str());
      draw(true);
      return;
    }
    draw(tally_.done() == tally_.total());
  }
  void end() override {
    std::fprintf(out_, "\r\x1b[K%s\n", tally_.status_line().c_str());
    std::fflush(out_);
  }

 private:
  void draw(bool force) {
    auto now = tally_.now();
    if (!force && drawn_ && now - last_ < interval_) return;
    last_ = now;
    drawn_ = true;
    std::fprintf(out_, "\r\x1b[K%s", tally_.status_line().c_str());
    std::fflush(out_);
  }

  std::FILE* out_;
  Tally tally_;
  std::chrono::milliseconds interval_;
  Clock::time_point last_{};
  bool drawn_ = false;
};

// One line per finished action: plain text, or JSON log records with the
// counts as fields (and a last record with the totals).
class LogLines final : public ProgressReporter {
 public:
  LogLines(std::FILE* out, std::shared_ptr<Clock> clock, bool json)
      : out_(out), tally_(std::move(clock)), json_(json) {}

  void begin(std::size_t total, int planned) override { tally_.begin(total, planned); }
  void started(const std::string& id) override { tally_.started(id); }
  void finished(const ActionOutcome& o) override {
    tally_.finished(o);
    std::string line = "[" + std::to_string(tally_.done()) + "/" + std::to_string(tally_.total()) + "] " + outcome_line(o);
    if (json_)
      line = log::json_record(o.status == NodeStatus::failed ? "error" : "info", line,
                              {{"event", "action"},
                               {"done", tally_.done()},
                               {"total", tally_.total()},
                               {"action", o.id},
                               {"status", to_string(o.status)}});
    else
      line += "\n";
    write(line);
  }
  void end() override {
    if (json_)
      write(log::json_record("info", tally_.status_line(),
                             {{"event", "progress"}, {"done", tally_.done()}, {"total", tally_.total()}}));
  }

 private:
  void write(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fflush(out_);
  }

  std::FILE* out_;
  Tally tally_;
  bool json_;
};

class Silent final : public ProgressReporter {
 public:
  void begin(std::size_t, int) override {}
  void started(const std::string&) override {}
  void finished(const ActionOutcome&) override {}
  void end() override {}
};

}  // namespace

std::unique_ptr<ProgressReporter> make_progress_reporter(ProgressStyle style, std::FILE* out,
                                                         std::shared_ptr<Clock> clock,
                                                         std::chrono::milliseconds redraw_interval) {
  switch (style) {
    case ProgressStyle::live_line: return std::make_unique<LiveLine>(out, std::move(clock), redraw_interval);
    case ProgressStyle::log_lines: return std::make_unique<LogLines>(out, std::move(clock), false);
    case ProgressStyle::json_lines: return std::make_unique<LogLines>(out, std::move(clock), true);
    case ProgressStyle::silent: return std::make_unique<Silent>();
  }
  return std::make_unique<Silent>();
}

}  // namespace ugc::apply
