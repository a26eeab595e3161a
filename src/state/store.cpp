// Store: writes of the resource tables, meta and caches, and the transaction
// machinery every write goes through (reads: store_read.cpp).
#include "ugc/state/store.hpp"

#include <chrono>
#include <ctime>

#include "store_impl.hpp"
#include "ugc/core/log.hpp"

namespace ugc::state {

const char* to_string(RefKind kind) { return kind == RefKind::bundle ? "bundle" : "slot"; }

std::string iso_utc(Clock::wall_time now) {
  using namespace std::chrono;
  std::time_t secs = system_clock::to_time_t(now);
  auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm {};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

std::string Store::Impl::now_iso() const { return iso_utc(clock->wall_now()); }

// --- transactions ---------------------------------------------------------

Status Store::Impl::require_writable() const {
  if (access != Access::read_write)
    return fatal_error("state file " + path + " was opened read-only; this command cannot write it");
  return {};
}

Result<SqliteDb*> Store::Impl::sqlite(const std::string& feature) const {
  if (db->dialect() != Dialect::sqlite)
    return invalid_input(feature + " works on an SQLite state file only; " + path +
                         " is PostgreSQL (use `ugc state pull -o FILE.db` for a local copy)");
  return static_cast<SqliteDb*>(db.get());
}

Status Store::Impl::commit() {
  if (resources_dirty) {
    if (auto s = db->exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'"); !s) {
      rollback();
      return s;
    }
  }
  if (auto s = db->exec("COMMIT"); !s) {
    rollback();
    return s;
  }
  in_transaction = false;
  resources_dirty = false;
  return {};
}

void Store::Impl::rollback() {
  if (db->in_transaction()) (void)db->exec("ROLLBACK");
  in_transaction = false;
  resources_dirty = false;
}

Status WriteScope::begin() {
  if (impl_.in_transaction) return {};
  UGC_TRY(impl_.require_writable());
  UGC_TRY(impl_.db->exec("BEGIN IMMEDIATE"));
  impl_.in_transaction = true;
  impl_.resources_dirty = false;
  owns_ = true;
  return {};
}

Status WriteScope::commit() {
  if (!owns_) return {};
  owns_ = false;
  return impl_.commit();
}

WriteScope::~WriteScope() {
  if (owns_) impl_.rollback();
}

Transaction::Transaction(Store::Impl* impl, std::unique_lock<std::recursive_mutex> hold)
    : impl_(impl), hold_(std::move(hold)) {}

Transaction::Transaction(Transaction&& other) noexcept : impl_(other.impl_), hold_(std::move(other.hold_)) {
  other.impl_ = nullptr;
}

Transaction::~Transaction() {
  if (impl_ && impl_->in_transaction) impl_->rollback();
}

Status Transaction::commit() {
  if (!impl_ || !impl_->in_transaction) return fatal_error("commit of a transaction that is not open");
  Status s = impl_->commit();
  impl_ = nullptr;
  if (hold_.owns_lock()) hold_.unlock();
  return s;
}

Result<Transaction> Store::begin() {
  std::unique_lock<std::recursive_mutex> hold(impl_->mu);
  UGC_TRY(impl_->require_writable());
  if (impl_->in_transaction) return fatal_error("a state transaction is already open on this thread");
  UGC_TRY(impl_->db->exec("BEGIN IMMEDIATE").context("starting a write transaction"));
  impl_->in_transaction = true;
  impl_->resources_dirty = false;
  return Transaction(impl_.get(), std::move(hold));
}

// --- store ------------------------------------------------------------------

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
bool Store::writable() const { return impl_->access == Access::read_write; }

namespace {

Status write_account(Database& db, const std::string& bundle_ref, const KnownAccount& a) {
  auto st = db.cached(
      "INSERT INTO accounts (bundle_ref, username, visible_name, biography, profile_picture_sha256, status,"
      " saved_account_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (bundle_ref) DO UPDATE SET username = ?2, visible_name = ?3, biography = ?4,"
      " profile_picture_sha256 = ?5, status = ?6, saved_account_id = ?7");
  if (!st) return st.error();
  (*st)->bind(1, bundle_ref).bind(2, a.username).bind(3, a.visible_name).bind(4, a.biography);
  (*st)->bind(5, a.profile_picture_sha256).bind(6, a.status).bind(7, a.saved_account_id);
  return (*st)->run();
}

}  // namespace

Status Store::upsert_bundle(const KnownBundle& b) {
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  // An upsert, not INSERT OR REPLACE: a replace would delete the row and,
  // through ON DELETE CASCADE, the bundle's slots and account.
  auto st = scope.db().cached(
      "INSERT INTO bundles (external_ref, id, campaign, market, country, platform, idx, videos_quantity, status)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
      " ON CONFLICT (external_ref) DO UPDATE SET id = ?2, campaign = ?3, market = ?4, country = ?5, platform = ?6,"
      " idx = ?7, videos_quantity = ?8, status = ?9");
  if (!st) return st.error();
  (*st)->bind(1, b.external_ref).bind(2, b.id).bind(3, b.campaign).bind(4, b.market).bind(5, b.country);
  (*st)->bind(6, b.platform).bind(7, b.index).bind(8, b.videos_quantity).bind(9, b.status);
  UGC_TRY((*st)->run().context("recording bundle " + b.external_ref));
  if (b.account) UGC_TRY(write_account(scope.db(), b.external_ref, *b.account).context("recording account of " + b.external_ref));
  scope.touch_resources();
  return scope.commit();
}

Status Store::set_account(const std::string& bundle_ref, const KnownAccount& account) {
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto kind = kind_of(bundle_ref);
  if (!kind) return kind.error();
  if (kind->value_or(RefKind::slot) != RefKind::bundle)
    return not_found("recording the account of " + bundle_ref + ": no such bundle in the state");
  UGC_TRY(write_account(scope.db(), bundle_ref, account).context("recording account of " + bundle_ref));
  scope.touch_resources();
  return scope.commit();
}

Status Store::upsert_slot(const KnownSlot& s) {
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO video_slots (external_ref, bundle_ref, position, video_id, campaign_video, media_sha256,"
      " video_url, caption, publish_date, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
      " ON CONFLICT (external_ref) DO UPDATE SET bundle_ref = ?2, position = ?3, video_id = ?4,"
      " campaign_video = ?5, media_sha256 = ?6, video_url = ?7, caption = ?8, publish_date = ?9, status = ?10");
  if (!st) return st.error();
  (*st)->bind(1, s.external_ref).bind(2, s.bundle_ref).bind(3, s.position).bind(4, s.video_id);
  (*st)->bind(5, s.campaign_video).bind(6, s.media_sha256).bind(7, s.video_url).bind(8, s.caption);
  (*st)->bind(9, s.publish_date).bind(10, s.status);
  if (auto ran = (*st)->run(); !ran) {
    const std::string what = "recording slot " + s.external_ref;
    auto bundle = kind_of(s.bundle_ref);
    if (bundle && *bundle != RefKind::bundle)
      return not_found(what + ": bundle " + s.bundle_ref + " is not in the state");
    if (ran.error().kind() == ErrorKind::conflict)
      return conflict(what + ": position " + std::to_string(s.position) + " of bundle " + s.bundle_ref +
                      " is already taken by another slot");
    return ran.error().with_context(what);
  }
  scope.touch_resources();
  return scope.commit();
}

Status Store::upsert_media(const KnownMedia& m) {
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO media (sha256, purpose, public_url, storage_path) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (sha256, purpose) DO UPDATE SET public_url = ?3, storage_path = ?4");
  if (!st) return st.error();
  // Signed upload URLs are registered secrets; a public URL never is, but be sure.
  (*st)->bind(1, m.sha256).bind(2, m.purpose).bind(3, log::redact(m.public_url)).bind(4, m.storage_path);
  UGC_TRY((*st)->run().context("recording media " + m.sha256));
  scope.touch_resources();
  return scope.commit();
}

Result<Removal> Store::remove(const std::string& ref) {
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto kind = kind_of(ref);
  if (!kind) return kind.error();
  if (!*kind) return not_found("no bundle or slot " + ref + " in state file " + impl_->path);
  Removal removal{**kind, 0};
  if (removal.kind == RefKind::bundle) {
    auto count = scope.db().cached("SELECT count(*) FROM video_slots WHERE bundle_ref = ?1");
    if (!count) return count.error();
    (*count)->bind(1, ref);
    auto row = (*count)->step();
    if (!row) return row.error();
    removal.slots_removed = static_cast<int>((*count)->integer(0));
    (*count)->reset();
  }
  auto st = scope.db().cached(removal.kind == RefKind::bundle ? "DELETE FROM bundles WHERE external_ref = ?1"
                                                              : "DELETE FROM video_slots WHERE external_ref = ?1");
  if (!st) return st.error();
  (*st)->bind(1, ref);
  UGC_TRY((*st)->run().context("removing " + ref));
  scope.touch_resources();
  UGC_TRY(scope.commit());
  return removal;
}

Result<RefKind> Store::move(const std::string& old_ref, const std::string& new_ref) {
  if (new_ref.empty()) return invalid_input("moving " + old_ref + ": the new ref is empty");
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto kind = kind_of(old_ref);
  if (!kind) return kind.error();
  if (!*kind) return not_found("no bundle or slot " + old_ref + " in state file " + impl_->path);
  auto taken = kind_of(new_ref);
  if (!taken) return taken.error();
  if (*taken)
    return conflict("cannot move " + old_ref + " to " + new_ref + ": a " + to_string(**taken) + " " + new_ref +
                    " is already in the state");

  Database& db = scope.db();
  if (**kind == RefKind::bundle) {
    // Slots and the account follow through ON UPDATE CASCADE. When the new ref
    // keeps the "-<market>-<platform>-<n>" tail, the prefix is the (renamed)
    // campaign, so load(campaign) finds the bundle under its new campaign.
    auto st = db.cached(
        "UPDATE bundles SET external_ref = ?2, campaign = CASE"
        " WHEN length(?2) > length(tail) AND substr(?2, length(?2) - length(tail) + 1) = tail"
        " THEN substr(?2, 1, length(?2) - length(tail)) ELSE campaign END"
        " FROM (SELECT '-' || market || '-' || platform || '-' || idx AS tail FROM bundles WHERE external_ref = ?1) AS moved"
        " WHERE external_ref = ?1");
    if (!st) return st.error();
    (*st)->bind(1, old_ref).bind(2, new_ref);
    UGC_TRY((*st)->run().context("moving " + old_ref));
  } else {
    auto st = db.cached("UPDATE video_slots SET external_ref = ?2 WHERE external_ref = ?1");
    if (!st) return st.error();
    (*st)->bind(1, old_ref).bind(2, new_ref);
    UGC_TRY((*st)->run().context("moving " + old_ref));
  }
  // Analytics history follows the resource.
  auto history = db.cached("UPDATE analytics_snapshots SET ref = ?2 WHERE ref = ?1");
  if (!history) return history.error();
  (*history)->bind(1, old_ref).bind(2, new_ref);
  UGC_TRY((*history)->run().context("moving analytics of " + old_ref));
  scope.touch_resources();
  UGC_TRY(scope.commit());
  return **kind;
}

Result<std::optional<std::string>> Store::meta_get(const std::string& key) {
  std::lock_guard hold(impl_->mu);
  auto st = impl_->db->cached("SELECT value FROM meta WHERE key = ?1");
  if (!st) return st.error();
  (*st)->bind(1, key);
  auto row = (*st)->step();
  if (!row) return row.error();
  std::optional<std::string> value;
  if (*row) value = (*st)->text(0);
  (*st)->reset();
  return value;
}

Status Store::meta_put(const std::string& key, const std::string& value) {
  if (key == "serial" || key == "state_id")
    return invalid_input("meta key \"" + key + "\" is maintained by the store");
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2");
  if (!st) return st.error();
  (*st)->bind(1, key).bind(2, log::redact(value));
  UGC_TRY((*st)->run().context("writing meta " + key));
  return scope.commit();
}

Result<std::optional<CachedJson>> Store::credit_costs_get(const std::string& key) {
  std::lock_guard hold(impl_->mu);
  auto st = impl_->db->cached("SELECT body, fetched_at FROM credit_costs WHERE key = ?1");
  if (!st) return st.error();
  (*st)->bind(1, key);
  auto row = (*st)->step();
  if (!row) return row.error();
  std::optional<CachedJson> cached;
  if (*row) {
    Json body = Json::parse((*st)->text(0), nullptr, false);
    std::string fetched_at = (*st)->text(1);
    (*st)->reset();
    if (body.is_discarded())
      return io_error("state file " + impl_->path + ": the cached credit costs for " + key + " are not valid JSON");
    cached = CachedJson{std::move(body), std::move(fetched_at)};
  }
  (*st)->reset();
  return cached;
}

Status Store::credit_costs_put(const std::string& key, const Json& body) {
  WriteScope scope(*impl_);
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO credit_costs (key, body, fetched_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (key) DO UPDATE SET body = ?2, fetched_at = ?3");
  if (!st) return st.error();
  (*st)->bind(1, key).bind(2, log::redact(body.dump())).bind(3, impl_->now_iso());
  UGC_TRY((*st)->run().context("caching credit costs"));
  return scope.commit();
}

}  // namespace ugc::state
