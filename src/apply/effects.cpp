#include "ugc/apply/effects.hpp"

#include <map>

namespace ugc::apply {

namespace {

using plan::Action;
using plan::ActionKind;

std::string str(const Json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Error malformed(const Action& action, const std::string& what) {
  return Error(ErrorKind::fatal, action.id + ": unexpected answer: " + what, "MALFORMED_RESPONSE");
}

state::KnownBundle bundle_from(const std::string& campaign, const plan::BundleRecord& r, const Json& data) {
  state::KnownBundle b;
  b.external_ref = r.external_ref;
  b.id = api::id_of(data);
  b.campaign = campaign;
  b.market = r.market;
  b.country = str(data, "country").empty() ? r.country : str(data, "country");
  b.platform = r.platform;
  b.index = r.index;
  b.videos_quantity = r.videos_quantity;
  b.status = str(data, "status").empty() ? "pending_setup" : str(data, "status");
  return b;
}

Status record_bundle(state::Store& store, Bindings& bindings, const std::string& campaign,
                     const plan::BundleRecord& record, const Json& data) {
  state::KnownBundle b = bundle_from(campaign, record, data);
  if (b.id.empty()) return fatal_error("bundle " + record.external_ref + ": answer has no id");
  UGC_TRY(store.upsert_bundle(b));
  bindings.set_bundle_id(b.external_ref, b.id);
  return {};
}

// The list of bundles in a bulk answer: data.bundles, or data itself.
const Json* bulk_list(const Json& data) {
  if (data.is_array()) return &data;
  if (data.is_object() && data.contains("bundles") && data["bundles"].is_array()) return &data["bundles"];
  return nullptr;
}

Status record_bulk(state::Store& store, Bindings& bindings, const std::string& campaign, const Action& action,
                   const Json& data) {
  const Json* list = bulk_list(data);
  if (!list) return malformed(action, "no data.bundles");
  std::map<std::string, std::vector<const Json*>> created;  // by platform, in answer order
  for (const Json& b : *list) created[str(b, "platform")].push_back(&b);
  std::map<std::string, std::size_t> next;
  for (const auto& record : action.bundles) {
    auto& pool = created[record.platform];
    std::size_t& i = next[record.platform];
    if (i >= pool.size())
      return malformed(action, "fewer " + record.platform + " bundles than planned (" + std::to_string(pool.size()) + ")");
    UGC_TRY(record_bundle(store, bindings, campaign, record, *pool[i++]));
  }
  return {};
}

struct SlotAnswer {
  bool failed = false;
  std::string video_id;
  std::string code, message;
  std::string status;
};

// Per-position results of a batch configure. The contract leaves the shape
// open (6.4), so accept a list in data, data.videos, data.results or data.items.
std::map<int, SlotAnswer> batch_answers(const Json& data) {
  std::map<int, SlotAnswer> out;
  const Json* list = nullptr;
  if (data.is_array()) list = &data;
  for (const char* key : {"videos", "results", "items"})
    if (!list && data.is_object() && data.contains(key) && data[key].is_array()) list = &data[key];
  if (!list) return out;
  for (const Json& item : *list) {
    if (!item.is_object() || !item.contains("position") || !item["position"].is_number_integer()) continue;
    SlotAnswer a;
    const Json* video = item.contains("video") && item["video"].is_object() ? &item["video"] : &item;
    a.video_id = str(*video, "id").empty() ? str(item, "video_id") : str(*video, "id");
    a.status = str(*video, "status");
    if (item.contains("error") && !item["error"].is_null()) {
      a.failed = true;
      const Json& e = item["error"];
      a.code = e.is_object() ? str(e, "code") : std::string();
      a.message = e.is_object() ? str(e, "message") : e.is_string() ? e.get<std::string>() : std::string();
    }
    for (const char* flag : {"ok", "success"})
      if (item.contains(flag) && item[flag].is_boolean() && !item[flag].get<bool>()) a.failed = true;
    std::string s = str(item, "status");
    if (s == "failed" || s == "error") a.failed = true;
    out[item["position"].get<int>()] = a;
  }
  return out;
}

state::KnownSlot slot_from(const plan::SlotRecord& r, const std::optional<state::KnownSlot>& have) {
  state::KnownSlot s = have.value_or(state::KnownSlot{});
  s.external_ref = r.external_ref;
  s.bundle_ref = r.bundle_ref;
  s.position = r.position;
  if (!r.campaign_video.empty()) s.campaign_video = r.campaign_video;
  if (!r.media_key.empty()) s.media_sha256 = r.media_key;
  if (!r.video_url.empty()) s.video_url = r.video_url;
  if (!r.caption.empty()) s.caption = r.caption;
  if (!r.publish_date.empty()) s.publish_date = r.publish_date;
  if (!r.status_after.empty()) s.status = r.status_after;
  return s;
}

Status set_bundle_status(state::Store& store, const std::string& ref, const std::string& status) {
  auto found = store.find_bundle(ref);
  if (!found.ok()) return found.error();
  if (!*found) return not_found("bundle " + ref + " is not in the state");
  state::KnownBundle b = **found;
  b.status = status;
  b.account.reset();  // leave the recorded account alone
  return store.upsert_bundle(b);
}

// Dates the server moved forward when publishing (5.7, 6.6): record them so
// the next plan does not try to move them back.
Status record_adjusted_dates(state::Store& store, const std::string& bundle_ref, const Json& data) {
  const Json* list = nullptr;
  if (data.is_object() && data.contains("adjusted_videos") && data["adjusted_videos"].is_array())
    list = &data["adjusted_videos"];
  if (!list || list->empty()) return {};
  auto known = store.load();
  if (!known.ok()) return known.error();
  for (const Json& adj : *list) {
    int position = adj.value("position", 0);
    std::string new_date = str(adj, "new_date");
    if (position <= 0 || new_date.empty()) continue;
    for (const auto& s : known->slots) {
      if (s.bundle_ref != bundle_ref || s.position != position) continue;
      state::KnownSlot moved = s;
      moved.publish_date = new_date;
      UGC_TRY(store.upsert_slot(moved));
    }
  }
  return {};
}

Status record_slots(state::Store& store, Bindings& bindings, const Action& action, const Json& sent_body,
                    const Json& data) {
  auto answers = batch_answers(data);
  // The URL actually sent for each position (placeholders resolved).
  std::map<int, std::string> sent_urls;
  if (sent_body.is_object() && sent_body.contains("videos") && sent_body["videos"].is_array())
    for (const Json& v : sent_body["videos"])
      if (v.contains("position") && v["position"].is_number_integer())
        sent_urls[v["position"].get<int>()] = str(v, "video_url");
  std::string first_failure;
  for (const auto& r : action.slots) {
    auto answer = answers.find(r.position);
    if (answer != answers.end() && answer->second.failed) {
      if (first_failure.empty())
        first_failure = "position " + std::to_string(r.position) + ": " + answer->second.code + " " + answer->second.message;
      continue;
    }
    auto have = store.find_slot(r.external_ref);
    if (!have.ok()) return have.error();
    if (!*have && !r.previous_ref.empty()) {
      auto moved = store.move(r.previous_ref, r.external_ref);
      if (moved.ok()) {
        have = store.find_slot(r.external_ref);
        if (!have.ok()) return have.error();
      }
    }
    state::KnownSlot s = slot_from(r, *have);
    if (auto u = sent_urls.find(r.position); u != sent_urls.end() && !u->second.empty()) s.video_url = u->second;
    else if (auto url = bindings.substitute(s.video_url); url.ok()) s.video_url = *url;
    if (answer != answers.end() && !answer->second.video_id.empty()) s.video_id = answer->second.video_id;
    UGC_TRY(store.upsert_slot(s));
  }
  // The batch's auto_publish reports on its own (6.4): when it did not
  // publish, the slots are configured but not published, and the action fails.
  const Json* auto_publish = data.is_object() && data.contains("auto_publish") && data["auto_publish"].is_object()
                                 ? &data["auto_publish"]
                                 : nullptr;
  const bool publish_failed = auto_publish && auto_publish->contains("published") &&
                              (*auto_publish)["published"].is_boolean() && !(*auto_publish)["published"].get<bool>();
  if (auto_publish && first_failure.empty()) UGC_TRY(record_adjusted_dates(store, action.bundle_ref, *auto_publish));
  if (publish_failed) {
    for (const auto& r : action.slots) {
      auto have = store.find_slot(r.external_ref);
      if (!have.ok()) return have.error();
      if (*have && (*have)->status == "published") {
        state::KnownSlot s = **have;
        s.status = "configured";
        UGC_TRY(store.upsert_slot(s));
      }
    }
    const Json& e = auto_publish->contains("error") ? (*auto_publish)["error"] : Json();
    if (first_failure.empty())
      return Error(ErrorKind::conflict,
                   action.id + ": videos configured, but auto_publish did not publish: " + str(e, "code") + " " +
                       str(e, "message"),
                   "BATCH_PARTIAL_FAILURE");
  } else if (action.publishes_bundle && first_failure.empty()) {
    UGC_TRY(set_bundle_status(store, action.bundle_ref, "published"));
  }
  if (!first_failure.empty())
    return Error(ErrorKind::invalid_input, action.id + ": the batch refused " + first_failure,
                 answers.begin() != answers.end() ? "BATCH_PARTIAL_FAILURE" : "");
  return {};
}

}  // namespace

Status record_effects(state::Store& store, Bindings& bindings, const std::string& campaign, const Action& action,
                      const Json& sent_body, const api::Response& response) {
  const Json& data = response.data();
  switch (action.kind) {
    case ActionKind::upload_media: {
      if (!action.media) return malformed(action, "upload action without a media record");
      state::KnownMedia m;
      m.sha256 = action.media->key;
      m.purpose = action.media->purpose;
      m.public_url = str(data, "public_url");
      m.storage_path = str(data, "storage_path");
      if (m.public_url.empty() && m.storage_path.empty()) return malformed(action, "upload answer has no public_url");
      UGC_TRY(store.upsert_media(m));
      bindings.set_media(m.sha256, m.public_url, m.storage_path);
      return {};
    }
    case ActionKind::create_bundle:
      if (action.bundles.size() != 1) return malformed(action, "create action without exactly one bundle record");
      return record_bundle(store, bindings, campaign, action.bundles.front(), data);
    case ActionKind::create_bundles_bulk:
      return record_bulk(store, bindings, campaign, action, data);
    case ActionKind::rename_bundle:
      for (const auto& r : action.bundles) {
        if (r.previous_ref.empty() || r.previous_ref == r.external_ref) continue;
        auto moved = store.move(r.previous_ref, r.external_ref);
        if (!moved.ok() && moved.error().kind() != ErrorKind::not_found) return moved.error();
      }
      return {};
    case ActionKind::configure_account: {
      if (!action.account) return malformed(action, "account action without an account record");
      state::KnownAccount a;
      a.username = action.account->username;
      a.visible_name = action.account->visible_name;
      a.biography = action.account->biography;
      a.profile_picture_sha256 = action.account->profile_picture_key;
      a.status = "configured";
      return store.set_account(action.bundle_ref, a);
    }
    case ActionKind::add_video_slots: {
      auto found = store.find_bundle(action.bundle_ref);
      if (!found.ok()) return found.error();
      if (!*found) return not_found("bundle " + action.bundle_ref + " is not in the state");
      state::KnownBundle b = **found;
      b.account.reset();
      for (const auto& r : action.bundles)
        if (r.external_ref == b.external_ref) b.videos_quantity = r.videos_quantity;
      return store.upsert_bundle(b);
    }
    case ActionKind::configure_videos:
    case ActionKind::patch_video:
      return record_slots(store, bindings, action, sent_body, data);
    case ActionKind::publish_bundle:
      UGC_TRY(set_bundle_status(store, action.bundle_ref, str(data, "status").empty() ? "published" : str(data, "status")));
      for (const auto& r : action.slots) {
        auto have = store.find_slot(r.external_ref);
        if (!have.ok()) return have.error();
        if (*have) UGC_TRY(store.upsert_slot(slot_from(r, *have)));
      }
      return record_adjusted_dates(store, action.bundle_ref, data);
    case ActionKind::publish_videos:
    case ActionKind::unschedule_video:
      for (const auto& r : action.slots) {
        auto have = store.find_slot(r.external_ref);
        if (!have.ok()) return have.error();
        if (!*have) continue;
        state::KnownSlot s = **have;
        s.status = r.status_after.empty()
                       ? (action.kind == ActionKind::publish_videos ? "published" : "unscheduled")
                       : r.status_after;
        UGC_TRY(store.upsert_slot(s));
      }
      if (action.kind == ActionKind::publish_videos) return record_adjusted_dates(store, action.bundle_ref, data);
      return {};
  }
  return fatal_error("unknown action kind");
}

Status record_found_bundle(state::Store& store, Bindings& bindings, const std::string& campaign, const Action& action,
                           const Json& bundle) {
  for (const auto& r : action.bundles)
    if (r.external_ref == str(bundle, "external_ref")) return record_bundle(store, bindings, campaign, r, bundle);
  return not_found(action.id + ": found bundle is not one this action creates");
}

}  // namespace ugc::apply
