#pragma once
// Test support for the plan tests: a small campaign built in C++ (no YAML
// parser needed), a scratch directory, and `record_applied`, which writes what
// a successful apply of a plan would record, through the state Store API, so a
// test can plan again against "applied" state.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "ugc/core/date.hpp"
#include "ugc/manifest/campaign.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/plan/plan.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/state/store.hpp"

namespace ugc::plan::testing {

inline CivilDate day(const char* text) { return *CivilDate::parse(text); }

using ugc::testing::TempDir;

inline manifest::Market market(const std::string& code, const std::string& language,
                               std::vector<manifest::Platform> platforms, int accounts, int per_account) {
  manifest::Market m;
  m.code = code;
  m.key_as_written = code;
  m.language = language;
  m.platforms = std::move(platforms);
  m.accounts = accounts;
  m.videos_per_account = per_account;
  return m;
}

inline manifest::Video video(const std::string& id, const std::string& media) {
  manifest::Video v;
  v.id = id;
  v.media = media;
  v.captions.by_key = {{"en", id + ": my first week with the product, honest review #review #ad"},
                       {"fr", id + " : ma premiere semaine avec le produit #avis #ad"}};
  return v;
}

// "wave": US (tiktok + instagram, 2 accounts each, 3 slots), GB (tiktok, 1
// account, 3 slots), FR (tiktok, 1 account, 3 slots); videos "review" (a local
// file) and "unboxing" (a URL); schedule from 2027-03-01 every 2 days.
inline manifest::Campaign wave_campaign() {
  using manifest::Platform;
  manifest::Campaign c;
  c.id = "wave";
  c.title = "Wave";
  c.source_file = "wave.yaml";
  manifest::Creator creator;
  creator.id = "creator-01";
  creator.name = "Jane";
  creator.rights = {{"US", "GB", "FR"}, {Platform::tiktok, Platform::instagram}, day("2027-12-31"), {}};
  creator.disclosure = "#ad";
  c.creators = {creator};
  c.media = {manifest::Media{"m1", "creator-01", "media/one.mp4", "/abs/media/one.mp4", "", "aa11", {}},
             manifest::Media{"m2", "creator-01", "", "", "https://cdn.example.com/two.mp4", "", {}}};
  c.markets = {market("US", "en", {Platform::tiktok, Platform::instagram}, 2, 3),
               market("GB", "en", {Platform::tiktok}, 1, 3), market("FR", "fr", {Platform::tiktok}, 1, 3)};
  c.accounts.username_pattern = "wavelab.{market}{n}";
  c.accounts.visible_name.by_key = {{"en", "Wave Lab"}, {"fr", "Wave Lab France"}};
  c.accounts.biography.by_key = {{"en", "Honest reviews"}, {"fr", "Des avis honnetes"}};
  c.accounts.profile_picture = "media/logo.png";
  c.accounts.profile_picture_path = "/abs/media/logo.png";
  c.accounts.profile_picture_sha256 = "bb22";
  c.defaults.niche_warming = "Lifestyle and product review content.";
  c.defaults.schedule = manifest::Schedule{day("2027-03-01"), 2, {}};
  c.videos = {video("review", "m1"), video("unboxing", "m2")};
  return c;
}

inline PlanInputs inputs_as_of(const char* today) {
  PlanInputs in;
  in.today = day(today);
  in.today_source = TodaySource::as_of;
  in.campaign_file = "wave.yaml";
  in.campaign_sha256 = "f00d";
  return in;
}

// Replaces {media:KEY} by the URL the fake upload gave it.
inline std::string resolve_media(const std::string& value) {
  if (value.rfind("{media:", 0) == 0) return "https://cdn.tokportal.test/" + value.substr(7, value.size() - 8);
  return value;
}

// Records in `store` what apply would after every action of `plan` succeeded
// (ids and URLs invented), as the apply engineer does from the records.
inline Status record_applied(state::Store& store, const Plan& plan) {
  auto bundle_status = [&](const std::string& ref, const std::string& status) -> Status {
    auto b = store.find_bundle(ref);
    if (!b) return b.error();
    if (!*b) return not_found(ref);
    state::KnownBundle copy = **b;
    copy.status = status;
    copy.account.reset();
    return store.upsert_bundle(copy);
  };
  auto slot_status = [&](const SlotRecord& r, const std::string& status) -> Status {
    auto s = store.find_slot(r.external_ref);
    if (!s) return s.error();
    if (!*s) return not_found(r.external_ref);
    state::KnownSlot copy = **s;
    copy.status = status;
    return store.upsert_slot(copy);
  };
  for (const Action& a : plan.actions) {
    switch (a.kind) {
      case ActionKind::create_bundle:
      case ActionKind::create_bundles_bulk:
        for (const auto& r : a.bundles) {
          state::KnownBundle b{r.external_ref, "id-" + r.external_ref, plan.campaign, r.market, r.country,
                               r.platform,     r.index,                r.videos_quantity, "pending_setup", {}, "", ""};
          UGC_TRY(store.upsert_bundle(b));
        }
        break;
      case ActionKind::rename_bundle:
        if (auto m = store.move(a.bundles.front().previous_ref, a.bundles.front().external_ref); !m) return m.error();
        break;
      case ActionKind::upload_media:
        UGC_TRY(store.upsert_media({a.media->key, a.media->purpose, "https://cdn.tokportal.test/" + a.media->key,
                                    a.media->purpose == "profile_picture" ? "pictures/" + a.media->key : ""}));
        break;
      case ActionKind::configure_account:
        UGC_TRY(store.set_account(a.bundle_ref, {a.account->username, a.account->visible_name,
                                                 a.account->biography, a.account->profile_picture_key,
                                                 "configured", "", ""}));
        break;
      case ActionKind::add_video_slots: {
        auto b = store.find_bundle(a.bundle_ref);
        if (!b || !*b) return not_found(a.bundle_ref);
        state::KnownBundle copy = **b;
        copy.videos_quantity = a.bundles.front().videos_quantity;
        copy.account.reset();
        UGC_TRY(store.upsert_bundle(copy));
        break;
      }
      case ActionKind::configure_videos:
      case ActionKind::patch_video:
        for (const auto& r : a.slots) {
          if (!r.previous_ref.empty())
            if (auto m = store.move(r.previous_ref, r.external_ref); !m) return m.error();
          state::KnownSlot s{r.external_ref, r.bundle_ref,   r.position,     "vid-" + r.external_ref,
                             r.campaign_video, r.media_key, resolve_media(r.video_url), r.caption,
                             r.publish_date,   r.status_after, ""};
          UGC_TRY(store.upsert_slot(s));
        }
        if (a.publishes_bundle) UGC_TRY(bundle_status(a.bundle_ref, "published"));
        break;
      case ActionKind::publish_bundle:
        UGC_TRY(bundle_status(a.bundle_ref, "published"));
        for (const auto& r : a.slots) UGC_TRY(slot_status(r, "published"));
        break;
      case ActionKind::publish_videos:
        for (const auto& r : a.slots) UGC_TRY(slot_status(r, "published"));
        break;
      case ActionKind::unschedule_video:
        for (const auto& r : a.slots) UGC_TRY(slot_status(r, "unscheduled"));
        break;
    }
  }
  return {};
}

inline Result<state::Store> open_store(const std::string& path) {
  return state::Store::open(path, {state::Access::read_write, true}, std::make_shared<ugc::testing::FakeClock>());
}

inline int count_kind(const Plan& plan, ActionKind kind) {
  int n = 0;
  for (const auto& a : plan.actions) n += a.kind == kind;
  return n;
}

}  // namespace ugc::plan::testing
