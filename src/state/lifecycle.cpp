#include "ugc/state/lifecycle.hpp"

#include "store_impl.hpp"

namespace ugc::state {
namespace {

constexpr const char* kSelectBundleLifecycle =
    "SELECT b.external_ref, b.status, b.status_at, b.cancel_reason, b.last_event_at, a.bundle_ref IS NOT NULL,"
    " coalesce(a.status, ''), coalesce(a.status_at, ''), coalesce(a.delivered_username, ''),"
    " coalesce(a.saved_account_id, '')"
    " FROM bundles b LEFT JOIN accounts a ON a.bundle_ref = b.external_ref";

BundleLifecycle lifecycle_from_row(const Statement& st) {
  BundleLifecycle b;
  b.ref = st.text(0);
  b.bundle = {st.text(1), st.text(2)};
  b.cancel_reason = st.text(3);
  b.last_event_at = st.text(4);
  b.has_account = st.integer(5) != 0;
  b.account = {st.text(6), st.text(7)};
  b.username = st.text(8);
  b.saved_account_id = st.text(9);
  return b;
}

// The first bundle `sql` (with ?1) finds for a non-empty `key`.
Result<std::optional<BundleLifecycle>> bundle_where(Database& db, const std::string& where, const std::string& key) {
  if (key.empty()) return std::optional<BundleLifecycle>();
  auto st = db.cached(std::string(kSelectBundleLifecycle) + " WHERE " + where + " ORDER BY b.external_ref LIMIT 1");
  if (!st) return st.error();
  (*st)->bind(1, key);
  auto row = (*st)->step();
  if (!row) return row.error();
  std::optional<BundleLifecycle> found;
  if (*row) found = lifecycle_from_row(**st);
  (*st)->reset();
  return found;
}

}  // namespace

Result<std::optional<BundleLifecycle>> find_bundle_lifecycle(Store& store, const std::string& external_ref,
                                                             const std::string& bundle_id,
                                                             const std::string& saved_account_id) {
  std::lock_guard hold(store.impl().mu);
  Database& db = *store.impl().db;
  auto by_ref = bundle_where(db, "b.external_ref = ?1", external_ref);
  if (!by_ref || *by_ref) return by_ref;
  auto by_id = bundle_where(db, "b.id = ?1", bundle_id);
  if (!by_id || *by_id) return by_id;
  return bundle_where(db, "a.saved_account_id = ?1", saved_account_id);
}

namespace {

// Runs `sql` (binding ?1.. from `values`); true when it changed a row.
Result<bool> changed_by(Database& db, const char* sql, const std::vector<std::string>& values, const std::string& what) {
  auto st = db.cached(sql);
  if (!st) return st.error();
  for (std::size_t i = 0; i < values.size(); ++i) (*st)->bind(static_cast<int>(i + 1), values[i]);
  UGC_TRY((*st)->run().context(what));
  return db.changes() > 0;
}

}  // namespace

Status write_bundle_lifecycle(Store& store, const BundleLifecycle& b) {
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  Database& db = scope.db();
  const std::string what = "recording the lifecycle of " + b.ref;
  // What a plan reads first (a change bumps the serial), then the stamps.
  auto bundle = changed_by(db,
                           "UPDATE bundles SET status = ?2, cancel_reason = ?3 WHERE external_ref = ?1"
                           " AND (status IS NOT ?2 OR cancel_reason IS NOT ?3)",
                           {b.ref, b.bundle.status, b.cancel_reason}, what);
  if (!bundle) return bundle.error();
  if (*bundle) scope.touch_resources();
  auto stamps = changed_by(db, "UPDATE bundles SET status_at = ?2, last_event_at = ?3 WHERE external_ref = ?1",
                           {b.ref, b.bundle.at, b.last_event_at}, what);
  if (!stamps) return stamps.error();
  if (b.has_account) {
    auto account = changed_by(
        db,
        "INSERT INTO accounts (bundle_ref, status, delivered_username, saved_account_id) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (bundle_ref) DO UPDATE SET status = ?2, delivered_username = ?3, saved_account_id = ?4"
        " WHERE status IS NOT ?2 OR delivered_username IS NOT ?3 OR saved_account_id IS NOT ?4",
        {b.ref, b.account.status, b.username, b.saved_account_id}, what);
    if (!account) return account.error();
    if (*account) scope.touch_resources();
    auto at = changed_by(db, "UPDATE accounts SET status_at = ?2 WHERE bundle_ref = ?1", {b.ref, b.account.at}, what);
    if (!at) return at.error();
  }
  return scope.commit();
}

Result<std::vector<SlotLifecycle>> slot_lifecycles(Store& store, const std::string& bundle_ref) {
  std::lock_guard hold(store.impl().mu);
  auto st = store.impl().db->cached(
      "SELECT external_ref, bundle_ref, position, video_id, status, status_at, status_before_cancel, post_url"
      " FROM video_slots WHERE bundle_ref = ?1 ORDER BY position");
  if (!st) return st.error();
  (*st)->bind(1, bundle_ref);
  std::vector<SlotLifecycle> slots;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading the slots of " + bundle_ref);
    if (!*row) break;
    SlotLifecycle s;
    s.external_ref = (*st)->text(0);
    s.bundle_ref = (*st)->text(1);
    s.position = static_cast<int>((*st)->integer(2));
    s.video_id = (*st)->text(3);
    s.slot = {(*st)->text(4), (*st)->text(5)};
    s.status_before_cancel = (*st)->text(6);
    s.post_url = (*st)->text(7);
    slots.push_back(std::move(s));
  }
  return slots;
}

