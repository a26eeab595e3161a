#pragma once
// The executor: runs a plan's actions against the TokPortal API and records
// what happened, crash-safe and never charging twice.
//
// Each action becomes a node of an ActionGraph (its depends_on are the edges),
// run on `parallelism` workers; the API client's shared rate limiter keeps the
// pace under the key's limit. For each request of an action, in order:
//   1. placeholders ({bundle:REF}, {media:KEY}) are resolved from state and
//      from earlier actions of this run;
//   2. the idempotency key is derived from the campaign, the action id, the
//      request index and the body as sent, so a rerun sends the same key;
//   3. a journal row is written (durably) before the request;
//   4. on success, the state effects (effects.hpp) and the closing of the row
//      commit in one transaction, immediately;
//   5. on a final failure (4xx) the row is closed with the error; on an
//      uncertain one (5xx, timeout, dropped connection after all retries) the
//      row stays open for reconciliation (reconcile.hpp) on the next run.
// A failed action skips only its dependents; independent bundles carry on.
//
// Local files above `presigned_above_bytes` upload through the presigned flow
// (no idempotency key there: after a crash the upload is simply repeated,
// uploads are free). Before each request of an action that costs credits the
// run's state lock is verified (options.lock; one query on PostgreSQL): a
// lost lock fails that action before its journal row and request, and the run
// starts nothing new. A failed publish (409) is followed by one GET of
// publish-readiness so the error names every blocker.
#include <atomic>
#include <cstdint>
#include <string>

#include "ugc/api/client.hpp"
#include "ugc/apply/action_journal.hpp"
#include "ugc/apply/outcome.hpp"
#include "ugc/apply/progress.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/store.hpp"

namespace ugc::apply {

struct ExecuteOptions {
  int parallelism = 8;
  std::string run_id;
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: start nothing new
  ProgressReporter* progress = nullptr;     // may be null
  std::int64_t presigned_above_bytes = 50LL * 1024 * 1024;
  const state::StateLock* lock = nullptr;  // the run's lock, verified before each paid request; may be null
};

// Runs every action of `plan`; `clock` times the run and each action. Errors
// only for problems outside the actions (the plan's graph is broken, the state
// cannot be read); action failures are in the result.
Result<ApplyResult> execute_plan(const plan::Plan& plan, state::Store& store, ActionJournal& journal,
                                 api::Client& client, Clock& clock, const ExecuteOptions& options);

// The idempotency key of request `index` of `action`, sent with `body`
// (the body as sent; for multipart, the form fields and the file's media key).
std::string action_idempotency_key(const std::string& campaign, const std::string& action_id, std::size_t index,
                                   const Json& body);

}  // namespace ugc::apply
