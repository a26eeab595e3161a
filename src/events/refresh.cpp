#include "ugc/events/refresh.hpp"

#include <map>
#include <set>

#include "ugc/api/account_bans.hpp"
#include "ugc/api/bundle_videos.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/events/lifecycle_update.hpp"
#include "ugc/events/polled_bans.hpp"
#include "ugc/state/events.hpp"

namespace ugc::events {
namespace {

// The state's meta key holding, per bundle id, the counters seen last time.
constexpr const char* kFingerprintsKey = "refresh.bundle_fingerprints";

std::string fingerprint_of(const api::Bundle& b) {
  return b.status + "|" + b.account_status + "|" + b.saved_account_id + "|" + std::to_string(b.videos_quantity) +
         "|" + std::to_string(b.videos_configured_count) + "|" + b.updated_at;
}

// A slot whose caption or date can still be changed (in the app too): the
// bundle counters do not move when that happens.
bool slot_may_change(const std::string& status) {
  return status == "configured" || status == "published" || status == "accepted" || status == "unscheduled";
}

// "unscheduled" is ugc's name for a slot it took back; the API reports it configured.
bool same_slot_status(const std::string& recorded, const std::string& observed) {
  return recorded == observed || (recorded == "unscheduled" && observed == "configured");
}

struct RefreshRun {
  state::Store& store;
  api::Client& client;
  const RefreshRequest& request;
  RefreshReport report;
  state::KnownResources known;
  std::map<std::string, const api::Bundle*> listed_by_id;
  Json fingerprints = Json::object();
  std::vector<state::KnownBundle> bundle_writes;
  std::vector<state::KnownSlot> slot_writes;
  std::vector<WebhookEvent> events;

