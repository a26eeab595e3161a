#include "ugc/state/journal.hpp"

#include "store_impl.hpp"
#include "ugc/core/log.hpp"

namespace ugc::state {

namespace {

constexpr const char* kSelectJournal =
    "SELECT id, action_id, method, path, idempotency_key, request_hash, run_id, started_at, finished_at,"
    " status_code, response_json, request_id, error_code FROM journal";

// Redacts first (a secret must not survive by being cut in half), then bounds.
std::string bounded_response(const std::string& body) {
  std::string clean = log::redact(body);
  if (clean.size() <= kJournalResponseLimit) return clean;
  // Keep valid JSON so readers can always parse the column.
  Json kept = {{"truncated", true}, {"bytes", clean.size()}, {"head", clean.substr(0, kJournalResponseLimit / 2)}};
  return kept.dump(-1, ' ', false, Json::error_handler_t::replace);
}

JournalRecord record_from_row(const Statement& st) {
  JournalRecord r;
  r.id = st.integer(0);
  r.entry = {st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)};
  r.started_at = st.text(7);
  if (!st.is_null(8)) {
    r.finished_at = st.text(8);
    r.outcome = JournalOutcome{static_cast<int>(st.integer(9)), st.text(10), st.text(11), st.text(12)};
  }
  return r;
}

Result<std::vector<JournalRecord>> select_records(Store& store, const std::string& where, const std::string& arg) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto st = impl.db->cached(std::string(kSelectJournal) + where + " ORDER BY id");
  if (!st) return st.error();
  if (!arg.empty()) (*st)->bind(1, arg);
  std::vector<JournalRecord> records;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading the journal");
    if (!*row) break;
    records.push_back(record_from_row(**st));
  }
  return records;
}

}  // namespace

Result<long long> journal_begin(Store& store, const JournalEntry& entry) {
  Store::Impl& impl = store.impl();
  WriteScope scope(impl);
  if (impl.in_transaction)
    return fatal_error("journal_begin inside a transaction: the entry would not be durable before the request");
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO journal (run_id, action_id, method, path, idempotency_key, request_hash, started_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.error();
  (*st)->bind(1, entry.run_id).bind(2, entry.action_id).bind(3, entry.method).bind(4, log::redact(entry.path));
  (*st)->bind(5, entry.idempotency_key).bind(6, entry.request_hash).bind(7, impl.now_iso());
  UGC_TRY((*st)->run().context("journaling " + entry.method + " " + entry.path));
  auto id = scope.db().last_insert_rowid();
  if (!id) return id.error();
  UGC_TRY(scope.commit());  // synchronous=FULL: on disk when this returns
  return id;
}

Status journal_finish(Store& store, long long id, const JournalOutcome& outcome) {
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "UPDATE journal SET finished_at = ?2, status_code = ?3, response_json = ?4, request_id = ?5, error_code = ?6"
      " WHERE id = ?1 AND finished_at IS NULL");
  if (!st) return st.error();
  (*st)->bind(1, id).bind(2, store.impl().now_iso()).bind(3, outcome.status_code);
  (*st)->bind(4, bounded_response(outcome.response_json));
  (*st)->bind(5, outcome.request_id).bind(6, outcome.error_code);
  UGC_TRY((*st)->run().context("finishing journal entry " + std::to_string(id)));
  if (scope.db().changes() == 0) {
    auto exists = scope.db().cached("SELECT 1 FROM journal WHERE id = ?1");
    if (!exists) return exists.error();
    (*exists)->bind(1, id);
    auto row = (*exists)->step();
    if (!row) return row.error();
    (*exists)->reset();
    if (*row) return conflict("journal entry " + std::to_string(id) + " is already finished");
    return not_found("no journal entry " + std::to_string(id) + " in state file " + store.path());
  }
  return scope.commit();
}

Result<std::vector<JournalRecord>> open_journal_entries(Store& store) {
  return select_records(store, " WHERE finished_at IS NULL", "");
}

Result<std::vector<JournalRecord>> journal_entries_for_key(Store& store, const std::string& idempotency_key) {
  if (idempotency_key.empty()) return invalid_input("an empty idempotency key");
  return select_records(store, " WHERE idempotency_key = ?1", idempotency_key);
}

}  // namespace ugc::state
