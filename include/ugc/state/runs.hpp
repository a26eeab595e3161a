#pragma once
// Run history: one record per `ugc apply` (and `ugc reconcile`) that got as
// far as a plan on an existing or newly created state file: when and where it
// ran (host, user), from what (campaign file, its sha256, the git commit when
// the file is in a git work tree), what it planned and did (actions, credits,
// requests) and how it ended. The plan (saved-plan JSON, plan/saved_plan.hpp)
// and the results summary (apply's JSON result) are kept whole, deflated with
// zlib: `ugc runs show ID` prints them again. State knows them only as text.
//
// Records are written once, at the end of a run, in their own transaction;
// they never change the state serial (a run changes no plan by being
// recorded). Text passes through log::redact: no API key is stored.
// Thread-safe through the Store.
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct RunRecord {
  long long id = 0;           // set by record_run; ignored on write
  std::string command;        // "apply" | "reconcile"
  std::string started_at;     // ISO 8601 UTC; empty: the store's clock when recorded
  std::string finished_at;    // empty: the store's clock when recorded
  std::string host;
  std::string user;
  std::string campaign;       // campaign id
  std::string campaign_file;  // as given on the command line
  std::string campaign_sha256;
  std::string git_commit;     // HEAD of the file's work tree; empty when none
  int actions = 0;            // planned
  int actions_failed = 0;     // failed or skipped
  long long credits_planned = 0;
  long long credits_charged = 0;
  int requests_planned = 0;
  int requests_made = 0;
  std::string outcome;        // "applied" | "partial" | "no changes" | "cancelled" | "failed" | ...
  std::string message;        // why it failed or stopped; empty otherwise
  std::string plan_json;      // the saved-plan JSON document; empty in listings
  std::string results_json;   // the results summary document; empty in listings
};

// Records a finished run; returns its id (ids grow: a later run, a larger id).
// Must not be called inside a Transaction of the caller's: it commits itself.
Result<long long> record_run(Store& store, const RunRecord& run);

// The newest `limit` runs (all when limit <= 0), newest first, without their
// plan_json and results_json.
Result<std::vector<RunRecord>> list_runs(Store& store, int limit);

// One run with its plan and results; nullopt for an unknown id.
Result<std::optional<RunRecord>> find_run(Store& store, long long id);

}  // namespace ugc::state