Status write_slot_lifecycle(Store& store, const SlotLifecycle& s) {
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  const std::string what = "recording the lifecycle of slot " + s.external_ref;
  auto slot = changed_by(scope.db(),
                         "UPDATE video_slots SET status = ?2, video_id = ?3 WHERE external_ref = ?1"
                         " AND (status IS NOT ?2 OR video_id IS NOT ?3)",
                         {s.external_ref, s.slot.status, s.video_id}, what);
  if (!slot) return slot.error();
  if (*slot) scope.touch_resources();
  auto rest = changed_by(scope.db(),
                         "UPDATE video_slots SET status_at = ?2, status_before_cancel = ?3, post_url = ?4"
                         " WHERE external_ref = ?1",
                         {s.external_ref, s.slot.at, s.status_before_cancel, s.post_url}, what);
  if (!rest) return rest.error();
  return scope.commit();
}

Status record_account_ban(Store& store, const AccountBan& ban) {
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO account_bans (ban_key, bundle_ref, saved_account_id, username, status, banned_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (ban_key) DO UPDATE SET status = ?5");
  if (!st) return st.error();
  (*st)->bind(1, ban.ban_key).bind(2, ban.bundle_ref).bind(3, ban.saved_account_id).bind(4, ban.username);
  (*st)->bind(5, ban.status).bind(6, ban.banned_at);
  UGC_TRY((*st)->run().context("recording ban " + ban.ban_key));
  return scope.commit();
}

Status record_account_remake(Store& store, const AccountRemake& remake) {
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO account_remakes (event_id, bundle_ref, previous_saved_account_id, saved_account_id, remade_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id) DO NOTHING");
  if (!st) return st.error();
  (*st)->bind(1, remake.event_id).bind(2, remake.bundle_ref).bind(3, remake.previous_saved_account_id);
  (*st)->bind(4, remake.saved_account_id).bind(5, remake.remade_at);
  UGC_TRY((*st)->run().context("recording the remake of " + remake.bundle_ref));
  return scope.commit();
}

Result<std::vector<AccountBan>> account_bans(Store& store) {
  std::lock_guard hold(store.impl().mu);
  auto st = store.impl().db->cached(
      "SELECT ban_key, bundle_ref, saved_account_id, username, status, banned_at FROM account_bans"
      " ORDER BY banned_at, ban_key");
  if (!st) return st.error();
  std::vector<AccountBan> bans;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading bans");
    if (!*row) break;
    bans.push_back({(*st)->text(0), (*st)->text(1), (*st)->text(2), (*st)->text(3), (*st)->text(4), (*st)->text(5)});
  }
  return bans;
}

Result<std::vector<AccountRemake>> account_remakes(Store& store) {
  std::lock_guard hold(store.impl().mu);
  auto st = store.impl().db->cached(
      "SELECT event_id, bundle_ref, previous_saved_account_id, saved_account_id, remade_at FROM account_remakes"
      " ORDER BY remade_at, event_id");
  if (!st) return st.error();
  std::vector<AccountRemake> remakes;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading remakes");
    if (!*row) break;
    remakes.push_back({(*st)->text(0), (*st)->text(1), (*st)->text(2), (*st)->text(3), (*st)->text(4)});
  }
  return remakes;
}

}  // namespace ugc::state
