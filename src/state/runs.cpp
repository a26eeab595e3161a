#include "ugc/state/runs.hpp"

#include <limits>

#include "deflate.hpp"
#include "store_impl.hpp"
#include "ugc/core/log.hpp"

namespace ugc::state {

namespace {

constexpr const char* kRunColumns =
    "SELECT id, command, started_at, finished_at, host, \"user\", campaign, campaign_file, campaign_sha256,"
    " git_commit, actions, actions_failed, credits_planned, credits_charged, requests_planned, requests_made,"
    " outcome, message";

RunRecord run_from_row(const Statement& st) {
  RunRecord r;
  r.id = st.integer(0);
  r.command = st.text(1);
  r.started_at = st.text(2);
  r.finished_at = st.text(3);
  r.host = st.text(4);
  r.user = st.text(5);
  r.campaign = st.text(6);
  r.campaign_file = st.text(7);
  r.campaign_sha256 = st.text(8);
  r.git_commit = st.text(9);
  r.actions = static_cast<int>(st.integer(10));
  r.actions_failed = static_cast<int>(st.integer(11));
  r.credits_planned = st.integer(12);
  r.credits_charged = st.integer(13);
  r.requests_planned = static_cast<int>(st.integer(14));
  r.requests_made = static_cast<int>(st.integer(15));
  r.outcome = st.text(16);
  r.message = st.text(17);
  return r;
}

Result<std::string> inflated_column(const Statement& st, int bytes_column, int size_column, const char* what) {
  auto text = inflate_text(st.blob(bytes_column), static_cast<std::size_t>(st.integer(size_column)));
  if (!text.ok()) return text.error().with_context(std::string("reading the ") + what + " of run " +
                                                   std::to_string(st.integer(0)));
  return text;
}

// A file from before migration 4, opened read-only (never migrated), has no
// runs table: it has no history yet, which is not an error.
Result<bool> has_runs_table(Database& db) { return db.table_exists("runs"); }

}  // namespace

Result<long long> record_run(Store& store, const RunRecord& run) {
  Store::Impl& impl = store.impl();
  WriteScope scope(impl);
  if (impl.in_transaction) return fatal_error("record_run inside a transaction: a run is recorded on its own");
  UGC_TRY(impl.require_writable());
  const std::string plan = log::redact(run.plan_json);
  const std::string results = log::redact(run.results_json);
  const std::string now = impl.now_iso();
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO runs (command, started_at, finished_at, host, \"user\", campaign, campaign_file, campaign_sha256,"
      " git_commit, actions, actions_failed, credits_planned, credits_charged, requests_planned, requests_made,"
      " outcome, message, plan, plan_bytes, results, results_bytes)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
  if (!st) return st.error();
  Statement& s = **st;
  s.bind(1, run.command).bind(2, run.started_at.empty() ? now : run.started_at);
  s.bind(3, run.finished_at.empty() ? now : run.finished_at).bind(4, run.host).bind(5, run.user);
  s.bind(6, run.campaign).bind(7, run.campaign_file).bind(8, run.campaign_sha256).bind(9, run.git_commit);
  s.bind(10, run.actions).bind(11, run.actions_failed).bind(12, run.credits_planned);
  s.bind(13, run.credits_charged).bind(14, run.requests_planned).bind(15, run.requests_made);
  s.bind(16, run.outcome).bind(17, log::redact(run.message));
  s.bind_blob(18, deflate_text(plan)).bind(19, static_cast<long long>(plan.size()));
  s.bind_blob(20, deflate_text(results)).bind(21, static_cast<long long>(results.size()));
  UGC_TRY(s.run().context("recording the run"));
  auto id = scope.db().last_insert_rowid();
  if (!id) return id.error();
  UGC_TRY(scope.commit());
  return id;
}

Result<std::vector<RunRecord>> list_runs(Store& store, int limit) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto exists = has_runs_table(*impl.db);
  if (!exists.ok()) return exists.error();
  if (!*exists) return std::vector<RunRecord>();
  auto st = impl.db->cached(std::string(kRunColumns) + " FROM runs ORDER BY id DESC LIMIT ?1");
  if (!st) return st.error();
  (*st)->bind(1, limit > 0 ? static_cast<long long>(limit) : std::numeric_limits<long long>::max());
  std::vector<RunRecord> runs;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading the run history");
    if (!*row) break;
    runs.push_back(run_from_row(**st));
  }
  (*st)->reset();
  return runs;
}

Result<std::optional<RunRecord>> find_run(Store& store, long long id) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto exists = has_runs_table(*impl.db);
  if (!exists.ok()) return exists.error();
  if (!*exists) return std::optional<RunRecord>();
  auto st = impl.db->cached(std::string(kRunColumns) +
                            ", plan, plan_bytes, results, results_bytes FROM runs WHERE id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, id);
  auto row = (*st)->step();
  if (!row) return row.error().with_context("reading run " + std::to_string(id));
  if (!*row) return std::optional<RunRecord>();
  RunRecord run = run_from_row(**st);
  auto plan = inflated_column(**st, 18, 19, "plan");
  if (!plan.ok()) return plan.error();
  auto results = inflated_column(**st, 20, 21, "results");
  if (!results.ok()) return results.error();
  (*st)->reset();
  run.plan_json = std::move(*plan);
  run.results_json = std::move(*results);
  return std::optional<RunRecord>(std::move(run));
}

}  // namespace ugc::state
