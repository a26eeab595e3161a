#include "ugc/state/outbox.hpp"

#include <algorithm>

#include "store_impl.hpp"

namespace ugc::state {
namespace {

constexpr std::size_t kMaxStoredError = 500;

OutboxRow outbox_row_from(const Statement& st, bool with_payload) {
  OutboxRow row;
  row.id = st.integer(0);
  row.target = st.text(1);
  row.event_id = st.text(2);
  row.event_type = st.text(3);
  row.order_key = st.text(4);
  row.attempts = static_cast<int>(st.integer(5));
  row.next_attempt_at = st.text(6);
  row.last_error = st.text(7);
  row.created_at = st.text(8);
  if (with_payload) {
    row.payload = Json::parse(st.text(9), nullptr, false);
    if (row.payload.is_discarded()) row.payload = st.text(9);
  }
  return row;
}

constexpr const char* kOutboxColumns =
    "SELECT o.id, o.target, o.event_id, e.type, o.order_key, o.attempts, o.next_attempt_at, o.last_error,"
    " o.created_at, e.payload FROM outbox o JOIN events e ON e.event_id = o.event_id ";

// A file older than the outbox (opened read-only, so not migrated) has none.
Result<bool> outbox_table_exists(Database& db) { return db.table_exists("outbox"); }

}  // namespace

Status enqueue_forward(Store& store, const std::vector<std::string>& targets, const std::string& event_id,
                       const std::string& order_key) {
  if (targets.empty()) return {};
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO outbox (target, event_id, order_key, next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?4)"
      " ON CONFLICT (target, event_id) DO NOTHING");
  if (!st) return st.error();
  const std::string now = store.impl().now_iso();
  for (const std::string& target : targets) {
    (*st)->reset();
    (*st)->bind(1, target).bind(2, event_id).bind(3, order_key).bind(4, now);
    UGC_TRY((*st)->run().context("queueing event " + event_id + " for " + target));
  }
  return scope.commit();
}

Result<std::vector<OutboxRow>> due_outbox_rows(Store& store, const std::vector<std::string>& targets,
                                               Clock::wall_time now, int limit) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto st = impl.db->cached(std::string(kOutboxColumns) +
                            "WHERE o.target = ?1 AND o.next_attempt_at <= ?2 AND NOT EXISTS ("
                            " SELECT 1 FROM outbox h WHERE h.target = o.target AND h.order_key = o.order_key"
                            " AND h.id < o.id AND h.next_attempt_at > ?2)"
                            " ORDER BY o.id LIMIT ?3");
  if (!st) return st.error();
  const std::string now_iso = iso_utc(now);
  std::vector<OutboxRow> rows;
  for (const std::string& target : targets) {
    (*st)->reset();
    (*st)->bind(1, target).bind(2, now_iso).bind(3, limit);
    for (;;) {
      auto more = (*st)->step();
      if (!more) return more.error().with_context("reading the outbox");
      if (!*more) break;
      rows.push_back(outbox_row_from(**st, /*with_payload=*/true));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const OutboxRow& a, const OutboxRow& b) { return a.id < b.id; });
  if (rows.size() > static_cast<std::size_t>(limit)) rows.resize(static_cast<std::size_t>(limit));
  return rows;
}

Status settle_outbox(Store& store, const std::vector<OutboxOutcome>& outcomes) {
  if (outcomes.empty()) return {};
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto done = scope.db().cached("DELETE FROM outbox WHERE id = ?1");
  if (!done) return done.error();
  auto retry = scope.db().cached(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE id = ?1");
  if (!retry) return retry.error();
  for (const OutboxOutcome& o : outcomes) {
    if (o.delivered) {
      (*done)->reset();
      (*done)->bind(1, o.id);
      UGC_TRY((*done)->run().context("settling the outbox"));
    } else {
      (*retry)->reset();
      (*retry)->bind(1, o.id).bind(2, iso_utc(o.next_attempt)).bind(3, o.error.substr(0, kMaxStoredError));
      UGC_TRY((*retry)->run().context("settling the outbox"));
    }
  }
  return scope.commit();
}

Result<std::vector<OutboxRow>> pending_outbox(Store& store, int limit) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto exists = outbox_table_exists(*impl.db);
  if (!exists) return exists.error();
  if (!*exists) return std::vector<OutboxRow>{};
  auto st = impl.db->cached(std::string(kOutboxColumns) + "ORDER BY o.id LIMIT ?1");
  if (!st) return st.error();
  (*st)->bind(1, limit);
  std::vector<OutboxRow> rows;
  for (;;) {
    auto more = (*st)->step();
    if (!more) return more.error().with_context("reading the outbox");
    if (!*more) break;
    rows.push_back(outbox_row_from(**st, /*with_payload=*/false));
  }
  return rows;
}

Result<std::vector<std::pair<std::string, long long>>> orphaned_outbox_targets(
    Store& store, const std::vector<std::string>& configured) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto st = impl.db->cached("SELECT target, COUNT(*) FROM outbox GROUP BY target ORDER BY target");
  if (!st) return st.error();
  std::vector<std::pair<std::string, long long>> orphans;
  for (;;) {
    auto more = (*st)->step();
    if (!more) return more.error().with_context("reading the outbox");
    if (!*more) break;
    std::string target = (*st)->text(0);
    if (std::find(configured.begin(), configured.end(), target) == configured.end())
      orphans.emplace_back(std::move(target), (*st)->integer(1));
  }
  return orphans;
}

}  // namespace ugc::state
