// ActionJournal over the state Store's journal (ugc/state/journal.hpp).
//
// The journal table keeps the request's method, path, idempotency key and
// body hash, but not the body, which replaying a request needs. Until the
// journal grows a column for it, the payload is kept in the state's meta
// table under "apply.request.<idempotency key>": written (durably) before the
// journal row, cleared in the transaction that closes it. Meta writes do not
// move the state serial, so saved plans stay fresh.
#include <map>
#include <memory>
#include <mutex>

#include "ugc/apply/action_journal.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/store.hpp"

namespace ugc::apply {

namespace {

std::string payload_key(const std::string& idempotency_key) { return "apply.request." + idempotency_key; }

class StoreJournal final : public ActionJournal {
 public:
  explicit StoreJournal(state::Store& store) : store_(store) {}

  Result<long long> begin(const JournalIntent& intent) override {
    if (!intent.idempotency_key.empty())
      UGC_TRY(store_.meta_put(payload_key(intent.idempotency_key), intent.request.dump()));
    state::JournalEntry entry;
    entry.action_id = intent.action_id;
    entry.method = intent.method;
    entry.path = intent.path;
    entry.idempotency_key = intent.idempotency_key;
    entry.request_hash = intent.request_hash;
    entry.run_id = intent.run_id;
    auto row = state::journal_begin(store_, entry);
    if (row.ok() && !intent.idempotency_key.empty()) remember(*row, intent.idempotency_key);
    return row;
  }

  Status finish(long long row, const JournalOutcome& outcome) override {
    state::JournalOutcome out;
    out.status_code = outcome.status_code;
    out.request_id = outcome.request_id;
    out.error_code = outcome.error_code;
    out.response_json = outcome.response.is_null() ? std::string() : outcome.response.dump();
    Status finished = state::journal_finish(store_, row, out);
    if (!finished.ok()) return finished;
    std::string key = forget(row);
    if (!key.empty()) UGC_TRY(store_.meta_put(payload_key(key), ""));
    return {};
  }

  Result<std::vector<OpenJournalEntry>> open_entries() override {
    auto open = state::open_journal_entries(store_);
    if (!open.ok()) return open.error();
    std::vector<OpenJournalEntry> out;
    for (const auto& record : *open) {
      OpenJournalEntry e;
      e.row = record.id;
      e.intent.run_id = record.entry.run_id;
      e.intent.action_id = record.entry.action_id;
      e.intent.method = record.entry.method;
      e.intent.path = record.entry.path;
      e.intent.idempotency_key = record.entry.idempotency_key;
      e.intent.request_hash = record.entry.request_hash;
      if (!e.intent.idempotency_key.empty()) {
        auto payload = store_.meta_get(payload_key(e.intent.idempotency_key));
        if (!payload.ok()) return payload.error();
        if (*payload && !(*payload)->empty()) e.intent.request = Json::parse(**payload, nullptr, false);
        if (e.intent.request.is_discarded()) e.intent.request = Json();
        remember(record.id, e.intent.idempotency_key);
      }
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  void remember(long long row, const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    key_of_[row] = key;
  }
  std::string forget(long long row) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = key_of_.find(row);
    if (it == key_of_.end()) return {};
    std::string key = it->second;
    key_of_.erase(it);
    return key;
  }

  state::Store& store_;
  std::mutex mu_;
  std::map<long long, std::string> key_of_;  // row -> key, for rows begun or read here
};

}  // namespace

std::unique_ptr<ActionJournal> store_journal(state::Store& store) { return std::make_unique<StoreJournal>(store); }

}  // namespace ugc::apply
