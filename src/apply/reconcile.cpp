#include "ugc/apply/reconcile.hpp"

#include <spdlog/spdlog.h>

#include "ugc/api/bundles.hpp"
#include "ugc/apply/bindings.hpp"
#include "ugc/apply/effects.hpp"
#include "ugc/apply/journal_payload.hpp"
#include "ugc/core/log.hpp"

namespace ugc::apply {

namespace {

Status seed(state::Store& store, Bindings& bindings) {
  auto known = store.load();
  if (!known.ok()) return known.error();
  for (const auto& b : known->bundles)
    if (!b.id.empty()) bindings.set_bundle_id(b.external_ref, b.id);
  for (const auto& m : known->media) bindings.set_media(m.sha256, m.public_url, m.storage_path);
  return {};
}

Status close_row(ActionJournal& journal, long long row, const std::string& code, int status = 0,
                 const std::string& request_id = {}, const Json& response = {}) {
  JournalOutcome outcome;
  outcome.status_code = status;
  outcome.error_code = code;
  outcome.request_id = request_id;
  outcome.response = response;
  return journal.finish(row, outcome);
}

// Settles open journal entries one by one, counting into `report`.
class JournalSettler {
 public:
  JournalSettler(state::Store& store, ActionJournal& journal, api::Client& client, ReconcileReport& report)
      : store_(store), journal_(journal), client_(client), report_(report) {}

  Status seed_bindings() { return seed(store_, bindings_); }

  Status settle(const OpenJournalEntry& entry) {
    const std::string what = entry.intent.method + " " + entry.intent.path + " (" + entry.intent.action_id + ")";
    auto payload = parse_journal_payload(entry.intent.request);
    if (!payload.ok()) return abandon(entry, what + ": " + payload.error().message());
    const plan::Action& action = payload->action;
    if (action.kind == plan::ActionKind::create_bundle && action.bundles.size() == 1)
      return look_up_create(entry, *payload, what);
    if (payload->sent.idempotency_key.empty())
      return abandon(entry, what + " (no idempotency key; repeated by the next plan)");
    return replay(entry, *payload, what);
  }

  // The error that stops planning while some entries stay open.
  Status unsettled_error() const {
    if (unsettled_ == 0) return {};
    return Error(ErrorKind::transient, std::to_string(unsettled_) + " journal entr" + (unsettled_ == 1 ? "y" : "ies") +
                                           " from an interrupted run could not be settled (" + first_unsettled_ +
                                           "); nothing new was planned. Run again when the API answers.");
  }

 private:
  Status abandon(const OpenJournalEntry& entry, const std::string& line) {
    UGC_TRY(close_row(journal_, entry.row, "ABANDONED"));
    ++report_.abandoned;
    report_.lines.push_back("abandoned " + line);
    return {};
  }

  void leave_open(const std::string& what, const Error& error) {
    ++unsettled_;
    if (first_unsettled_.empty()) first_unsettled_ = what + ": " + error.message();
  }

  // A create whose answer was lost: the bundle's external_ref tells whether it exists.
  Status look_up_create(const OpenJournalEntry& entry, const JournalPayload& payload, const std::string& what) {
    const std::string& ref = payload.action.bundles.front().external_ref;
    auto found = api::find_bundles_by_external_ref(client_, ref);
    if (!found.ok()) {
      leave_open(what, found.error());
      return {};
    }
    auto txn = store_.begin();
    if (!txn.ok()) return txn.error();
    if (found->empty()) {
      UGC_TRY(close_row(journal_, entry.row, "NOT_APPLIED"));
      ++report_.not_applied;
      report_.lines.push_back("not applied " + what);
    } else {
      UGC_TRY(record_found_bundle(store_, bindings_, payload.campaign, payload.action, found->front()));
      UGC_TRY(close_row(journal_, entry.row, "RECONCILED_LOOKUP", 200, {}, found->front().raw));
      ++report_.found;
      report_.lines.push_back("found " + ref + " = " + found->front().id);
    }
    return txn->commit();
  }

