#include "ugc/sim/lifecycle_faults.hpp"

#include "ugc/sim/account_delivery.hpp"
#include "ugc/sim/lifecycle_events.hpp"
#include "ugc/sim/lifecycle_rules.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace k = lifecycle_keys;
namespace {

Json& record_ban(World& world, Tenant& tenant, const SavedAccount& acc, TimePoint now) {
  Json ban = {{"id", world.new_uuid()},
              {"account_id", acc.id},
              {"username", acc.username},
              {"platform", acc.platform},
              {"bundle_id", acc.bundle_id ? Json(*acc.bundle_id) : Json(nullptr)},
              {"order_id", nullptr},
              {"status", "no_appeal_banned"},
              {"reported_at", iso8601(now)},
              {"decided_at", iso8601(now)},
              {"updated_at", iso8601(now)},
              {"resolution", nullptr}};
  if (!tenant.ext.contains("account_bans")) tenant.ext["account_bans"] = Json::array();
  tenant.ext["account_bans"].push_back(std::move(ban));
  return tenant.ext["account_bans"].back();
}

// account.banned: about the bundle the account was delivered for, when it still exists.
Json banned_event_data(Tenant& tenant, const SavedAccount& acc, const Json& ban_id) {
  if (acc.bundle_id) {
    if (Bundle* home = tenant.bundle(*acc.bundle_id)) {
      Json d = account_event_data(*home);
      d["ban_status"] = "no_appeal_banned";
      d["ban_id"] = ban_id;
      return d;
    }
  }
  return Json{{"saved_account_id", acc.id}, {"account_id", nullptr}, {"bundle_id", nullptr},
              {"platform", acc.platform}, {"username", acc.username}, {"ban_status", "no_appeal_banned"},
              {"ban_id", ban_id}};
}

bool bundle_closed(const Bundle& b) {
  return b.status == "completed" || b.status == "cancelled" || b.status == "archived";
}

// The bundle is cancelled with its unfinished slots (each remembers its
// status, so a remake can resume it); bundle.cancelled says why.
void cancel_bundle(World& world, Tenant& tenant, Bundle& b, const std::string& reason, TimePoint now) {
  b.status = "cancelled";
  b.ext["cancelled_reason"] = reason;
  for (auto& s : b.videos) {
    if (s.status == "finalized" || s.status == "cancelled") continue;
    s.ext["status_before_ban"] = s.status;
    s.status = "cancelled";
  }
  Json d = bundle_event_data(b);
  d["reason"] = reason;
  emit_at(world, tenant, "bundle.cancelled", d, now);
}

// Every active bundle on the account is cancelled.
void cancel_bundles_on_account(World& world, Tenant& tenant, const std::string& account_id, TimePoint now) {
  for (const auto& id : tenant.bundle_order) {
    Bundle* b = tenant.bundle(id);
    if (!b) continue;
    const bool on_account = b->saved_account_id == account_id || b->account_id == account_id;
    if (on_account && !bundle_closed(*b)) cancel_bundle(world, tenant, *b, "account_banned", now);
  }
}

// After a remake: the bundle runs again and the slots its ban cancelled resume.
void resume_after_remake(Bundle& b) {
  if (b.status == "cancelled" || b.status == "completed") {
    b.status = "accepted";
    b.ext.erase("cancelled_reason");
    b.ext.erase(k::completed_at);
  }
  for (auto& s : b.videos) {
    if (s.status != "cancelled" || !s.ext.contains("status_before_ban")) continue;
    // The manager posts again on the new account: slots resume from acceptance.
    const std::string before = s.ext["status_before_ban"];
    s.status = (before == "pending" || before == "configured" || before == "published") ? before : "accepted";
    s.ext.erase("status_before_ban");
  }
}

void resolve_bans_by_remake(Tenant& tenant, const std::string& previous_account_id, TimePoint now) {
  if (!tenant.ext.contains("account_bans")) return;
  for (auto& ban : tenant.ext["account_bans"]) {
    if (ban.value("account_id", std::string()) != previous_account_id) continue;
    ban["resolution"] = {{"resolution", "remake"}, {"reason_code", nullptr}, {"refund_credits", 0},
                         {"resolved_at", iso8601(now)}};
    ban["updated_at"] = iso8601(now);
  }
}

}  // namespace

std::string inject_ban(World& world, Tenant& tenant, const std::string& saved_account_id) {
  auto it = tenant.saved_accounts.find(saved_account_id);
  if (it == tenant.saved_accounts.end()) return "no delivered account " + saved_account_id;
  SavedAccount& acc = it->second;
  if (acc.banned) return "account " + saved_account_id + " is already banned";
  const TimePoint now = world.now();
  acc.banned = true;
  acc.status = "banned";
  acc.updated_at = iso8601(now);
  const Json ban_id = record_ban(world, tenant, acc, now)["id"];
  emit_at(world, tenant, "account.banned", banned_event_data(tenant, acc, ban_id), now);
  cancel_bundles_on_account(world, tenant, acc.id, now);
  return {};
}

std::string inject_remake(World& world, Tenant& tenant, Bundle& b) {
  if (!b.creates_account()) return "videos_only bundles have no account to remake";
  if (!b.saved_account_id) return "bundle " + b.id + " has no delivered account yet";
  const TimePoint now = world.now();
  const std::string previous = *b.saved_account_id;
  create_saved_account(world, tenant, b, now);
  BundleAccount& a = b.account;
  a.status = "in_review";
  set_ext_time(a.ext, k::in_review_at, now);
  set_ext_time(a.ext, k::delivered_at, now);
  a.ext.erase(k::finalized_at);
  a.ext.erase(k::corrections_at);
  resume_after_remake(b);
  resolve_bans_by_remake(tenant, previous, now);
  Json d = account_event_data(b);
  d["previous_saved_account_id"] = previous;
  emit_at(world, tenant, "account.remade", d, now);
  emit_at(world, tenant, "account.in_review", account_event_data(b), now);
  return {};
}

std::string inject_cancel(World& world, Tenant& tenant, Bundle& b, const std::string& reason) {
  if (bundle_closed(b)) return "bundle " + b.id + " is already " + b.status;
  cancel_bundle(world, tenant, b, reason, world.now());
  return {};
}

std::string inject_corrections(World& world, Tenant& tenant, Bundle& b, int position, const std::string& comment) {
  const TimePoint now = world.now();
  if (position == 0) {
    if (!b.creates_account()) return "videos_only bundles have no account step";
    if (b.account.status != "in_review") return "account is " + b.account.status + ", not in_review";
    b.account.status = "pending_corrections";
    set_ext_time(b.account.ext, k::corrections_at, now);
    b.account.ext["corrections_comment"] = comment;
    Json d = account_event_data(b);
    d["comment"] = comment;
    emit_at(world, tenant, "account.pending_corrections", d, now);
    return {};
  }
  VideoSlot& s = *b.slot(position);
  if (s.status != "in_review")
    return "video at position " + std::to_string(position) + " is " + s.status + ", not in_review";
  s.status = "pending_corrections";
  set_ext_time(s.ext, k::corrections_at, now);
  s.ext["corrections_comment"] = comment;
  Json d = video_event_data(b, s);
  d["comment"] = comment;
  emit_at(world, tenant, "video.pending_corrections", d, now);
  return {};
}

}  // namespace ugc::sim
