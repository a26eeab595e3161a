#include "ugc/cli/reconcile_run.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "ugc/api/client.hpp"
#include "ugc/apply/action_journal.hpp"
#include "ugc/apply/executor.hpp"
#include "ugc/apply/reconcile.hpp"
#include "ugc/cli/campaign_plan.hpp"
#include "ugc/cli/exit_codes.hpp"
#include "ugc/cli/run_history.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/events/refresh.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/state/backup.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

constexpr const char* kReconcileCommand = "ugc reconcile";

// No state yet: missing, or empty because the run creating it was killed
// before its first write (a killed creation is nothing to keep).
bool state_needs_creation(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errno == ENOENT;
  struct stat wal {};
  return st.st_size == 0 && ::stat((path + "-wal").c_str(), &wal) != 0;
}

// A new state file is created under a lock of its own (a scope no campaign id
// can spell), so that two campaigns starting at once on a new state do not
// both create it, while neither blocks the other's campaign lock. Creating
// takes a moment: the wait for it ignores --lock-timeout.
Status ensure_state(const ReconcileOptions& options, const std::shared_ptr<Clock>& clock) {
  if (!state_needs_creation(options.state_path)) return {};
  const auto wait = std::max<std::chrono::milliseconds>(options.lock_timeout, std::chrono::seconds(60));
  auto lock = state::acquire_lock(options.state_path, *clock,
                                  state::LockRequest{kReconcileCommand, wait, "(creating the state file)"});
  if (!lock.ok()) return lock.error();
  if (!state_needs_creation(options.state_path)) return {};  // another run created it meanwhile
  if (::unlink(options.state_path.c_str()) != 0 && errno != ENOENT)
    return io_error("cannot remove the empty state file " + options.state_path + " left by a killed run");
  auto store = state::Store::open(options.state_path, {state::Access::read_write, true}, clock);
  if (!store.ok()) return store.error();
  return {};
}

// Brings the state up to date with the API before planning: settles this
// campaign's requests left open by an interrupted run (by idempotency key or
// external_ref, never charging twice), then reads TokPortal as `ugc refresh`
// does (statuses, edits made in the app, bans), so the plan restores drift.
Status bring_state_up_to_date(state::Store& store, api::Client& client, const std::string& campaign) {
  UGC_TRY(apply::reconcile_open_journal(store, client, campaign).context("settling the journal"));
  events::RefreshRequest request;
  request.campaign = campaign;
  auto report = events::refresh_campaign(store, client, request);
  if (!report.ok()) return report.error().with_context("refreshing the state from the API");
  for (const auto& d : report->drift)
    spdlog::info("{}: drift {} {}: {} -> {}", campaign, d.ref, d.field, d.before, d.observed);
  return {};
}

// The guardrail a plan exceeds, in words; empty when within both.
std::string exceeded_guardrail(const ReconcileOptions& options, int actions, long long credits) {
  if (options.max_credits && credits > *options.max_credits)
    return "guardrail --max-credits " + std::to_string(*options.max_credits) + " exceeded: the plan costs " +
           std::to_string(credits) + " credits, " + std::to_string(credits - *options.max_credits) +
           " over; nothing was applied";
  if (options.max_changes && actions > *options.max_changes)
    return "guardrail --max-changes " + std::to_string(*options.max_changes) + " exceeded: the plan has " +
           std::to_string(actions) + " actions, " + std::to_string(actions - *options.max_changes) +
           " over; nothing was applied";
  return {};
}

void take_result(CampaignRun& run, const apply::ApplyResult& result) {
  run.actions_succeeded = result.count(apply::NodeStatus::ok);
  run.actions_failed = static_cast<int>(result.actions.size()) - run.actions_succeeded;
  run.credits_charged = result.credits_charged();
  run.requests = result.requests_made();
  run.outcome = result.complete() ? CampaignOutcome::applied : CampaignOutcome::partial;
  if (!result.complete())
    run.message = std::to_string(run.actions_failed) + " of " + std::to_string(result.actions.size()) +
                  " actions failed or were skipped";
}

// Steps 5-6 once the plan is made: guardrails, then apply. The results go
// into `record` for the run history.
Status apply_within_guardrails(CampaignRun& run, const plan::Plan& plan, state::Store& store,
                               const state::StateLock& lock, api::Client& client, const std::shared_ptr<Clock>& clock,
                               const ReconcileOptions& options, state::RunRecord& record) {
  if (std::string limit = exceeded_guardrail(options, run.actions_planned, run.credits_planned); !limit.empty()) {
    run.outcome = CampaignOutcome::guardrail;
    run.message = limit;
    return {};
  }
  if (plan.actions.empty()) {
    run.outcome = CampaignOutcome::nothing_to_do;
    return {};
  }
  if (options.stop && options.stop->load()) return Error(ErrorKind::conflict, "stopped before the first action");
  auto backup = state::rotate_backup(store);
  if (!backup.ok()) return backup.error().with_context("backing up the state before applying");

  auto journal = apply::store_journal(store);
  apply::ExecuteOptions execute;
  execute.parallelism = options.parallelism;
  execute.run_id = run.run_id;
  execute.stop = options.stop;
  execute.progress = options.progress;
  execute.lock = &lock;
  auto result = apply::execute_plan(plan, store, *journal, client, *clock, execute);
  if (!result.ok()) return result.error();
  take_result(run, *result);
  add_results(record, *result, result->complete() ? kExitOk : kExitPartial);
  return {};
}

