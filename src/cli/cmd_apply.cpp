// ugc apply FILE : plan a campaign file online, the way `ugc plan` does
// (ugc/cli/campaign_plan.hpp), show it, ask, then carry it out against the
// TokPortal API (see ugc/apply/executor.hpp). ugc apply PLANFILE: verify the
// saved plan by planning again (ugc/cli/verified_plan.hpp), show it, carry it
// out without asking (it was reviewed when saved).
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "ugc/api/client.hpp"
#include "ugc/apply/action_journal.hpp"
#include "ugc/apply/executor.hpp"
#include "ugc/apply/outcome.hpp"
#include "ugc/apply/progress.hpp"
#include "ugc/apply/reconcile.hpp"
#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/campaign_plan.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/interrupt.hpp"
#include "ugc/cli/online_state.hpp"
#include "ugc/cli/prices.hpp"
#include "ugc/cli/run_history.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/cli/verified_plan.hpp"
#include "ugc/core/log.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/plan/targeting.hpp"
#include "ugc/state/backup.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/state_uri.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

constexpr const char* kExitCodesHelp =
    "A saved plan (PLANFILE, from `ugc plan --out`) is re-verified, not trusted: apply plans again from the "
    "campaign file it names and this state, with the server's prices, and refuses before any change unless the "
    "actions, request bodies and credits are exactly the saved ones and the plan was made for this state file "
    "(its state id and serial). A verified saved plan runs without asking.\n"
    "Exit codes: 0 everything applied (or nothing to do); 1 error before any action ran "
    "(bad input, stale plan, no confirmation, lock held); 3 partial: some actions failed or were "
    "skipped, the rest are applied and recorded - fix the cause and run apply again.\n"
    "State: a damaged state file is refused before anything is written (see `ugc state check`); an existing "
    "state is backed up into <state>.backups/ before the first write (the newest 5 are kept); a missing one is "
    "created only once the plan is confirmed. Ctrl-C before the first action stops and releases the lock.";

struct ApplyFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  bool auto_approve = false;
  int parallelism = 8;
  std::string format = "text";
  std::string as_of;
  std::string api_url, api_key_file;
  std::string lock_timeout = "0";
  bool break_stale_lock = false;
  bool no_bulk = false;
  std::vector<std::string> targets;  // -target REF (plan/targeting.hpp)
  std::vector<std::string> media_roots;
  std::string campaign;  // not a flag: the campaign of `file`, the lock's scope
};

bool is_saved_plan(const std::string& path) {
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) return true;
  std::ifstream in(path);
  char c = 0;
  while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {
  }
  return c == '{';
}

// Takes the lock of the campaign applied (runs of other campaigns in the same
// state go ahead). The operating system releases a killed run's lock, so
// --break-stale-lock has nothing left to break but an older ugc's stale lock
// row, which acquire_lock removes by itself.
Result<state::StateLock> lock_state(const ApplyFlags& flags, state::Store& store) {
  auto timeout = state::parse_lock_timeout(flags.lock_timeout);
  if (!timeout.ok()) return timeout.error();
  return state::acquire_lock(store, state::LockRequest{"ugc apply", *timeout, flags.campaign});
}

// The campaign a campaign file or a saved plan is about: the scope of the lock.
Result<std::string> campaign_of(const ApplyFlags& flags, bool saved) {
  if (saved) {
    auto plan = plan::load_saved_plan(flags.file);
    if (!plan.ok()) return plan.error();
    return plan->plan.campaign;
  }
  auto campaign = manifest::load_campaign(flags.file, manifest::ParseOptions{flags.media_roots});
  if (!campaign.ok()) return campaign.error();
  return campaign->id;
}

// A saved plan was planned with its own date and options; flags that would
// change them belong to a campaign file.
Status check_saved_plan_flags(const ApplyFlags& flags) {
  if (!flags.as_of.empty() || flags.no_bulk || !flags.targets.empty())
    return invalid_input("--as-of, --no-bulk and --target apply to a campaign file; the saved plan " + flags.file +
                         " keeps the date and options it was planned with");
  return {};
}

