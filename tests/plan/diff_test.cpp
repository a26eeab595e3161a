// The planner against a campaign built in C++ and state written through the
// real Store (SQLite file in a temp dir).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "plan_fixture.hpp"
#include "ugc/plan/diff.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

Plan plan_of(const manifest::Campaign& c, const state::KnownResources& known, const char* today = "2027-02-01") {
  auto p = plan_campaign(c, known, inputs_as_of(today));
  REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
  return std::move(*p);
}

// Plans `c` from empty state, records the apply in a fresh store, and returns the store.
state::Store applied_store(const TempDir& dir, const manifest::Campaign& c) {
  auto store = open_store(dir.file("state.db"));
  REQUIRE(store.ok());
  Plan first = plan_of(c, {});
  auto recorded = record_applied(*store, first);
  REQUIRE_MESSAGE(recorded.ok(), (recorded.ok() ? "" : recorded.error().message()));
  return std::move(*store);
}

// Like applied_store, but the slots of the GB bundle are recorded configured,
// not published; `bundle_published` says whether the bundle itself went live.
state::Store applied_with_gb_configured(const TempDir& dir, const manifest::Campaign& c, bool bundle_published) {
  auto store = open_store(dir.file("state.db"));
  REQUIRE(store.ok());
  Plan first = plan_of(c, {});
  for (auto& a : first.actions)
    if (a.kind == ActionKind::configure_videos && a.bundle_ref == "wave-GB-tiktok-1") {
      a.publishes_bundle = a.publishes_bundle && bundle_published;
      for (auto& s : a.slots) s.status_after = "configured";
    }
  REQUIRE(record_applied(*store, first).ok());
  return std::move(*store);
}

state::KnownResources load(state::Store& store) {
  auto known = store.load("wave");
  REQUIRE(known.ok());
  return std::move(*known);
}

std::vector<const Action*> of_kind(const Plan& p, ActionKind kind) {
  std::vector<const Action*> out;
  for (const auto& a : p.actions)
    if (a.kind == kind) out.push_back(&a);
  return out;
}

}  // namespace

TEST_CASE("empty state: every bundle, upload, account and slot is created, with the fewest requests") {
  Plan p = plan_of(wave_campaign(), {});
  // US: 4 bundles of one shape -> one bulk call; GB and FR have one bundle each.
  auto bulk = of_kind(p, ActionKind::create_bundles_bulk);
  REQUIRE(bulk.size() == 1);
  CHECK(bulk[0]->requests[0].path == "/bundles/bulk");
  CHECK(bulk[0]->requests[0].body["country"] == "USA");
  CHECK(bulk[0]->requests[0].body["platforms"] == Json::array({"tiktok", "instagram"}));
  CHECK(bulk[0]->requests[0].body["accounts_count"] == 2);
  CHECK(bulk[0]->requests[0].body["upload_accounts_count"] == 2);
  CHECK(bulk[0]->requests[0].body["videos_per_account"] == 3);
  CHECK(bulk[0]->bundles.size() == 4);
  auto singles = of_kind(p, ActionKind::create_bundle);
  REQUIRE(singles.size() == 2);
  CHECK(singles[0]->requests[0].body["country"] == "UK");  // GB -> TokPortal's code
  CHECK(singles[0]->requests[0].body["bundle_type"] == "account_and_videos");
  CHECK(singles[0]->requests[0].body["external_ref"] == "wave-GB-tiktok-1");
  CHECK(singles[0]->requests[0].body["wants_niche_warming"] == true);
  CHECK(singles[1]->requests[0].body["country"] == "FR");

  // One upload per distinct file (the URL media needs none), the picture once.
  auto uploads = of_kind(p, ActionKind::upload_media);
  REQUIRE(uploads.size() == 2);
  CHECK(uploads[0]->requests[0].path == "/upload/image/direct");
  CHECK(uploads[0]->requests[0].form.at("purpose") == "profile_picture");
  CHECK(uploads[1]->requests[0].path == "/upload/video/direct");
  CHECK(uploads[1]->requests[0].file == "/abs/media/one.mp4");

  CHECK(count_kind(p, ActionKind::configure_account) == 6);
  auto batches = of_kind(p, ActionKind::configure_videos);
  REQUIRE(batches.size() == 6);
  for (const Action* b : batches) {
    CHECK(b->requests[0].method == "PUT");
    CHECK(request_body(*b, b->requests[0])["auto_publish"] == true);  // no separate publish call
    CHECK(b->publishes_bundle);
    CHECK(std::find(b->depends_on.begin(), b->depends_on.end(), "configure_account:" + b->bundle_ref) !=
          b->depends_on.end());
  }
  CHECK(count_kind(p, ActionKind::publish_bundle) == 0);
  // Batch body shape (docs/tokportal-api.md 6.4) with placeholders for what apply learns.
  const Json batch = request_body(*batches[0], batches[0]->requests[0]);
  const Json& item = batch["videos"][0];
  CHECK(batches[0]->requests[0].path == "/bundles/{bundle:wave-US-tiktok-1}/videos/batch");
  CHECK(item["position"] == 1);
  CHECK(item["video_type"] == "video");
  CHECK(item["target_publish_date"] == "2027-03-01");
  CHECK(item["video_url"] == "{media:aa11}");
  CHECK(item["external_ref"] == "wave-review-US-tiktok");
  CHECK_FALSE(item.contains("instagram_content_type"));
  const Action* insta = p.find("configure_videos:wave-US-instagram-1");
  REQUIRE(insta);
  CHECK(request_body(*insta, insta->requests[0])["videos"][0]["instagram_content_type"] == "reel");
  const Action* account = p.find("configure_account:wave-FR-tiktok-1");
  REQUIRE(account);
  CHECK(account->requests[0].body["visible_name"] == "Wave Lab France");
  CHECK(account->requests[0].body["profile_picture_url"] == "{media_storage:bb22}");

  // Totals: 6 bundles x (32 account + 3 x 2 slots + 7 niche warming).
  CHECK(p.totals.bundles_to_create == 6);
  CHECK(p.totals.slots_to_buy == 18);
  CHECK(p.totals.slots_to_configure == 8);
  CHECK(p.totals.credits == 6 * 45);
  CHECK(p.totals.api_requests == 3 + 2 + 6 + 6);
  CHECK(p.blocked.empty());
  CHECK(p.has_changes());
}