// Writes the run into the state's run history, as `ugc apply` does, while
// the campaign's lock is still held.
void record_reconcile_run(state::Store& store, const CampaignRun& run, const Status& ended,
                          state::RunRecord record) {
  record.actions_failed = run.actions_failed;
  record.credits_charged = run.credits_charged;
  record.requests_made = run.requests;
  record.outcome = ended.ok() ? to_string(run.outcome) : "failed";
  record.message = ended.ok() ? run.message : ended.error().message();
  record_run_or_warn(store, record);
}

// Steps 2-6 for a campaign whose file loaded; errors end the run as `error`.
Status run_campaign(CampaignRun& run, const ReconcileOptions& options, api::Client& client,
                    const std::shared_ptr<Clock>& clock) {
  UGC_TRY(ensure_state(options, clock));
  auto store = state::Store::open(options.state_path, {state::Access::read_write, false}, clock);
  if (!store.ok()) return store.error();
  auto lock = state::acquire_lock(*store, state::LockRequest{kReconcileCommand, options.lock_timeout, run.campaign});
  if (!lock.ok()) return lock.error();
  run.run_id = lock->id();
  const std::string started_at = iso_utc_now(*clock);

  UGC_TRY(bring_state_up_to_date(*store, client, run.campaign));
  PlanRequest request{run.campaign_file, options.as_of, options.bulk_create, options.media_roots, nullptr};
  auto plan = plan_from_file(request, &*store, &client, *clock);
  if (!plan.ok()) return plan.error();
  const plan::Totals totals = plan::compute_totals(*plan);
  run.actions_planned = totals.actions;
  run.blocked_changes = static_cast<int>(plan->blocked.size());
  run.credits_planned = totals.credits;
  for (const auto& b : plan->blocked) spdlog::warn("{}: blocked, never applied: {} ({})", run.campaign, b.reason, b.target);

  auto state_id = store->state_id();
  state::RunRecord record =
      run_record_for("reconcile", started_at, *plan, state_id.ok() ? *state_id : "", options.bulk_create);
  Status ended = apply_within_guardrails(run, *plan, *store, *lock, client, clock, options, record);
  record_reconcile_run(*store, run, ended, std::move(record));
  return ended;
}

// The health line of a finished campaign run (run_campaign recorded it in the run history).
void finish_run(const CampaignRun& run) {
  spdlog::info("reconcile {}: {} ({} actions, {} credits charged, {} requests){}", run.campaign_file,
               to_string(run.outcome), run.actions_planned, run.credits_charged, run.requests,
               run.message.empty() ? std::string() : ": " + run.message);
}

CampaignRun reconcile_campaign(const std::string& file, const ReconcileOptions& options, api::Client& client,
                               const std::shared_ptr<Clock>& clock) {
  const auto start = clock->monotonic_now();
  CampaignRun run;
  run.campaign_file = file;
  if (auto sha = sha256_file_hex(file); sha.ok()) run.campaign_sha256 = *sha;
  auto campaign = manifest::load_campaign(file, manifest::ParseOptions{options.media_roots});
  if (!campaign.ok()) {
    run.outcome = CampaignOutcome::invalid;
    run.message = campaign.error().message();
  } else {
    run.campaign = campaign->id;
    if (Status s = run_campaign(run, options, client, clock); !s.ok()) {
      run.outcome = CampaignOutcome::error;
      run.message = s.error().message();
      run.api_unavailable = s.error().kind() == ErrorKind::transient;
    }
  }
  run.wall_time = std::chrono::duration_cast<std::chrono::milliseconds>(clock->monotonic_now() - start);
  finish_run(run);
  return run;
}

}  // namespace

const char* to_string(CampaignOutcome outcome) {
  switch (outcome) {
    case CampaignOutcome::nothing_to_do: return "nothing to do";
    case CampaignOutcome::applied: return "applied";
    case CampaignOutcome::partial: return "partial";
    case CampaignOutcome::guardrail: return "guardrail";
    case CampaignOutcome::invalid: return "invalid";
    case CampaignOutcome::error: return "error";
  }
  return "error";
}

ReconcileRun reconcile_campaigns(const std::vector<std::string>& files, const ReconcileOptions& options,
                                 api::Client& client, const std::shared_ptr<Clock>& clock) {
  const auto start = clock->monotonic_now();
  ReconcileRun out;
  for (const std::string& file : files) {
    if (options.stop && options.stop->load()) break;
    out.campaigns.push_back(reconcile_campaign(file, options, client, clock));
    if (out.campaigns.back().api_unavailable) out.api_unreachable = true;
  }
  out.wall_time = std::chrono::duration_cast<std::chrono::milliseconds>(clock->monotonic_now() - start);
  return out;
}

}  // namespace ugc::cli