  void drift(const std::string& ref, const std::string& field, const std::string& before, const std::string& observed,
             bool recorded) {
    report.drift.push_back({ref, field, before, observed, recorded, ""});
  }
};

Status load_fingerprints(RefreshRun& run) {
  auto kept = run.store.meta_get(kFingerprintsKey);
  if (!kept.ok()) return kept.error();
  if (!*kept) return {};
  Json parsed = Json::parse(**kept, nullptr, false);
  if (parsed.is_object()) run.fingerprints = std::move(parsed);
  return {};
}

// Compares a bundle's own fields; true when the state needs writing.
bool diff_bundle(RefreshRun& run, state::KnownBundle& k, const api::Bundle& b) {
  bool changed = false;
  auto field = [&](const char* name, std::string& recorded, const std::string& observed) {
    if (observed.empty() || recorded == observed) return;
    run.drift(k.external_ref, name, recorded, observed, true);
    recorded = observed;
    changed = true;
  };
  field("status", k.status, b.status);
  if (b.videos_quantity > 0 && b.videos_quantity != k.videos_quantity) {
    run.drift(k.external_ref, "videos_quantity", std::to_string(k.videos_quantity),
              std::to_string(b.videos_quantity), true);
    k.videos_quantity = static_cast<int>(b.videos_quantity);
    changed = true;
  }
  if (k.account) {
    field("account.status", k.account->status, b.account_status);
    field("account.saved_account_id", k.account->saved_account_id, b.saved_account_id);
    field("account.username", k.account->username, b.account_username);
  }
  if (!b.external_ref.empty() && b.external_ref != k.external_ref)
    run.drift(k.external_ref, "external_ref", k.external_ref, b.external_ref, false);
  return changed;
}

// Compares one slot the state knows with what the API reports at its position.
void diff_slot(RefreshRun& run, state::KnownSlot k, const api::BundleVideo& v) {
  bool changed = false;
  auto field = [&](const char* name, std::string& recorded, const std::string& observed) {
    if (recorded == observed) return;
    run.drift(k.external_ref, name, recorded, observed, true);
    recorded = observed;
    changed = true;
  };
  if (!same_slot_status(k.status, v.status)) field("status", k.status, v.status);
  field("caption", k.caption, v.description);
  field("publish_date", k.publish_date, v.publish_date);
  if (!v.id.empty() && k.video_id != v.id) {
    if (!k.video_id.empty()) run.drift(k.external_ref, "video_id", k.video_id, v.id, true);
    k.video_id = v.id;
    changed = true;
  }
  if (changed) run.slot_writes.push_back(std::move(k));
}

bool has_slots_that_may_change(const RefreshRun& run, const std::string& bundle_ref) {
  for (const auto& s : run.known.slots)
    if (s.bundle_ref == bundle_ref && slot_may_change(s.status)) return true;
  return false;
}

Status refresh_slots(RefreshRun& run, const state::KnownBundle& k, const api::Bundle& b) {
  auto videos = api::list_bundle_videos(run.client, b.id);
  if (!videos.ok()) return videos.error().with_context("reading the slots of " + k.external_ref);
  ++run.report.bundles_read;
  std::map<int, const state::KnownSlot*> by_position;
  for (const auto& s : run.known.slots)
    if (s.bundle_ref == k.external_ref) by_position[s.position] = &s;
  for (const auto& v : *videos) {
    auto it = by_position.find(v.position);
    if (it != by_position.end()) {
      diff_slot(run, *it->second, v);
    } else if (v.status != "pending" && !v.status.empty()) {
      const std::string ref = v.external_ref.empty() ? k.external_ref + "#" + std::to_string(v.position) : v.external_ref;
      run.drift(ref, "slot", "", "position " + std::to_string(v.position) + " " + v.status + " (not in state)", false);
    }
  }
  return {};
}

Status refresh_bundle(RefreshRun& run, state::KnownBundle k, const api::Bundle& b) {
  ++run.report.bundles_listed;
  const bool changed = diff_bundle(run, k, b);
  const std::string fp = fingerprint_of(b);
  const bool counters_moved = run.fingerprints.value(b.id, std::string()) != fp;
  const bool content_may_move = b.updated_at.empty() && has_slots_that_may_change(run, k.external_ref);
  if ((counters_moved || content_may_move) && b.videos_quantity > 0) {
    UGC_TRY(refresh_slots(run, k, b));
  } else {
    ++run.report.bundles_skipped;
  }
  run.fingerprints[b.id] = fp;
  if (changed) run.bundle_writes.push_back(std::move(k));
  return {};
}

Status refresh_bundles(RefreshRun& run, const std::vector<api::Bundle>& listed) {
  for (const auto& b : listed) run.listed_by_id[b.id] = &b;
  std::set<std::string> known_refs;
  for (const auto& k : run.known.bundles) {
    known_refs.insert(k.external_ref);
    if (k.id.empty()) continue;
    auto it = run.listed_by_id.find(k.id);
    if (it == run.listed_by_id.end()) {
      run.drift(k.external_ref, "bundle", k.id, "", false);
      continue;
    }
    UGC_TRY(refresh_bundle(run, k, *it->second));
  }
  const std::set<std::string> wanted(run.request.desired_bundle_refs.begin(), run.request.desired_bundle_refs.end());
  for (const auto& b : listed)
    if (wanted.count(b.external_ref) && !known_refs.count(b.external_ref))
      run.drift(b.external_ref, "bundle", "", b.id + " (" + b.status + ", not in state)", false);
  return {};
}

std::string ref_of_bundle_id(const RefreshRun& run, const std::string& id) {
  for (const auto& k : run.known.bundles)
    if (k.id == id) return k.external_ref;
  return "";
}

Status poll_bans(RefreshRun& run) {
  auto since = run.store.meta_get(kBansWatermarkKey);
  if (!since.ok()) return since.error();
  api::AccountBanQuery query;
  if (*since) query.since = **since;
  auto bans = api::list_account_bans(run.client, query);
  if (!bans.ok()) return bans.error().with_context("polling bans");
  run.report.bans_watermark = query.since;
  for (const auto& ban : *bans) {
    ++run.report.bans_seen;
    const std::string ref = ref_of_bundle_id(run, ban.bundle_id);
    auto listed = run.listed_by_id.find(ban.bundle_id);
    const Json bundle = listed == run.listed_by_id.end() ? Json(nullptr) : listed->second->raw;
    run.events.push_back(banned_event(ban, ref, bundle));
    if (ban.resolution) run.events.push_back(resolution_event(ban, ref, bundle));
    if (ban.updated_at > run.report.bans_watermark) run.report.bans_watermark = ban.updated_at;
  }
  return {};
}

Status write_observed(RefreshRun& run) {
  auto tx = run.store.begin();
  if (!tx.ok()) return tx.error();
  for (const auto& b : run.bundle_writes) UGC_TRY(run.store.upsert_bundle(b));
  for (const auto& s : run.slot_writes) UGC_TRY(run.store.upsert_slot(s));
  UGC_TRY(run.store.meta_put(kFingerprintsKey, run.fingerprints.dump()));
  if (!run.report.bans_watermark.empty()) UGC_TRY(run.store.meta_put(kBansWatermarkKey, run.report.bans_watermark));
  for (const auto& e : run.events) {
    auto fresh = state::record_event(run.store, e.id, e.type, e.envelope);
    if (!fresh.ok()) return fresh.error();
    if (!*fresh) continue;
    UGC_TRY(apply_lifecycle_event(run.store, e));
    ++run.report.bans_recorded;
    const std::string ref = e.envelope["data"].value("external_ref", Json(nullptr)).is_string()
                                ? e.envelope["data"]["external_ref"].get<std::string>()
                                : std::string();
    if (!ref.empty() && e.type == "account.banned")
      run.drift(ref, "account.banned", "", e.envelope["data"]["ban"].value("status", std::string("banned")), true);
  }
  return tx->commit();
}

}  // namespace

Result<RefreshReport> refresh_campaign(state::Store& store, api::Client& client, const RefreshRequest& request) {
  const auto requests_before = client.stats().snapshot().requests;
  RefreshRun run{store, client, request, {}, {}, {}, Json::object(), {}, {}, {}};
  auto known = store.load(request.campaign);
  if (!known.ok()) return known.error();
  run.known = std::move(*known);
  run.report.bundles_known = static_cast<int>(run.known.bundles.size());
  UGC_TRY(load_fingerprints(run));
  auto listed = api::list_bundles(client);
  if (!listed.ok()) return listed.error().with_context("listing bundles");
  UGC_TRY(refresh_bundles(run, *listed));
  if (request.poll_bans) UGC_TRY(poll_bans(run));
  UGC_TRY(write_observed(run));
  run.report.requests = client.stats().snapshot().requests - requests_before;
  return std::move(run.report);
}

Json to_json(const Drift& d) {
  return Json{{"ref", d.ref},           {"field", d.field},        {"state", d.before},
              {"api", d.observed},      {"recorded", d.recorded}, {"apply", d.remedy}};
}

Json to_json(const RefreshReport& r) {
  Json drift = Json::array();
  for (const auto& d : r.drift) drift.push_back(to_json(d));
  return Json{{"drift", drift},
              {"bundles_known", r.bundles_known},
              {"bundles_listed", r.bundles_listed},
              {"bundles_read", r.bundles_read},
              {"bundles_skipped", r.bundles_skipped},
              {"bans_seen", r.bans_seen},
              {"bans_recorded", r.bans_recorded},
              {"requests", r.requests}};
}

}  // namespace ugc::events
