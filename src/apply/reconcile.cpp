#include "ugc/apply/reconcile.hpp"

#include <spdlog/spdlog.h>

#include "ugc/api/bundles.hpp"
#include "ugc/apply/bindings.hpp"
#include "ugc/apply/effects.hpp"
#include "ugc/apply/journal_payload.hpp"
#include "ugc/core/log.hpp"

namespace ugc::apply {

namespace {

Result<Bindings*> seed(state::Store& store, Bindings& bindings) {
  auto known = store.load();
  if (!known.ok()) return known.error();
  for (const auto& b : known->bundles)
    if (!b.id.empty()) bindings.set_bundle_id(b.external_ref, b.id);
  for (const auto& m : known->media) bindings.set_media(m.sha256, m.public_url, m.storage_path);
  return &bindings;
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

}  // namespace

Result<ReconcileReport> reconcile_journal(state::Store& store, ActionJournal& journal, api::Client& client) {
  ReconcileReport report;
  auto entries = journal.open_entries();
  if (!entries.ok()) return entries.error().with_context("reading the journal");
  report.open_entries = static_cast<int>(entries->size());
  if (entries->empty()) return report;

  Bindings bindings;
  UGC_TRY(seed(store, bindings));
  int unsettled = 0;
  std::string first_unsettled;
  for (const auto& entry : *entries) {
    const std::string what = entry.intent.method + " " + entry.intent.path + " (" + entry.intent.action_id + ")";
    auto payload = parse_journal_payload(entry.intent.request);
    if (!payload.ok()) {
      UGC_TRY(close_row(journal, entry.row, "ABANDONED"));
      ++report.abandoned;
      report.lines.push_back("abandoned " + what + ": " + payload.error().message());
      continue;
    }
    const plan::Action& action = payload->action;

    if (action.kind == plan::ActionKind::create_bundle && action.bundles.size() == 1) {
      const std::string& ref = action.bundles.front().external_ref;
      auto found = api::find_bundles_by_external_ref(client, ref);
      if (!found.ok()) {
        ++unsettled;
        if (first_unsettled.empty()) first_unsettled = what + ": " + found.error().message();
        continue;
      }
      auto txn = store.begin();
      if (!txn.ok()) return txn.error();
      if (found->empty()) {
        UGC_TRY(close_row(journal, entry.row, "NOT_APPLIED"));
        ++report.not_applied;
        report.lines.push_back("not applied " + what);
      } else {
        UGC_TRY(record_found_bundle(store, bindings, payload->campaign, action, found->front().raw));
        UGC_TRY(close_row(journal, entry.row, "RECONCILED_LOOKUP", 200, {}, found->front().raw));
        ++report.found;
        report.lines.push_back("found " + ref + " = " + found->front().id);
      }
      UGC_TRY(txn->commit());
      continue;
    }

    if (payload->sent.idempotency_key.empty()) {
      UGC_TRY(close_row(journal, entry.row, "ABANDONED"));
      ++report.abandoned;
      report.lines.push_back("abandoned " + what + " (no idempotency key; repeated by the next plan)");
      continue;
    }

    auto response = client.request(to_api_request(payload->sent));
    if (!response.ok()) {
      if (response.error().kind() == ErrorKind::transient) {
        ++unsettled;
        if (first_unsettled.empty()) first_unsettled = what + ": " + response.error().message();
        continue;
      }
      // A final answer: the request (then or now) was refused; nothing was done.
      UGC_TRY(close_row(journal, entry.row, response.error().code().empty() ? "REFUSED" : response.error().code()));
      ++report.refused;
      report.lines.push_back("refused " + what + ": " + log::redact(response.error().message()));
      continue;
    }
    auto txn = store.begin();
    if (!txn.ok()) return txn.error();
    Status effects = record_effects(store, bindings, payload->campaign, action, payload->sent.body, *response);
    if (!effects.ok() && effects.error().code() != "BATCH_PARTIAL_FAILURE")
      return effects.error().with_context("recording " + what);
    UGC_TRY(close_row(journal, entry.row, effects.ok() ? "" : effects.error().code(), response->status,
                      response->request_id, response->data()));
    UGC_TRY(txn->commit());
    ++report.replayed;
    report.lines.push_back(std::string(response->replayed ? "replayed " : "completed ") + what);
  }
  for (const auto& line : report.lines) spdlog::info("reconcile: {}", line);
  if (unsettled > 0)
    return Error(ErrorKind::transient, std::to_string(unsettled) + " journal entr" + (unsettled == 1 ? "y" : "ies") +
                                           " from an interrupted run could not be settled (" + first_unsettled +
                                           "); nothing new was planned. Run again when the API answers.");
  return report;
}

Status reconcile_open_journal(state::Store& store, api::Client& client) {
  auto journal = store_journal(store);
  auto report = reconcile_journal(store, *journal, client);
  if (!report.ok()) return report.error();
  return {};
}

}  // namespace ugc::apply
