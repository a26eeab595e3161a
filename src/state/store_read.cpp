// Store: reads of the resource tables (what planning loads, one ref at a
// time for the state commands) and of the serial and state id.
#include <algorithm>
#include <string>

#include "store_impl.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

namespace {

constexpr const char* kSelectBundles =
    "SELECT b.external_ref, b.id, b.campaign, b.market, b.country, b.platform, b.idx, b.videos_quantity, b.status,"
    " a.bundle_ref IS NOT NULL, a.username, a.visible_name, a.biography, a.profile_picture_sha256, a.status,"
    " a.saved_account_id, b.cancel_reason, b.last_event_at, a.delivered_username"
    " FROM bundles b LEFT JOIN accounts a ON a.bundle_ref = b.external_ref";

constexpr const char* kSelectSlots =
    "SELECT s.external_ref, s.bundle_ref, s.position, s.video_id, s.campaign_video, s.media_sha256, s.video_url,"
    " s.caption, s.publish_date, s.status, s.post_url FROM video_slots s";

KnownBundle bundle_from_row(const Statement& st) {
  KnownBundle b;
  b.external_ref = st.text(0);
  b.id = st.text(1);
  b.campaign = st.text(2);
  b.market = st.text(3);
  b.country = st.text(4);
  b.platform = st.text(5);
  b.index = static_cast<int>(st.integer(6));
  b.videos_quantity = static_cast<int>(st.integer(7));
  b.status = st.text(8);
  b.cancel_reason = st.text(16);
  b.last_event_at = st.text(17);
  if (st.integer(9)) {
    KnownAccount a;
    a.username = st.text(10);
    a.visible_name = st.text(11);
    a.biography = st.text(12);
    a.profile_picture_sha256 = st.text(13);
    a.status = st.text(14);
    a.saved_account_id = st.text(15);
    a.delivered_username = st.text(18);
    b.account = std::move(a);
  }
  return b;
}

KnownSlot slot_from_row(const Statement& st) {
  KnownSlot s;
  s.external_ref = st.text(0);
  s.bundle_ref = st.text(1);
  s.position = static_cast<int>(st.integer(2));
  s.video_id = st.text(3);
  s.campaign_video = st.text(4);
  s.media_sha256 = st.text(5);
  s.video_url = st.text(6);
  s.caption = st.text(7);
  s.publish_date = st.text(8);
  s.status = st.text(9);
  s.post_url = st.text(10);
  return s;
}

Result<long long> read_serial(Database& db) {
  auto st = db.cached("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'serial'");
  if (!st) return st.error();
  auto row = (*st)->step();
  if (!row) return row.error();
  if (!*row) return io_error("state file " + db.path() + ": the serial is missing from meta (damaged file?)");
  long long serial = (*st)->integer(0);
  (*st)->reset();
  return serial;
}

// Hands every row of `st` to `take`, in order; the statement is done after.
template <class F>
Status each_row(Statement& st, F take) {
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return {};
    take(st);
  }
}

// Runs `body` inside a read transaction so that several queries see one snapshot.
template <class F>
auto in_read_snapshot(Database& db, bool already_in_transaction, F body) -> decltype(body()) {
  if (already_in_transaction) return body();
  if (auto s = db.exec("BEGIN"); !s) return s.error();
  auto result = body();
  (void)db.exec(result ? "COMMIT" : "ROLLBACK");
  return result;
}

}  // namespace

Result<long long> Store::serial() {
  std::lock_guard hold(impl_->mu);
  return read_serial(*impl_->db);
}

Result<std::string> Store::state_id() {
  auto id = meta_get("state_id");
  if (!id) return id.error();
  if (!id->has_value() || (*id)->empty())
    return io_error("state file " + impl_->path + ": the state id is missing from meta (damaged file?)");
  return **id;
}

Result<KnownResources> Store::load(const std::string& campaign) {
  std::lock_guard hold(impl_->mu);
  Database& db = *impl_->db;
  auto body = [&]() -> Result<KnownResources> {
    KnownResources known;
    auto serial = read_serial(db);
    if (!serial) return serial.error();
    known.serial = *serial;

    auto bundles = db.cached(std::string(kSelectBundles) + " WHERE ?1 = '' OR b.campaign = ?1 ORDER BY b.external_ref");
    if (!bundles) return bundles.error();
    (*bundles)->bind(1, campaign);
    UGC_TRY(each_row(**bundles, [&](const Statement& st) { known.bundles.push_back(bundle_from_row(st)); }));

    // The campaign's bundles first, then their slots by the (bundle_ref,
    // position) index: a join looked each slot's bundle up again. Counted
    // first: a vector grown by doubling held a third more, and twice that
    // while it grew.
    constexpr const char* kOfCampaign =
        " WHERE s.bundle_ref IN (SELECT external_ref FROM bundles WHERE ?1 = '' OR campaign = ?1)";
    auto count = db.cached(std::string("SELECT count(*) FROM video_slots s") + kOfCampaign);
    if (!count) return count.error();
    (*count)->bind(1, campaign);
    UGC_TRY(each_row(**count, [&](const Statement& st) {
      known.slots.reserve(static_cast<std::size_t>(std::max(0LL, st.integer(0))));
    }));
    auto slots = db.cached(std::string(kSelectSlots) + kOfCampaign + " ORDER BY s.bundle_ref, s.position");
    if (!slots) return slots.error();
    (*slots)->bind(1, campaign);
    UGC_TRY(each_row(**slots, [&](const Statement& st) { known.slots.push_back(slot_from_row(st)); }));

    auto media = db.cached("SELECT sha256, purpose, public_url, storage_path FROM media ORDER BY sha256, purpose");
    if (!media) return media.error();
    UGC_TRY(each_row(**media, [&](const Statement& st) {
      known.media.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    }));
    return known;
  };
  return in_read_snapshot(db, impl_->in_transaction, body).context("loading state");
}

Result<std::optional<KnownBundle>> Store::find_bundle(const std::string& external_ref) {
  std::lock_guard hold(impl_->mu);
  auto st = impl_->db->cached(std::string(kSelectBundles) + " WHERE b.external_ref = ?1");
  if (!st) return st.error();
  (*st)->bind(1, external_ref);
  auto row = (*st)->step();
  if (!row) return row.error();
  std::optional<KnownBundle> found;
  if (*row) found = bundle_from_row(**st);
  (*st)->reset();
  return found;
}

Result<std::optional<KnownSlot>> Store::find_slot(const std::string& external_ref) {
  std::lock_guard hold(impl_->mu);
  auto st = impl_->db->cached(std::string(kSelectSlots) + " WHERE s.external_ref = ?1");
  if (!st) return st.error();
  (*st)->bind(1, external_ref);
  auto row = (*st)->step();
  if (!row) return row.error();
  std::optional<KnownSlot> found;
  if (*row) found = slot_from_row(**st);
  (*st)->reset();
  return found;
}

Result<std::optional<RefKind>> Store::kind_of(const std::string& ref) {
  std::lock_guard hold(impl_->mu);
  auto st = impl_->db->cached(
      "SELECT 0 FROM bundles WHERE external_ref = ?1 UNION ALL SELECT 1 FROM video_slots WHERE external_ref = ?1");
  if (!st) return st.error();
  (*st)->bind(1, ref);
  auto row = (*st)->step();
  if (!row) return row.error();
  std::optional<RefKind> kind;
  if (*row) kind = (*st)->integer(0) == 0 ? RefKind::bundle : RefKind::slot;
  (*st)->reset();
  return kind;
}

}  // namespace ugc::state
