// ugc reconcile FILE|DIR... : one unattended run (or, with --every, a service
// running one per interval) that brings each campaign's TokPortal resources to
// what its file says, within guardrails. The work is reconcile_run.hpp's and
// reconcile_loop.hpp's; this file parses flags, prints, picks the exit code.
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <optional>

#include "ugc/api/client.hpp"
#include "ugc/apply/progress.hpp"
#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/campaign_files.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/interrupt.hpp"
#include "ugc/cli/online_state.hpp"
#include "ugc/cli/reconcile_loop.hpp"
#include "ugc/cli/reconcile_run.hpp"
#include "ugc/cli/sim_clock.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/log.hpp"
#include "ugc/state/lock.hpp"

namespace ugc::cli {
namespace {

constexpr const char* kReconcileHelp =
    "Each campaign is isolated: its own lock (<state>.locks/campaign-<id>.lock, released by the operating system "
    "if the run dies), its own journal rows, its own external_refs; an invalid file is skipped, the others run.\n"
    "Exit codes: 0 nothing to do; 2 changes applied; 3 partial (some actions or campaigns failed or were skipped, "
    "the rest applied); 5 guardrail stop (--max-credits/--max-changes exceeded: nothing sent for that campaign); "
    "1 error (nothing applied: bad flags, lock held past --lock-timeout, API down). With --every: 0 after a clean "
    "shutdown (SIGTERM/SIGINT). See docs/scheduling.md.";

struct ReconcileFlags {
  std::vector<std::string> paths;
  std::string state = ".ugc/state.db";
  long long max_credits = -1;  // -1: no limit
  long long max_changes = -1;
  std::string lock_timeout = "0";
  std::string every;
  double jitter = 0.1;
  long long max_runs = 0;  // 0: until stopped
  std::string sim_clock;
  int parallelism = 8;
  std::string format = "text";
  std::string as_of;
  bool no_bulk = false;
  std::vector<std::string> media_roots;
  std::string api_url, api_key_file;
};

// "15m", "1h", "30s", "900" (seconds).
Result<std::chrono::seconds> parse_every(const std::string& text) {
  auto bad = [&] { return invalid_input("--every \"" + text + "\": expected a duration such as 15m, 1h or 90s"); };
  size_t used = 0;
  long long amount = 0;
  try {
    amount = std::stoll(text, &used);
  } catch (...) {
    return bad();
  }
  const std::string unit = text.substr(used);
  long long scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  else if (unit == "m") scale = 60;
  else if (unit == "h") scale = 3600;
  if (scale == 0 || amount <= 0) return bad();
  return std::chrono::seconds(amount * scale);
}

// One exit code for a whole run (documented in exit_codes.hpp and docs/scheduling.md).
int exit_code_of(const ReconcileRun& run) {
  int ok = 0, applied = 0, failed = 0, guardrail = 0;
  for (const CampaignRun& c : run.campaigns) {
    switch (c.outcome) {
      case CampaignOutcome::nothing_to_do: ++ok; break;
      case CampaignOutcome::applied: ++ok; ++applied; break;
      case CampaignOutcome::guardrail: ++guardrail; break;
      case CampaignOutcome::partial: ++ok; ++failed; break;  // some of it applied
      case CampaignOutcome::invalid:
      case CampaignOutcome::error: ++failed; break;
    }
  }
  if (guardrail > 0) return kExitGuardrail;
  if (failed > 0) return ok > 0 ? kExitPartial : kExitError;
  return applied > 0 ? kExitChanges : kExitOk;
}

OrderedJson campaign_json(const CampaignRun& c) {
  return OrderedJson{{"file", c.campaign_file},
                     {"campaign", c.campaign},
                     {"campaign_sha256", c.campaign_sha256},
                     {"run_id", c.run_id},
                     {"outcome", to_string(c.outcome)},
                     {"message", c.message},
                     {"actions_planned", c.actions_planned},
                     {"blocked_changes", c.blocked_changes},
                     {"credits_planned", c.credits_planned},
                     {"actions_succeeded", c.actions_succeeded},
                     {"actions_failed", c.actions_failed},
                     {"credits_charged", c.credits_charged},
                     {"requests", c.requests},
                     {"wall_time_ms", c.wall_time.count()}};
}

std::string iso_now(Clock& clock) {
  const std::time_t t = std::chrono::system_clock::to_time_t(clock.wall_now());
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void print_run(const ReconcileRun& run, int exit_code, bool json) {
  if (json) {
    OrderedJson doc{{"exit_code", exit_code}, {"wall_time_ms", run.wall_time.count()}};
    doc["campaigns"] = OrderedJson::array();
    for (const auto& c : run.campaigns) doc["campaigns"].push_back(campaign_json(c));
    std::printf("%s\n", doc.dump(2).c_str());
    return;
  }
  for (const auto& c : run.campaigns) {
    std::printf("%s: %s", c.campaign_file.c_str(), to_string(c.outcome));
    if (c.outcome == CampaignOutcome::applied || c.outcome == CampaignOutcome::partial)
      std::printf(" (%d of %d actions, %lld credits charged, %d requests)", c.actions_succeeded, c.actions_planned,
                  c.credits_charged, c.requests);
    if (c.blocked_changes > 0) std::printf(" [%d blocked change(s) not applied]", c.blocked_changes);
    if (!c.message.empty()) std::printf(": %s", c.message.c_str());
    std::printf("\n");
  }
}

// Loop mode's one line per run: when, outcome counts, work done, next wait.
void print_health(Clock& clock, long long number, const ReconcileRun& run, std::chrono::milliseconds next, bool json) {
  std::map<std::string, int> counts;
  long long credits = 0;
  int actions = 0, requests = 0;
  for (const auto& c : run.campaigns) {
    ++counts[to_string(c.outcome)];
    credits += c.credits_charged;
    actions += c.actions_succeeded;
    requests += c.requests;
  }
  const int code = exit_code_of(run);
  if (json) {
    OrderedJson line{{"at", iso_now(clock)}, {"run", number}, {"exit_code", code}, {"campaigns", run.campaigns.size()},
                     {"outcomes", counts}, {"actions", actions}, {"credits", credits}, {"requests", requests},
                     {"api_unreachable", run.api_unreachable}, {"took_ms", run.wall_time.count()},
                     {"next_in_ms", next.count()}};
    std::printf("%s\n", line.dump().c_str());
  } else {
    std::string outcomes;
    for (const auto& [name, n] : counts) outcomes += " " + std::to_string(n) + " " + name + ",";
    if (!outcomes.empty()) outcomes.pop_back();
    std::printf("%s run %lld: exit %d, %zu campaign(s):%s; %d actions, %lld credits, %d requests%s; took %lld ms; "
                "next in %lld s\n",
                iso_now(clock).c_str(), number, code, run.campaigns.size(), outcomes.c_str(), actions, credits,
                requests, run.api_unreachable ? "; API unreachable" : "", static_cast<long long>(run.wall_time.count()),
                static_cast<long long>(next.count() / 1000));
  }
  std::fflush(stdout);
}

Result<int> run_reconcile(const ReconcileFlags& flags, const std::shared_ptr<Clock>& clock) {
  const bool json = flags.format == "json";
  auto files = campaign_files(flags.paths);
  if (!files.ok()) return files.error();
  auto timeout = state::parse_lock_timeout(flags.lock_timeout);
  if (!timeout.ok()) return timeout.error();
  std::optional<std::chrono::seconds> every;
  if (!flags.every.empty()) {
    auto parsed = parse_every(flags.every);
    if (!parsed.ok()) return parsed.error();
    every = *parsed;
  }
  if ((flags.max_runs > 0 || !flags.sim_clock.empty()) && !every)
    return invalid_input("--max-runs and --sim-clock belong to loop mode: add --every");

  auto online = online_client(flags.api_url, flags.api_key_file, clock);
  if (!online.ok()) return online.error();
  api::Client& client = **online;

  InterruptScope interrupt;
  auto progress = apply::make_progress_reporter(
      log::format() == log::Format::json ? apply::ProgressStyle::json_lines : apply::ProgressStyle::log_lines, stderr,
      clock);
  ReconcileOptions options;
  options.state_path = flags.state;
  options.as_of = flags.as_of;
  options.bulk_create = !flags.no_bulk;
  options.media_roots = flags.media_roots;
  if (flags.max_credits >= 0) options.max_credits = flags.max_credits;
  if (flags.max_changes >= 0) options.max_changes = static_cast<int>(flags.max_changes);
  options.lock_timeout = *timeout;
  options.parallelism = flags.parallelism;
  options.stop = &interrupt.requested();
  options.progress = progress.get();
  auto once = [&] { return reconcile_campaigns(*files, options, client, clock); };

  if (!every) {
    ReconcileRun run = once();
    const int code = exit_code_of(run);
    print_run(run, code, json);
    return code;
  }
  LoopOptions loop;
  loop.every = *every;
  loop.jitter = flags.jitter;
  if (flags.max_runs > 0) loop.max_runs = flags.max_runs;
  std::shared_ptr<Clock> wait_clock = clock;
  if (!flags.sim_clock.empty()) {
    wait_clock = make_sim_clock(flags.sim_clock);
    loop.slice = std::chrono::milliseconds(0);
  }
  Clock& shown = *wait_clock;
  run_loop(loop, *wait_clock, interrupt.requested(), once,
           [&](long long n, const ReconcileRun& run, std::chrono::milliseconds next) {
             print_health(shown, n, run, next, json);
           });
  if (interrupt.requested().load()) log::print_stderr("info", "Stopped: the lock is released.\n");
  return kExitOk;
}

}  // namespace

CommandRun define_reconcile(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<ReconcileFlags>();
  sub.add_option("paths", flags->paths, "Campaign files, or directories of them (*.yaml, *.yml)")->required();
  add_state_option(sub, flags->state, "State, shared by all the campaigns");
  sub.add_option("--max-credits", flags->max_credits, "Guardrail: a campaign whose plan costs more applies nothing")
      ->check(CLI::NonNegativeNumber);
  sub.add_option("--max-changes", flags->max_changes, "Guardrail: a campaign whose plan has more actions applies nothing")
      ->check(CLI::NonNegativeNumber);
  sub.add_option("--lock-timeout", flags->lock_timeout, "Wait this long for a campaign's lock (e.g. 30s)")
      ->capture_default_str();
  sub.add_option("--every", flags->every, "Loop mode: run once per interval (e.g. 15m) until SIGTERM/SIGINT");
  sub.add_option("--jitter", flags->jitter, "Loop mode: each wait is the interval +- this fraction")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.5));
  sub.add_option("--max-runs", flags->max_runs, "Loop mode: stop after N runs")->check(CLI::PositiveNumber);
  sub.add_option("--sim-clock", flags->sim_clock,
                 "Loop mode against `ugc sim` only: waits move the simulator's clock (URL) instead of sleeping");
  sub.add_option("--parallelism", flags->parallelism, "Requests in flight at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  sub.add_option("--format", flags->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub.add_option("--as-of", flags->as_of, "Today for date rules (YYYY-MM-DD); default: the server's date");
  sub.add_flag("--no-bulk", flags->no_bulk, "One POST /bundles per bundle instead of bulk creation per country");
  add_media_root_option(sub, flags->media_roots);
  sub.add_option("--api-url", flags->api_url, "API base URL (default: TOKPORTAL_BASE_URL or the TokPortal API)");
  sub.add_option("--api-key-file", flags->api_key_file, "File holding the API key (default: TOKPORTAL_API_KEY)");
  sub.footer(kReconcileHelp);
  return [flags, clock]() -> Result<int> { return run_reconcile(*flags, clock); };
}

}  // namespace ugc::cli