bool json_log_lines() { return log::format() == log::Format::json; }

// Text for the user: on stdout as it is, on stderr as log lines (JSON records
// with --log-format json).
void show_to_user(std::FILE* human, const std::string& text) {
  if (human == stderr)
    log::print_stderr("info", text);
  else
    std::fputs(text.c_str(), human);
}

// Asks on the terminal; refuses without one unless --auto-approve. A signal
// interrupts the read (InterruptScope before the first action): no answer.
Result<bool> confirmed(const ApplyFlags& flags) {
  if (flags.auto_approve) return true;
  if (!is_terminal(stdin))
    return invalid_input("refusing to apply without confirmation: stdin is not a terminal. "
                         "Review the plan and pass --auto-approve (e.g. in CI).");
  log::print_stderr("info", "\nDo you want to perform these actions? Only 'yes' will be accepted: ");
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes";
}

// Anything at the path (even what cannot be read) goes through Store::open,
// which says what is wrong with it; only a free path waits for confirmation.
// A PostgreSQL state is always opened (an empty database gets the schema).
bool state_path_taken(const std::string& path) {
  if (state::is_postgres_uri(path)) return true;
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 || errno != ENOENT;
}

// The state an apply works on, with its lock. A missing state file is created
// only once the plan is confirmed, so a refused or interrupted apply leaves no
// file behind.
struct ApplyState {
  std::unique_ptr<state::Store> store;
  std::unique_ptr<state::StateLock> lock;
};

Status lock_into(const ApplyFlags& flags, ApplyState& held) {
  auto lock = lock_state(flags, *held.store);
  if (!lock.ok()) return lock.error();
  held.lock = std::make_unique<state::StateLock>(std::move(*lock));
  return {};
}

// An existing state file: opened (refused when damaged, before any write),
// backed up, locked, and the journal of an interrupted run reconciled.
Result<ApplyState> open_existing_state(const ApplyFlags& flags, const std::shared_ptr<Clock>& clock,
                                       api::Client& client) {
  const bool create = state::is_postgres_uri(flags.state);
  auto store = state::Store::open(flags.state, {state::Access::read_write, create}, clock);
  if (!store.ok()) return store.error();
  ApplyState held{std::make_unique<state::Store>(std::move(*store)), nullptr};
  auto backup = state::rotate_backup(*held.store);
  if (!backup.ok()) return backup.error().with_context("backing up the state before apply");
  if (!backup->empty()) spdlog::info("backed up the state to {}", *backup);
  UGC_TRY(lock_into(flags, held));

  auto journal = apply::store_journal(*held.store);
  // Only this campaign's rows: another campaign's may be in flight under its own lock.
  auto reconciled = apply::reconcile_journal(*held.store, *journal, client, flags.campaign);
  if (!reconciled.ok()) return reconciled.error().with_context("reconciling the journal of an interrupted run");
  if (reconciled->open_entries > 0)
    log::print_stderr("info", "Settled " + std::to_string(reconciled->open_entries) +
                                  " request(s) left open by an interrupted run (" +
                                  std::to_string(reconciled->replayed + reconciled->found) + " recorded, " +
                                  std::to_string(reconciled->not_applied) + " not applied).\n");
  return held;
}

// The confirmed first apply: creates the state file. Another run may have
// created and used it since this one planned against nothing.
Result<ApplyState> create_state(const ApplyFlags& flags, const std::shared_ptr<Clock>& clock,
                                const std::optional<api::CreditCosts>& prices) {
  auto store = state::Store::open(flags.state, {state::Access::read_write, true}, clock);
  if (!store.ok()) return store.error();
  ApplyState held{std::make_unique<state::Store>(std::move(*store)), nullptr};
  UGC_TRY(lock_into(flags, held));
  auto serial = held.store->serial();
  if (!serial.ok()) return serial.error();
  if (*serial != 0)
    return conflict("state file " + held.store->path() + " was created by another run while this one planned against "
                    "no state: run apply again to plan against it");
  if (prices) UGC_TRY(remember_prices(*held.store, *prices));
  return held;
}