TEST_CASE("every action comes after the actions it depends on") {
  Plan p = plan_of(wave_campaign(), {});
  std::set<std::string> seen;
  for (const auto& a : p.actions) {
    for (const auto& d : a.depends_on) CHECK_MESSAGE(seen.count(d), a.id << " needs " << d);
    CHECK(seen.insert(a.id).second);  // ids are unique
  }
}

TEST_CASE("without bulk, one create per bundle") {
  PlanInputs in = inputs_as_of("2027-02-01");
  in.bulk_create = false;
  auto p = plan_campaign(wave_campaign(), {}, in);
  REQUIRE(p.ok());
  CHECK(count_kind(*p, ActionKind::create_bundle) == 6);
  CHECK(count_kind(*p, ActionKind::create_bundles_bulk) == 0);
  CHECK(p->totals.credits == 6 * 45);
}

TEST_CASE("applied state: planning again finds nothing to do") {
  TempDir dir;
  auto store = applied_store(dir, wave_campaign());
  state::KnownResources known = load(store);
  CHECK(known.slots.size() == 8);
  Plan p = plan_of(wave_campaign(), known);
  CHECK(p.actions.empty());
  CHECK(p.blocked.empty());
  CHECK(p.notes.empty());
  CHECK_FALSE(p.has_changes());
  CHECK(p.totals.api_requests == 0);
  CHECK(p.state_serial == known.serial);
}

TEST_CASE("a caption edited in one market is one PATCH with the caption's before and after") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  const std::string before = c.videos[0].captions.by_key["fr"];
  c.videos[0].captions.by_key["fr"] = "review : ma deuxieme semaine avec le produit #avis #ad";
  Plan p = plan_of(c, load(store));
  REQUIRE(p.actions.size() == 1);
  const Action& a = p.actions[0];
  CHECK(a.kind == ActionKind::patch_video);
  CHECK(a.id == "patch_video:wave-review-FR-tiktok");
  REQUIRE(a.changes.size() == 1);
  CHECK(a.changes[0].field == "caption");
  CHECK(*a.changes[0].before == before);
  CHECK(*a.changes[0].after == c.videos[0].captions.by_key["fr"]);
  CHECK(a.requests[0].method == "PATCH");
  CHECK(a.requests[0].path == "/bundles/{bundle:wave-FR-tiktok-1}/videos/1");
  CHECK(a.requests[0].body == Json{{"description", c.videos[0].captions.by_key["fr"]}});
  CHECK(p.totals.api_requests == 1);
  CHECK(p.totals.credits == 0);
}

