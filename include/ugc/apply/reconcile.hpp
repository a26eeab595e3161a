#pragma once
// Reconciliation: finishing, after a crash, the requests whose outcome nobody
// recorded. Every open journal row is a request that was (maybe) sent while
// its answer never reached the state: the process was killed, the machine
// lost power, or the connection dropped after every retry.
//
// Run before planning anything new (`ugc apply` and `ugc plan` when online),
// under the state lock. Per open row, oldest first:
//   - a single bundle create: look the bundle up by external_ref
//     (GET /bundles?external_ref=...); found -> record it; not found -> the
//     server never created it: close the row as NOT_APPLIED (the next plan
//     creates it again, with the same idempotency key);
//   - any other keyed request: send the very same request again (same body,
//     same Idempotency-Key): the server replays its stored answer when it had
//     processed it, so nothing is charged twice; record the answer in state;
//   - a presigned upload (no key possible): close it as ABANDONED; the upload
//     is free and the next plan repeats it.
// State written and row closed commit in one transaction. A row that still
// cannot be settled (the API keeps failing) stays open and makes this return
// an error: planning on top of an unknown outcome could create things twice.
#include <string>
#include <vector>

#include "ugc/api/client.hpp"
#include "ugc/apply/action_journal.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::apply {

struct ReconcileReport {
  int open_entries = 0;
  int replayed = 0;     // answered again by the server and recorded
  int found = 0;        // bundle found by external_ref and recorded
  int not_applied = 0;  // the server never acted
  int abandoned = 0;    // presigned uploads, unreadable entries
  int refused = 0;      // the replay got a final error (recorded on the row)
  std::vector<std::string> lines;  // one per entry, for --verbose and tests
};

Result<ReconcileReport> reconcile_journal(state::Store& store, ActionJournal& journal, api::Client& client);
// Only the rows of `campaign` (see reconcile_open_journal below).
Result<ReconcileReport> reconcile_journal(state::Store& store, ActionJournal& journal, api::Client& client,
                                          const std::string& campaign);

// The entry point for `ugc plan` and `ugc apply`: reconciles through the
// Store's journal. Prints nothing; logs one info line per settled entry.
Status reconcile_open_journal(state::Store& store, api::Client& client);
// The same for one campaign's entries only (the campaign a journal row's
// payload names): another campaign's rows may be in flight right now, under
// that campaign's own lock, and are left to its runs.
Status reconcile_open_journal(state::Store& store, api::Client& client, const std::string& campaign);

}  // namespace ugc::apply
