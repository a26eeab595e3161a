#pragma once
// ActionJournal: the apply journal as the executor and reconciliation see it.
// A row is written (and made durable) before each mutating request and closed
// after its answer, in the same SQLite file as the state, so after a crash the
// open rows are exactly the requests whose outcome nobody recorded.
//
// A row carries what reconciliation needs to finish the job without the plan
// that made it: the request as sent (method, path, body or form, idempotency
// key) and the action it belonged to (its records: which refs it creates or
// changes). finish() joins the caller's open state Transaction, so "state
// written" and "row closed" commit together.
//
// store_journal() implements it over the state Store's journal API.
#include <memory>
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"

namespace ugc::state {
class Store;
}

namespace ugc::apply {

struct JournalIntent {
  std::string run_id;
  std::string action_id;
  std::string method;
  std::string path;             // as sent (placeholders resolved)
  std::string idempotency_key;  // empty for the sensitive (presigned) operations
  std::string request_hash;     // sha256 of the canonical body
  Json request;                 // {"index", "body", "form", "file", "action": plan JSON of the one action, "campaign"}
};

struct JournalOutcome {
  int status_code = 0;        // HTTP status; 0 when no answer (closed by reconciliation)
  std::string request_id;
  std::string error_code;     // API code, or "NOT_APPLIED"/"ABANDONED" from reconciliation
  Json response;              // the answer's data (or null)
};

struct OpenJournalEntry {
  long long row = 0;
  JournalIntent intent;
};

class ActionJournal {
 public:
  virtual ~ActionJournal() = default;
  virtual Result<long long> begin(const JournalIntent& intent) = 0;
  virtual Status finish(long long row, const JournalOutcome& outcome) = 0;
  // Oldest first.
  virtual Result<std::vector<OpenJournalEntry>> open_entries() = 0;
};

std::unique_ptr<ActionJournal> store_journal(state::Store& store);

}  // namespace ugc::apply