  // The very same request and key again: the server replays its stored answer.
  Status replay(const OpenJournalEntry& entry, const JournalPayload& payload, const std::string& what) {
    auto response = client_.request(to_api_request(payload.sent));
    if (!response.ok()) {
      if (response.error().kind() == ErrorKind::transient) {
        leave_open(what, response.error());
        return {};
      }
      // A final answer: the request (then or now) was refused; nothing was done.
      UGC_TRY(close_row(journal_, entry.row, response.error().code().empty() ? "REFUSED" : response.error().code()));
      ++report_.refused;
      report_.lines.push_back("refused " + what + ": " + log::redact(response.error().message()));
      return {};
    }
    auto txn = store_.begin();
    if (!txn.ok()) return txn.error();
    Status effects = record_effects(store_, bindings_, payload.campaign, payload.action, payload.sent.body, *response);
    if (!effects.ok() && effects.error().code() != "BATCH_PARTIAL_FAILURE")
      return effects.error().with_context("recording " + what);
    UGC_TRY(close_row(journal_, entry.row, effects.ok() ? "" : effects.error().code(), response->status,
                      response->request_id, response->data()));
    UGC_TRY(txn->commit());
    ++report_.replayed;
    report_.lines.push_back(std::string(response->replayed ? "replayed " : "completed ") + what);
    return {};
  }

  state::Store& store_;
  ActionJournal& journal_;
  api::Client& client_;
  ReconcileReport& report_;
  Bindings bindings_;
  int unsettled_ = 0;
  std::string first_unsettled_;
};

// The open entries of one campaign; the others are not this run's to settle.
class CampaignJournal : public ActionJournal {
 public:
  CampaignJournal(ActionJournal& all, std::string campaign) : all_(all), campaign_(std::move(campaign)) {}
  Result<long long> begin(const JournalIntent& intent) override { return all_.begin(intent); }
  Status finish(long long row, const JournalOutcome& outcome) override { return all_.finish(row, outcome); }
  Result<std::vector<OpenJournalEntry>> open_entries() override {
    auto entries = all_.open_entries();
    if (!entries.ok()) return entries.error();
    std::vector<OpenJournalEntry> mine;
    for (auto& entry : *entries) {
      const Json& request = entry.intent.request;
      const bool named = request.is_object() && request.contains("campaign") && request["campaign"].is_string();
      // A row that names no campaign is nobody's in particular: settle it.
      if (!named || request["campaign"].get<std::string>() == campaign_) mine.push_back(std::move(entry));
    }
    return mine;
  }

 private:
  ActionJournal& all_;
  std::string campaign_;
};

}  // namespace

Result<ReconcileReport> reconcile_journal(state::Store& store, ActionJournal& journal, api::Client& client) {
  ReconcileReport report;
  auto entries = journal.open_entries();
  if (!entries.ok()) return entries.error().with_context("reading the journal");
  report.open_entries = static_cast<int>(entries->size());
  if (entries->empty()) return report;

  JournalSettler settler(store, journal, client, report);
  UGC_TRY(settler.seed_bindings());
  for (const auto& entry : *entries) UGC_TRY(settler.settle(entry));
  for (const auto& line : report.lines) spdlog::info("reconcile: {}", line);
  UGC_TRY(settler.unsettled_error());
  return report;
}

Status reconcile_open_journal(state::Store& store, api::Client& client) {
  auto journal = store_journal(store);
  auto report = reconcile_journal(store, *journal, client);
  if (!report.ok()) return report.error();
  return {};
}

Result<ReconcileReport> reconcile_journal(state::Store& store, ActionJournal& journal, api::Client& client,
                                          const std::string& campaign) {
  CampaignJournal mine(journal, campaign);
  return reconcile_journal(store, mine, client);
}

Status reconcile_open_journal(state::Store& store, api::Client& client, const std::string& campaign) {
  auto journal = store_journal(store);
  auto report = reconcile_journal(store, *journal, client, campaign);
  if (!report.ok()) return report.error();
  return {};
}

}  // namespace ugc::apply
