#pragma once
// One unattended reconcile of campaign files against one state: for each
// campaign, isolated from the others (its own lock, its own journal rows, its
// own external_ref prefix from expand):
//   1. validate the file (a file that fails is skipped; the others still run);
//   2. take the campaign's lock (waiting up to lock_timeout);
//   3. refresh the state from the API (refresh_campaign_state);
//   4. plan online, the way `ugc apply` does (plan_from_file);
//   5. check the guardrails (max credits, max changes): exceeded -> nothing is
//      sent; blocked changes are never applied (the plan never runs them);
//   6. apply, record the run (CampaignRun is the run's summary).
// `ugc reconcile` (cmd_reconcile.cpp) is a thin shell around this; its loop
// mode (reconcile_loop.hpp) calls it once per interval.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ugc/apply/outcome.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"

namespace ugc::api {
class Client;
}
namespace ugc::apply {
class ProgressReporter;
}

namespace ugc::cli {

struct ReconcileOptions {
  std::string state_path = ".ugc/state.db";
  std::string as_of;                 // --as-of; empty: the server's date
  bool bulk_create = true;
  std::vector<std::string> media_roots;
  std::optional<long long> max_credits;  // guardrail: a plan costing more applies nothing
  std::optional<int> max_changes;        // guardrail: a plan with more actions applies nothing
  std::chrono::milliseconds lock_timeout{0};
  int parallelism = 8;
  const std::atomic<bool>* stop = nullptr;     // SIGTERM/SIGINT: start nothing new
  apply::ProgressReporter* progress = nullptr;  // may be null
};

enum class CampaignOutcome {
  nothing_to_do,  // the state matches the file
  applied,        // every planned action succeeded
  partial,        // some actions failed or were skipped; the rest are recorded
  guardrail,      // a guardrail was exceeded: nothing was sent
  invalid,        // the file failed validation: skipped
  error,          // locked, API down, damaged state...: nothing new was applied
};
const char* to_string(CampaignOutcome outcome);

// A finished run of one campaign: what run history records (state::record_run).
struct CampaignRun {
  std::string campaign_file;
  std::string campaign;         // id; empty when the file did not load
  std::string campaign_sha256;  // of the file's bytes
  std::string run_id;           // the lock holder id
  CampaignOutcome outcome = CampaignOutcome::error;
  std::string message;          // error, or which guardrail and by how much
  bool api_unavailable = false; // the error was transient (API down, timeouts)
  int actions_planned = 0;
  int blocked_changes = 0;      // never applied
  long long credits_planned = 0;
  int actions_succeeded = 0;
  int actions_failed = 0;
  long long credits_charged = 0;
  int requests = 0;             // HTTP requests of the apply (retries included)
  std::chrono::milliseconds wall_time{0};
};

struct ReconcileRun {
  std::vector<CampaignRun> campaigns;
  std::chrono::milliseconds wall_time{0};
  bool api_unreachable = false;  // some campaign failed with a transient API error (loop mode backs off)
};

// Reconciles each file in turn; never fails as a whole: each campaign's
// failure is in its CampaignRun.
ReconcileRun reconcile_campaigns(const std::vector<std::string>& files, const ReconcileOptions& options,
                                 api::Client& client, const std::shared_ptr<Clock>& clock);

}  // namespace ugc::cli