TEST_CASE("a video added fills new slots only, existing slots are untouched") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  state::KnownResources known = load(store);
  c.videos.push_back(video("tutorial", "m1"));
  Plan p = plan_of(c, known);
  CHECK(count_kind(p, ActionKind::patch_video) == 0);
  CHECK(count_kind(p, ActionKind::unschedule_video) == 0);
  CHECK(count_kind(p, ActionKind::create_bundle) + count_kind(p, ActionKind::create_bundles_bulk) == 0);
  CHECK(count_kind(p, ActionKind::upload_media) == 0);  // m1 was uploaded already: reused by URL
  auto batches = of_kind(p, ActionKind::configure_videos);
  REQUIRE(batches.size() == 4);  // US tiktok, US instagram, GB, FR: one bundle each
  for (const Action* b : batches) {
    REQUIRE(b->slots.size() == 1);
    CHECK(b->slots[0].campaign_video == "tutorial");
    CHECK(b->slots[0].video_url == "https://cdn.tokportal.test/aa11");
    CHECK(request_body(*b, b->requests[0])["auto_publish"] == true);  // active bundle: publishes the new slot
    CHECK_FALSE(b->publishes_bundle);
    // The place of every existing slot is unchanged.
    for (const auto& k : known.slots) CHECK(!(k.bundle_ref == b->bundle_ref && k.position == b->slots[0].position));
  }
  CHECK(p.totals.api_requests == 4);
}

TEST_CASE("a market removed: its slots are unscheduled and its bundle noted, nothing deleted") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  c.markets.pop_back();  // FR
  Plan p = plan_of(c, load(store));
  auto unschedules = of_kind(p, ActionKind::unschedule_video);
  REQUIRE(unschedules.size() == 2);
  CHECK(unschedules[0]->requests[0].path == "/bundles/{bundle:wave-FR-tiktok-1}/videos/1/unschedule");
  CHECK(unschedules[0]->requests[0].body.is_null());
  CHECK(unschedules[0]->slots[0].status_after == "unscheduled");
  CHECK(p.actions.size() == 2);
  REQUIRE(p.notes.size() == 1);
  CHECK(p.notes[0].target == "wave-FR-tiktok-1");
  CHECK(p.notes[0].text.find("never deletes") != std::string::npos);
}

TEST_CASE("a posted video removed from the file is a note, not an action") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  auto slot = store.find_slot("wave-unboxing-GB-tiktok");
  REQUIRE(slot.ok());
  REQUIRE(slot->has_value());
  state::KnownSlot posted = **slot;
  posted.status = "finalized";
  REQUIRE(store.upsert_slot(posted).ok());
  c.videos[1].markets = {"US", "FR"};
  Plan p = plan_of(c, load(store));
  CHECK(p.actions.empty());
  REQUIRE(p.notes.size() == 1);
  CHECK(p.notes[0].target == "wave-unboxing-GB-tiktok");
  CHECK(p.notes[0].text.find("already posted") != std::string::npos);
}

TEST_CASE("a country change of an existing bundle is blocked, and nothing of it is touched") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  // GB becomes DE, and the file claims the GB bundle is now the DE one.
  c.markets[1] = market("DE", "en", {manifest::Platform::tiktok}, 1, 6);  // room for the moved places
  c.creators[0].rights.markets.push_back("DE");
  c.moved = {{"wave-GB-tiktok-1", "wave-DE-tiktok-1", {}}};
  Plan p = plan_of(c, load(store));
  REQUIRE(p.blocked.size() == 1);
  const Blocked& b = p.blocked[0];
  CHECK(b.target == "wave-DE-tiktok-1");
  REQUIRE(b.changes.size() == 1);
  CHECK(b.changes[0].field == "country");
  CHECK(*b.changes[0].before == "UK");
  CHECK(*b.changes[0].after == "DE");
  CHECK(b.remedy.find("moved:") != std::string::npos);
  CHECK(p.actions.empty());  // no create, no unschedule of the held bundle's slots
  CHECK(p.has_changes());
}

TEST_CASE("moved: a renamed video keeps its slots and is a PATCH of external_ref, not a create") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  auto renamed = c.videos[0];
  renamed.id = "first-look";
  c.videos[0] = renamed;  // same captions and media
  for (const char* m : {"US-tiktok", "US-instagram", "GB-tiktok", "FR-tiktok"})
    c.moved.push_back({std::string("wave-review-") + m, std::string("wave-first-look-") + m, {}});
  Plan p = plan_of(c, load(store));
  CHECK(count_kind(p, ActionKind::configure_videos) == 0);
  CHECK(count_kind(p, ActionKind::unschedule_video) == 0);
  auto patches = of_kind(p, ActionKind::patch_video);
  REQUIRE(patches.size() == 4);
  CHECK(patches[0]->changes[0].field == "external_ref");
  CHECK(patches[0]->requests[0].body.contains("external_ref"));
  CHECK(patches[0]->slots[0].previous_ref.rfind("wave-review-", 0) == 0);
  // After apply records the renames, the plan is clean.
  REQUIRE(record_applied(store, p).ok());
  Plan again = plan_of(c, load(store));
  CHECK(again.actions.empty());
  CHECK(again.blocked.empty());
}

