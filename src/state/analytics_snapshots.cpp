#include "ugc/state/analytics_snapshots.hpp"

#include "store_impl.hpp"

namespace ugc::state {

namespace {

Result<std::vector<AnalyticsSnapshot>> read_snapshots(Store& store, const std::string& sql, const std::string& ref) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto st = impl.db->cached(sql);
  if (!st) return st.error();
  (*st)->bind(1, ref);
  std::vector<AnalyticsSnapshot> out;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading analytics snapshots");
    if (!*row) break;
    Json metrics = Json::parse((*st)->text(2), nullptr, false);
    if (metrics.is_discarded())
      return io_error("state file " + store.path() + ": analytics snapshot of " + (*st)->text(0) + " is not valid JSON");
    out.push_back({(*st)->text(0), (*st)->text(1), std::move(metrics)});
  }
  return out;
}

}  // namespace

Status insert_snapshot(Store& store, const AnalyticsSnapshot& snapshot) {
  if (snapshot.ref.empty()) return invalid_input("an analytics snapshot needs a ref");
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto st = scope.db().cached("INSERT INTO analytics_snapshots (ref, taken_at, metrics) VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  (*st)->bind(1, snapshot.ref).bind(2, snapshot.taken_at.empty() ? store.impl().now_iso() : snapshot.taken_at);
  (*st)->bind(3, snapshot.metrics.dump(-1, ' ', false, Json::error_handler_t::replace));
  UGC_TRY((*st)->run().context("recording analytics of " + snapshot.ref));
  return scope.commit();
}

Result<std::vector<AnalyticsSnapshot>> snapshots(Store& store, const std::string& ref) {
  return read_snapshots(store,
                        "SELECT ref, taken_at, metrics FROM analytics_snapshots WHERE ?1 = '' OR ref = ?1"
                        " ORDER BY taken_at, id",
                        ref);
}

Result<std::vector<AnalyticsSnapshot>> latest_snapshots(Store& store) {
  // SQLite's bare-column rule: with max(), the other columns come from the max
  // row; PostgreSQL says the same with DISTINCT ON.
  if (store.impl().db->dialect() == Dialect::postgres)
    return read_snapshots(store,
                          "SELECT DISTINCT ON (ref) ref, taken_at, metrics FROM analytics_snapshots WHERE ?1 = ''"
                          " ORDER BY ref, taken_at DESC, id DESC",
                          "");
  return read_snapshots(store,
                        "SELECT ref, max(taken_at), metrics FROM analytics_snapshots WHERE ?1 = '' GROUP BY ref"
                        " ORDER BY ref",
                        "");
}

}  // namespace ugc::state