Error interrupted_before_actions() {
  return Error(ErrorKind::conflict, "interrupted before the first action: nothing was applied, the state lock is released");
}

// Everything after planning: show, confirm, create the state, execute. Sets
// `run`'s outcome (and results) on every way out, for the run history.
// `captions`: the review `ugc plan` shows beside the plan (null for a saved plan).
Result<int> carry_out(const ApplyFlags& flags, const std::shared_ptr<Clock>& clock, const plan::Plan& plan,
                      const plan::CaptionReview* captions, ApplyState& held, api::Client& client,
                      InterruptScope& interrupt, const api::CreditCosts& prices_read, state::RunRecord& run) {
  const bool json = flags.format == "json";
  std::FILE* human = json ? stderr : stdout;  // with --format json stdout holds only the document
  const bool saved = is_saved_plan(flags.file);
  auto stop_requested = [&] { return interrupt.requested().load(); };
  auto interrupted = [&run] {
    run.outcome = "interrupted";
    return interrupted_before_actions();
  };

  plan::RenderOptions shown;  // as `ugc plan` renders it: the same captions, languages and lint
  shown.color = use_color(human) && !json_log_lines();
  shown.captions = captions;
  if (!flags.targets.empty()) {
    const Palette p{shown.color};
    show_to_user(human, p.yellow() + p.bold() + plan::targeting_banner(flags.targets) + p.reset());
  }
  show_to_user(human, plan::make_renderer(plan::RenderFormat::text, shown)->render(plan));
  if (plan.actions.empty()) {
    run.outcome = "no changes";
    if (json) {
      apply::ApplyResult empty;
      std::printf("%s\n", apply::to_json(empty, kExitOk).dump(2).c_str());
    }
    return kExitOk;
  }
  // A verified saved plan was reviewed when it was saved (Terraform's rule).
  auto yes = saved ? Result<bool>(true) : confirmed(flags);
  if (stop_requested()) return interrupted();
  if (!yes.ok()) return yes.error();
  if (!*yes) {
    run.outcome = "cancelled";
    log::print_stderr("info", "Apply cancelled.\n");
    return kExitError;
  }
  if (!held.store) {
    std::optional<api::CreditCosts> prices;
    prices = prices_read;  // a saved plan was verified with the server's prices too
    auto created = create_state(flags, clock, prices);
    if (!created.ok()) return created.error();
    held = std::move(*created);
  }
  if (stop_requested()) return interrupted();
  interrupt.set_before_first_action(false);

  auto journal = apply::store_journal(*held.store);
  auto progress = apply::make_progress_reporter(json_log_lines()     ? apply::ProgressStyle::json_lines
                                                : is_terminal(stderr) ? apply::ProgressStyle::live_line
                                                                      : apply::ProgressStyle::log_lines,
                                                stderr, clock);
  apply::ExecuteOptions options;
  options.parallelism = flags.parallelism;
  options.run_id = held.lock->id();
  options.stop = &interrupt.requested();
  options.progress = progress.get();
  options.lock = held.lock.get();
  auto result = apply::execute_plan(plan, *held.store, *journal, client, *clock, options);
  if (!result.ok()) return result.error();

  const int exit_code = result->complete() ? kExitOk : kExitPartial;
  add_results(run, *result, exit_code);
  if (json)
    std::printf("%s\n", apply::to_json(*result, exit_code).dump(2).c_str());
  else
    std::fputs(apply::render_summary(*result, use_color(stdout)).c_str(), stdout);
  return exit_code;
}

// Records the run in the state's run history (when a state file exists by
// then): what it planned, what it did, how it ended.
void record_apply_run(ApplyState& held, const ApplyFlags& flags, const plan::Plan& plan,
                      const std::string& started_at, state::RunRecord run, const Result<int>& code) {
  if (!held.store) return;  // refused or cancelled before the first state file was made
  auto state_id = held.store->state_id();
  state::RunRecord record = run_record_for("apply", started_at, plan, state_id.ok() ? *state_id : "",
                                             !flags.no_bulk && flags.targets.empty());
  record.actions_failed = run.actions_failed;
  record.credits_charged = run.credits_charged;
  record.requests_made = run.requests_made;
  record.results_json = std::move(run.results_json);
  record.outcome = run.outcome.empty() ? "failed" : run.outcome;
  if (!code.ok()) record.message = code.error().message();
  record_run_or_warn(*held.store, record);
}

