#include "ugc/apply/executor.hpp"

#include <filesystem>
#include <map>
#include <mutex>

#include "ugc/api/bundles.hpp"
#include "ugc/api/charge.hpp"
#include "ugc/api/idempotency.hpp"
#include "ugc/api/uploads.hpp"
#include "ugc/apply/action_graph.hpp"
#include "ugc/apply/bindings.hpp"
#include "ugc/apply/effects.hpp"
#include "ugc/apply/journal_payload.hpp"
#include "ugc/apply/observed_transport.hpp"
#include "ugc/apply/sent_request.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/core/log.hpp"

namespace ugc::apply {

namespace {

using plan::Action;
using plan::ActionKind;

std::string describe(const Action& a) {
  std::string what = a.id;
  auto colon = what.find(':');
  if (colon != std::string::npos) what[colon] = ' ';
  return what;
}

// Failures after which the server may have acted: the journal row stays open.
bool uncertain(const Error& e) { return e.kind() == ErrorKind::transient; }

class ActionRunner {
 public:
  ActionRunner(const plan::Plan& plan, state::Store& store, ActionJournal& journal, api::Client& client,
               Bindings& bindings, const ExecuteOptions& options, std::atomic<bool>& halt)
      : plan_(plan),
        store_(store),
        journal_(journal),
        client_(client),
        bindings_(bindings),
        options_(options),
        halt_(halt) {}

  Status run(const Action& action, ActionOutcome& out) {
    ObservedTransport::reset_this_thread();
    Status status = run_requests(action, out);
    const ThreadTraffic& t = ObservedTransport::this_thread();
    out.requests = t.attempts;
    if (t.attempts > 0) {
      out.http_status = t.last_status;
      out.request_id = t.last_request_id;
    }
    if (!status.ok()) {
      out.error_code = status.error().code();
      out.error_message = log::redact(status.error().message());
    }
    return status;
  }

 private:
  Status run_requests(const Action& action, ActionOutcome& out) {
    for (std::size_t i = 0; i < action.requests.size(); ++i) {
      auto sent = prepare_request(plan_.campaign, action, i, bindings_);
      if (!sent.ok()) return sent.error();
      UGC_TRY(verify_lock_before_paying(action));
      UGC_TRY(run_one(action, i, *sent, out));
    }
    return {};
  }

  // Spending without the lock could run beside another apply that took it
  // since: on a lost lock nothing is journaled or sent, and the run halts.
  Status verify_lock_before_paying(const Action& action) {
    if (action.credits <= 0 || !options_.lock) return {};
    Status held = options_.lock->verify_held();
    if (!held.ok()) halt_ = true;
    return held;
  }

  Status run_one(const Action& action, std::size_t index, const SentRequest& sent, ActionOutcome& out) {
    JournalIntent intent;
    intent.run_id = options_.run_id;
    intent.action_id = action.id;
    intent.method = sent.method;
    intent.path = sent.path;
    intent.idempotency_key = sent.idempotency_key;
    intent.request_hash = sha256_hex(api::canonical_json(sent.key_material(action.media ? action.media->key : "")));
    intent.request = journal_payload(plan_.campaign, action, index, sent);
    auto row = journal_.begin(intent);
    if (!row.ok()) return row.error().with_context(action.id + ": writing the journal");

    auto response = send(action, sent);
    if (!response.ok()) {
      Error error = response.error();
      if (action.kind == ActionKind::create_bundle && error.code() == "DUPLICATE_ACCOUNT_BUNDLE") {
        // Created by an earlier run whose answer we lost: adopt it.
        auto adopted = adopt_existing_bundle(action, *row);
        if (adopted.ok()) return {};
      }
      if (!uncertain(error)) {
        JournalOutcome outcome;
        outcome.status_code = ObservedTransport::this_thread().last_status;
        outcome.request_id = ObservedTransport::this_thread().last_request_id;
        outcome.error_code = error.code().empty() ? to_string(error.kind()) : error.code();
        UGC_TRY(journal_.finish(*row, outcome));
      }
      if (is_publish(action) && error.kind() == ErrorKind::conflict) error = explain_publish_failure(action, error);
      return error;
    }

    auto txn = store_.begin();
    if (!txn.ok()) return txn.error().with_context(action.id + ": recording the result");
    Status effects = record_effects(store_, bindings_, plan_.campaign, action, sent.body, *response);
    JournalOutcome outcome;
    outcome.status_code = response->status;
    outcome.request_id = response->request_id;
    outcome.response = response->data();
    if (!effects.ok()) {
      // A refused batch position is a final API answer; anything else (the
      // database) leaves the row open so the next run records it again.
      if (effects.error().code() != "BATCH_PARTIAL_FAILURE") return effects.error();
      outcome.error_code = effects.error().code();
    }
    UGC_TRY(journal_.finish(*row, outcome));
    UGC_TRY(txn->commit());
    auto charge = api::charge_of(*response);
    if (charge.charged && !charge.replayed) out.credits += *charge.charged;
    return effects;
  }