TEST_CASE("an account profile change after publish is blocked with what the user can do") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  c.accounts.biography.by_key["fr"] = "Nouveaux avis";
  Plan p = plan_of(c, load(store));
  CHECK(p.actions.empty());
  REQUIRE(p.blocked.size() == 1);
  CHECK(p.blocked[0].target == "wave-FR-tiktok-1");
  CHECK(p.blocked[0].changes[0].field == "account.biography");
  CHECK_FALSE(p.blocked[0].remedy.empty());
}

TEST_CASE("media changed on a video handed to the manager is blocked, its caption still patches") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  c.videos[1].media = "m1";
  Plan p = plan_of(c, load(store));
  CHECK(p.blocked.size() == 4);
  CHECK(count_kind(p, ActionKind::configure_videos) == 0);
  CHECK(p.blocked[0].changes[0].field == "media");
}

TEST_CASE("more videos than slots bought: add-video-slots, paid, before the batch") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_store(dir, c);
  c.markets[2].videos_per_account = 5;  // FR
  Plan p = plan_of(c, load(store));
  const Action* add = p.find("add_video_slots:wave-FR-tiktok-1:4-5");
  REQUIRE(add);
  CHECK(add->requests[0].body == Json{{"quantity", 2}});
  CHECK(add->credits == 4);
  CHECK(p.totals.slots_to_buy == 2);
}

TEST_CASE("a date closer than the lead time is configured on the earliest allowed day, at most 3 a day") {
  // Today 2027-02-27: a new account needs 3 days -> earliest 2027-03-02; slot 1 asks 03-01.
  Plan p = plan_of(wave_campaign(), {}, "2027-02-27");
  REQUIRE_FALSE(p.date_shifts.empty());
  const DateShift& s = p.date_shifts[0];
  CHECK(s.requested == "2027-03-01");
  CHECK(s.planned == "2027-03-02");
  CHECK(s.min_days_ahead == 3);
  const Action* batch = p.find("configure_videos:wave-GB-tiktok-1");
  REQUIRE(batch);
  CHECK(request_body(*batch, batch->requests[0])["videos"][0]["target_publish_date"] == "2027-03-02");
}

TEST_CASE("configured slots whose date became too close: the server moves them on publish") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_with_gb_configured(dir, c, false);  // the GB bundle configured and unpublished
  Plan p = plan_of(c, load(store), "2027-02-27");
  const Action* publish = p.find("publish_bundle:wave-GB-tiktok-1");
  REQUIRE(publish);
  CHECK(publish->requests[0].path == "/bundles/{bundle:wave-GB-tiktok-1}/publish");
  REQUIRE(p.date_shifts.size() == 1);
  CHECK(p.date_shifts[0].slot_ref == "wave-review-GB-tiktok");
  CHECK(p.date_shifts[0].planned == "2027-03-02");
  CHECK(p.date_shifts[0].how.find("on publish") != std::string::npos);
}

TEST_CASE("an active bundle with configured slots: a new slot is batched and the publish-all lists it whole") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = applied_with_gb_configured(dir, c, true);  // published, its slots still configured
  c.videos.push_back(video("tutorial", "m1"));
  Plan p = plan_of(c, load(store));
  const Action* batch = p.find("configure_videos:wave-GB-tiktok-1");
  const Action* publish = p.find("publish_videos:wave-GB-tiktok-1");
  REQUIRE(batch);
  REQUIRE(publish);
  CHECK(request_body(*batch, batch->requests[0])["auto_publish"] == false);  // the publish-all publishes it
  REQUIRE(batch->slots.size() == 1);
  const SlotRecord& sent = batch->slots[0];
  CHECK(sent.campaign_video == "tutorial");
  CHECK(sent.status_after == "configured");
  auto listed = std::find_if(publish->slots.begin(), publish->slots.end(),
                             [&sent](const SlotRecord& r) { return r.external_ref == sent.external_ref; });
  REQUIRE(listed != publish->slots.end());
  CHECK(listed->position == sent.position);
  CHECK(listed->caption == sent.caption);
  CHECK(listed->publish_date == sent.publish_date);
  CHECK(listed->video_url == sent.video_url);
  CHECK(listed->media_key == sent.media_key);
  CHECK(listed->status_after == "published");
}

TEST_CASE("hand-built desired resources: a bundle in a country state never saw is created") {
  expand::DesiredResources d;
  d.campaign = "x";
  expand::DesiredBundle b;
  b.external_ref = "x-IT-tiktok-1";
  b.market = "IT";
  b.videos_quantity = 2;
  d.bundles.push_back(b);
  Plan p = plan_resources(d, {}, inputs_as_of("2027-01-01"));
  REQUIRE(p.actions.size() == 1);
  CHECK(p.actions[0].requests[0].body["country"] == "IT");
  CHECK(p.actions[0].credits == 32 + 4);
  // No account profile: not published, and the plan says why.
  REQUIRE_FALSE(p.notes.empty());
}