Result<int> run_apply(ApplyFlags& flags, const std::shared_ptr<Clock>& clock) {
  const std::string started_at = iso_utc_now(*clock);
  const bool saved = is_saved_plan(flags.file);
  if (saved) UGC_TRY(check_saved_plan_flags(flags));
  auto campaign = campaign_of(flags, saved);
  if (!campaign.ok()) return campaign.error();
  flags.campaign = *campaign;

  // Until the first action a signal only asks to stop: every path below
  // returns, and the lock is released on the way out.
  InterruptScope interrupt;
  interrupt.set_before_first_action(true);
  auto stop_requested = [&] { return interrupt.requested().load(); };

  auto online = online_client(flags.api_url, flags.api_key_file, clock);
  if (!online.ok()) return online.error();
  api::Client& client = **online;

  ApplyState held;
  if (state_path_taken(flags.state)) {
    auto opened = open_existing_state(flags, clock, client);
    if (!opened.ok()) return opened.error();
    held = std::move(*opened);
  }
  if (stop_requested()) return interrupted_before_actions();

  api::CreditCosts prices_read;
  plan::CaptionReview captions;
  // A targeted apply buys each bundle alone (plan/targeting.hpp).
  PlanRequest request{flags.file, flags.as_of, !flags.no_bulk && flags.targets.empty(), flags.media_roots,
                      &prices_read, &captions};
  auto plan = saved ? verify_saved_plan(flags.file, held.store.get(), client, *clock, flags.media_roots, &prices_read)
                    : plan_from_file(request, held.store.get(), &client, *clock);
  if (!plan.ok()) return plan.error();
  *plan = plan::restrict_to_targets(std::move(*plan), flags.targets);
  if (stop_requested()) return interrupted_before_actions();

  state::RunRecord run;
  const bool whole_review = !saved && flags.targets.empty();  // else the renderer reviews the plan's own captions
  auto code = carry_out(flags, clock, *plan, whole_review ? &captions : nullptr, held, client, interrupt, prices_read, run);
  record_apply_run(held, flags, *plan, started_at, std::move(run), code);
  return code;
}

}  // namespace

CommandRun define_apply(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<ApplyFlags>();
  sub.add_option("file", flags->file, "Campaign file (YAML) to plan and apply, or a PLANFILE saved by `ugc plan --out`")
      ->required();
  add_state_option(sub, flags->state, "State");
  sub.add_flag("--auto-approve", flags->auto_approve,
               "Apply a campaign file without asking (required when stdin is not a terminal); -auto-approve works too");
  sub.add_option("--parallelism", flags->parallelism, "Requests in flight at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  sub.add_option("--format", flags->format, "Result output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub.add_option("--as-of", flags->as_of, "Today for date rules (YYYY-MM-DD); default: the server's date");
  sub.add_flag("--no-bulk", flags->no_bulk, "One POST /bundles per bundle instead of bulk creation per country");
  add_media_root_option(sub, flags->media_roots);
  add_target_option(sub, flags->targets);
  sub.add_option("--api-url", flags->api_url, "API base URL (default: TOKPORTAL_BASE_URL or the TokPortal API)");
  sub.add_option("--api-key-file", flags->api_key_file, "File holding the API key (default: TOKPORTAL_API_KEY)");
  sub.add_option("--lock-timeout", flags->lock_timeout, "Wait this long for another run's state lock (e.g. 30s)")
      ->capture_default_str();
  sub.add_flag("--break-stale-lock", flags->break_stale_lock,
               "Kept for old scripts: a killed run's lock is released by the operating system, and a stale lock "
               "row of an older ugc is removed by itself");
  sub.footer(kExitCodesHelp);
  return [flags, clock]() -> Result<int> { return run_apply(*flags, clock); };
}

}  // namespace ugc::cli