  Result<api::Response> send(const Action& action, const SentRequest& sent) {
    api::Request request = to_api_request(sent);
    if (auto upload = presigned(action, request)) {
      auto uploaded = api::upload_video_presigned(client_, upload->bundle_id, upload->file_path, upload->file_sha256);
      if (!uploaded.ok()) return uploaded.error();
      return api::to_response(*uploaded);
    }
    return client_.request(request);
  }

  // A direct video upload of a file above the threshold goes through the
  // presigned flow instead.
  std::optional<api::VideoUploadRequest> presigned(const Action& action, const api::Request& request) const {
    if (action.kind != ActionKind::upload_media) return std::nullopt;
    auto upload = api::as_video_upload(request);
    if (!upload) return std::nullopt;
    std::error_code ec;
    auto size = std::filesystem::file_size(upload->file_path, ec);
    if (ec || static_cast<std::int64_t>(size) <= options_.presigned_above_bytes) return std::nullopt;
    return upload;
  }

  static bool is_publish(const Action& a) {
    return a.kind == ActionKind::publish_bundle || (a.kind == ActionKind::configure_videos && a.publishes_bundle);
  }

  // One GET (free) so that the error lists every blocker, not just the first.
  Error explain_publish_failure(const Action& action, const Error& error) {
    auto id = bindings_.bundle_id(action.bundle_ref);
    if (!id) return error;
    auto readiness = api::get_publish_readiness(client_, *id);
    if (!readiness.ok() || readiness->blockers.empty()) return error;
    std::string list;
    for (const auto& b : readiness->blockers) list += (list.empty() ? "" : ", ") + b.code;
    return Error(error.kind(), error.message() + "; publish-readiness blockers: " + list, error.code());
  }

  Status adopt_existing_bundle(const Action& action, long long row) {
    const std::string& ref = action.bundles.front().external_ref;
    auto found = api::find_bundles_by_external_ref(client_, ref);
    if (!found.ok() || found->empty()) return not_found("bundle " + ref + " not found");
    auto txn = store_.begin();
    if (!txn.ok()) return txn.error();
    UGC_TRY(record_found_bundle(store_, bindings_, plan_.campaign, action, found->front()));
    JournalOutcome outcome;
    outcome.status_code = 200;
    outcome.error_code = "ADOPTED_EXISTING";
    outcome.response = found->front().raw;
    UGC_TRY(journal_.finish(row, outcome));
    return txn->commit();
  }

  const plan::Plan& plan_;
  state::Store& store_;
  ActionJournal& journal_;
  api::Client& client_;
  Bindings& bindings_;
  const ExecuteOptions& options_;
  std::atomic<bool>& halt_;
};

}  // namespace

Result<ApplyResult> execute_plan(const plan::Plan& plan, state::Store& store, ActionJournal& journal,
                                 api::Client& client, Clock& clock, const ExecuteOptions& options) {
  const auto began = clock.monotonic_now();
  Bindings bindings;
  auto known = store.load();
  if (!known.ok()) return known.error().with_context("reading the state");
  for (const auto& b : known->bundles)
    if (!b.id.empty()) bindings.set_bundle_id(b.external_ref, b.id);
  for (const auto& m : known->media) bindings.set_media(m.sha256, m.public_url, m.storage_path);

  ApplyResult result;
  result.planned_requests = plan::compute_totals(plan).api_requests;
  result.planned_credits = plan::compute_totals(plan).credits;
  result.actions.resize(plan.actions.size());
  std::map<std::string, std::size_t> index;
  std::atomic<bool> halt{false};
  ActionRunner runner(plan, store, journal, client, bindings, options, halt);
  ActionGraph graph;
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    const Action& a = plan.actions[i];
    ActionOutcome& out = result.actions[i];
    out.id = a.id;
    out.kind = plan::to_string(a.kind);
    out.description = describe(a);
    index[a.id] = i;
    UGC_TRY(graph.add(a.id, a.depends_on, [&runner, &a, &out] { return runner.run(a, out); }));
  }

  if (options.progress) options.progress->begin(plan.actions.size(), result.planned_requests);
  RunOptions run;
  run.parallelism = options.parallelism;
  run.stop = options.stop;
  run.halt = &halt;
  run.on_start = [&](const std::string& id) {
    if (options.progress) options.progress->started(id);
  };
  run.on_finish = [&](const NodeResult& node) {
    ActionOutcome& out = result.actions[index.at(node.id)];
    out.status = node.status;
    out.duration = node.duration;
    out.blocked_by = node.blocked_by;
    if (node.error && out.error_message.empty()) out.error_message = log::redact(node.error->message());
    if (options.progress) options.progress->finished(out);
  };
  auto nodes = graph.run(run, clock);
  if (options.progress) options.progress->end();
  if (!nodes.ok()) return nodes.error().with_context("the plan's actions");
  result.wall_time = std::chrono::duration_cast<std::chrono::milliseconds>(clock.monotonic_now() - began);
  return result;
}

}  // namespace ugc::apply
