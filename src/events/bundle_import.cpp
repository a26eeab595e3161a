#include "ugc/events/bundle_import.hpp"

#include <map>

#include "ugc/api/bundle_account.hpp"
#include "ugc/api/bundle_videos.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/events/bundle_identity.hpp"

namespace ugc::events {
namespace {

bool closed_bundle_status(const std::string& status) {
  return status == "completed" || status == "cancelled" || status == "archived";
}

// The one bundle a ref names, or nothing when none or several could be it.
std::vector<const api::Bundle*> candidates_for(const std::vector<const api::Bundle*>& found) {
  std::vector<const api::Bundle*> open;
  for (const auto* b : found)
    if (!closed_bundle_status(b->status)) open.push_back(b);
  return open.empty() ? found : open;
}

struct ImportRun {
  state::Store& store;
  api::Client& client;
  const ImportRequest& request;
  ImportReport report;
  std::vector<state::KnownBundle> bundles;
  std::vector<state::KnownSlot> slots;
  bool media_note = false;
  bool picture_note = false;
};

Status adopt_account(ImportRun& run, const ImportBundle& want, const api::Bundle& b, state::KnownBundle& k) {
  if (!b.account_configured) return {};
  auto account = api::get_bundle_account(run.client, b.id);
  if (!account.ok()) return account.error().with_context("reading the account of " + want.external_ref);
  state::KnownAccount a;
  a.username = account->username;
  a.visible_name = account->visible_name;
  a.biography = account->biography;
  a.status = account->status.empty() ? b.account_status : account->status;
  a.saved_account_id = account->saved_account_id.empty() ? b.saved_account_id : account->saved_account_id;
  if (!account->profile_picture_url.empty()) {
    a.profile_picture_sha256 = want.picture_key;
    run.picture_note = true;
  }
  k.account = std::move(a);
  return {};
}

Result<int> adopt_slots(ImportRun& run, const ImportBundle& want, const api::Bundle& b) {
  if (b.videos_quantity <= 0) return 0;
  auto videos = api::list_bundle_videos(run.client, b.id);
  if (!videos.ok()) return videos.error().with_context("reading the slots of " + want.external_ref);
  std::map<std::string, const ImportSlot*> wanted;
  for (const auto& s : want.slots) wanted[s.external_ref] = &s;
  int adopted = 0;
  for (const auto& v : *videos) {
    if (v.status.empty() || v.status == "pending") continue;
    auto it = wanted.find(v.external_ref);
    if (it == wanted.end()) {
      run.report.notes.push_back(want.external_ref + ": slot " + std::to_string(v.position) + " (" + v.status +
                                 ", external_ref \"" + v.external_ref +
                                 "\") matches no video of the file; left out of the state");
      continue;
    }
    state::KnownSlot s;
    s.external_ref = v.external_ref;
    s.bundle_ref = want.external_ref;
    s.position = v.position;
    s.video_id = v.id;
    s.campaign_video = it->second->campaign_video;
    s.media_sha256 = it->second->media_key;
    s.video_url = v.video_url;
    s.caption = v.description;
    s.publish_date = v.publish_date;
    s.status = v.status;
    run.slots.push_back(std::move(s));
    run.media_note = true;
    ++adopted;
  }
  return adopted;
}

Status adopt(ImportRun& run, const ImportBundle& want, const api::Bundle& b) {
  state::KnownBundle k;
  k.external_ref = want.external_ref;
  k.id = b.id;
  k.campaign = run.request.campaign;
  k.market = want.market;
  k.country = b.country;
  k.platform = b.platform.empty() ? want.platform : b.platform;
  k.index = want.index;
  k.videos_quantity = static_cast<int>(b.videos_quantity);
  k.status = b.status;
  UGC_TRY(adopt_account(run, want, b, k));
  auto slots = adopt_slots(run, want, b);
  if (!slots.ok()) return slots.error();
  run.report.adopted.push_back({want.external_ref, b.id, b.status, k.account.has_value(), *slots});
  run.bundles.push_back(std::move(k));
  return {};
}

// The listed bundles by the file's ref they answer to: their external_ref,
// else (bought in bulk) the ref their account or slots name.
Result<std::map<std::string, std::vector<const api::Bundle*>>> bundles_by_ref(ImportRun& run,
                                                                                const std::vector<api::Bundle>& listed) {
  const BundleIdentities identities = identities_of(run.request);
  std::map<std::string, std::vector<const api::Bundle*>> by_ref;
  int unnamed = 0, recognised = 0;
  for (const auto& b : listed) {
    std::string ref = b.external_ref;
    if (ref.empty()) {
      auto named = identify_unnamed_bundle(run.client, b, identities);
      if (!named.ok()) return named.error();
      ref = *named;
      ++(ref.empty() ? unnamed : recognised);
    }
    if (!ref.empty()) by_ref[ref].push_back(&b);
  }
  if (recognised > 0)
    run.report.notes.push_back(std::to_string(recognised) +
                               " bundle(s) without an external_ref (bought in bulk) were recognised by their "
                               "account's username or their slots' refs");
  if (unnamed > 0)
    run.report.notes.push_back(std::to_string(unnamed) +
                               " bundle(s) at TokPortal carry no external_ref and neither an account nor a slot "
                               "of this file; import cannot tell whose they are and leaves them alone");
  return by_ref;
}

Status decide(ImportRun& run, const std::vector<api::Bundle>& listed) {
  auto named = bundles_by_ref(run, listed);
  if (!named.ok()) return named.error();
  const auto& by_ref = *named;
  for (const auto& want : run.request.bundles) {
    auto known = run.store.find_bundle(want.external_ref);
    if (!known.ok()) return known.error();
    if (*known) {
      run.report.already_known.push_back(want.external_ref);
      continue;
    }
    auto it = by_ref.find(want.external_ref);
    if (it == by_ref.end()) {
      run.report.not_found.push_back(want.external_ref);
      continue;
    }
    auto candidates = candidates_for(it->second);
    if (candidates.size() != 1) {
      AmbiguousRef amb{want.external_ref, {}};
      for (const auto* b : candidates) amb.bundle_ids.push_back(b->id + " (" + b->status + ")");
      run.report.ambiguous.push_back(std::move(amb));
      continue;
    }
    UGC_TRY(adopt(run, want, *candidates.front()));
  }
  return {};
}

Status write_adopted(ImportRun& run) {
  auto tx = run.store.begin();
  if (!tx.ok()) return tx.error();
  for (const auto& b : run.bundles) UGC_TRY(run.store.upsert_bundle(b));
  for (const auto& s : run.slots) UGC_TRY(run.store.upsert_slot(s));
  return tx->commit();
}

}  // namespace

Result<ImportReport> import_bundles(state::Store& store, api::Client& client, const ImportRequest& request) {
  const auto requests_before = client.stats().snapshot().requests;
  ImportRun run{store, client, request, {}, {}, {}, false, false};
  auto listed = api::list_bundles(client);
  if (!listed.ok()) return listed.error().with_context("listing bundles");
  UGC_TRY(decide(run, *listed));
  UGC_TRY(write_adopted(run));
  if (run.media_note)
    run.report.notes.push_back("the media of adopted slots is recorded as the file's: the API reports a video_url, "
                               "not what it holds");
  if (run.picture_note)
    run.report.notes.push_back("the profile picture of adopted accounts is recorded as the file's: the API reports "
                               "a storage path, not what it holds");
  run.report.requests = client.stats().snapshot().requests - requests_before;
  return std::move(run.report);
}

Json to_json(const ImportReport& r) {
  Json adopted = Json::array();
  for (const auto& a : r.adopted)
    adopted.push_back(Json{{"ref", a.external_ref}, {"id", a.id}, {"status", a.status}, {"account", a.account},
                           {"slots", a.slots}});
  Json ambiguous = Json::array();
  for (const auto& a : r.ambiguous) ambiguous.push_back(Json{{"ref", a.external_ref}, {"bundles", a.bundle_ids}});
  return Json{{"adopted", adopted},       {"already_known", r.already_known}, {"not_found", r.not_found},
              {"ambiguous", ambiguous},   {"notes", r.notes},                 {"requests", r.requests}};
}

}  // namespace ugc::events
