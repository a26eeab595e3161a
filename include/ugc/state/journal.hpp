#pragma once
// The apply journal: one row per mutating API request. journal_begin() records
// the intent (and is committed and synced before it returns, so the row is on
// disk before the request is sent); journal_finish() records the outcome. An
// entry begun but never finished is what a crashed or killed run left behind:
// apply reconciles those (by idempotency key) before doing anything else.
//
// Responses are stored redacted (log::redact) and bounded to
// kJournalResponseLimit bytes; the API key is never written. Journal writes do
// not change the state serial. Thread-safe through the Store.
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

// Longest response body kept in a journal row; longer ones keep their head.
inline constexpr size_t kJournalResponseLimit = 16 * 1024;

struct JournalEntry {
  std::string action_id;        // the plan action this request belongs to
  std::string method;           // "POST", "PATCH", ...
  std::string path;             // "/bundles/bulk", no query secrets
  std::string idempotency_key;  // derived from the action, stable across reruns
  std::string request_hash;     // sha256 of the request body
  std::string run_id;           // the lock holder id of the run, if any
};

struct JournalOutcome {
  int status_code = 0;        // HTTP status; 0 when no response arrived
  std::string response_json;  // body as received; redacted and bounded on write
  std::string request_id;     // X-Request-Id of the response
  std::string error_code;     // API error code or a local one ("TIMEOUT"); empty on success
};

struct JournalRecord {
  long long id = 0;
  JournalEntry entry;
  std::string started_at;                // ISO 8601 UTC
  std::optional<std::string> finished_at;  // unset for an open entry
  std::optional<JournalOutcome> outcome;   // set once finished
};

// Records the intent of a request; returns the entry id. Must not be called
// inside a Transaction (it commits on its own so that it is durable now).
Result<long long> journal_begin(Store& store, const JournalEntry& entry);
// Records the outcome of entry `id`. not_found for an unknown id, conflict when
// it was finished already.
Status journal_finish(Store& store, long long id, const JournalOutcome& outcome);
// Entries begun but not finished, oldest first.
Result<std::vector<JournalRecord>> open_journal_entries(Store& store);
// Every entry with this idempotency key, oldest first (a key is reused by reruns).
Result<std::vector<JournalRecord>> journal_entries_for_key(Store& store, const std::string& idempotency_key);

}  // namespace ugc::state
