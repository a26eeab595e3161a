// A bundle TokPortal cancelled (a ban): its unposted videos are blocked with
// the reason and nothing is bought, unless the market says
// `on_cancel: replace`; then one replacement bundle is created, priced like
// any create, and the videos move to it, once.
#include <doctest/doctest.h>

#include "plan_fixture.hpp"
#include "ugc/plan/diff.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

constexpr const char* kFr = "wave-FR-tiktok-1";

Plan cancel_plan_of(const manifest::Campaign& c, state::Store& store) {
  auto known = store.load("wave");
  REQUIRE(known.ok());
  auto p = plan_campaign(c, *known, inputs_as_of("2027-02-01"));
  REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
  return std::move(*p);
}

// The wave campaign applied, then FR's bundle cancelled by a ban: the bundle
// and its unfinished slots cancelled, the account banned (as the events do).
state::Store banned_fr_store(const TempDir& dir, const manifest::Campaign& c) {
  auto store = open_store(dir.file("state.db"));
  REQUIRE(store.ok());
  auto known = store->load("wave");
  REQUIRE(known.ok());
  auto first = plan_campaign(c, *known, inputs_as_of("2027-02-01"));
  REQUIRE(first.ok());
  REQUIRE(record_applied(*store, *first).ok());
  auto b = store->find_bundle(kFr);
  REQUIRE(b.ok());
  REQUIRE(b->has_value());
  state::KnownBundle fr = **b;
  fr.status = "cancelled";
  REQUIRE(fr.account);
  fr.account->status = "banned";
  REQUIRE(store->upsert_bundle(fr).ok());
  auto all = store->load("wave");
  REQUIRE(all.ok());
  for (state::KnownSlot s : all->slots) {
    if (s.bundle_ref != kFr) continue;
    s.status = "cancelled";
    REQUIRE(store->upsert_slot(s).ok());
  }
  return std::move(*store);
}

int fr_slots(const state::KnownResources& known) {
  int n = 0;
  for (const auto& s : known.slots) n += s.bundle_ref == kFr;
  return n;
}

}  // namespace

TEST_CASE("a cancelled bundle's unposted videos are blocked with the reason and nothing is bought") {
  TempDir dir;
  const auto c = wave_campaign();
  auto store = banned_fr_store(dir, c);
  const int videos = fr_slots(*store.load("wave"));
  REQUIRE(videos > 0);

  Plan p = cancel_plan_of(c, store);
  const Blocked* fr = nullptr;
  for (const auto& b : p.blocked)
    if (b.target == kFr) fr = &b;
  REQUIRE(fr != nullptr);
  CHECK(fr->reason.find("cancelled") != std::string::npos);
  CHECK(fr->reason.find("is banned") != std::string::npos);
  CHECK(fr->remedy.find("on_cancel: replace") != std::string::npos);
  CHECK(static_cast<int>(fr->changes.size()) == videos);
  CHECK(count_kind(p, ActionKind::create_bundle) + count_kind(p, ActionKind::create_bundles_bulk) == 0);
  CHECK(p.totals.credits == 0);
  CHECK(p.actions.empty());
}

TEST_CASE("on_cancel: replace creates one replacement priced like any create, and moves the videos to it once") {
  TempDir dir;
  auto c = wave_campaign();
  auto store = banned_fr_store(dir, c);
  const int videos = fr_slots(*store.load("wave"));
  c.markets[2].on_cancel = manifest::OnCancel::replace;

  Plan p = cancel_plan_of(c, store);
  for (const auto& b : p.blocked) CHECK(b.target != kFr);
  const Action* create = p.find(std::string("create_bundle:") + kFr + "~r1");
  std::string seen;
  for (const auto& a : p.actions) seen += " " + a.id;
  for (const auto& b : p.blocked) seen += " blocked:" + b.target;
  REQUIRE_MESSAGE(create != nullptr, "no create_bundle for the replacement; plan:" << seen);
  REQUIRE(create->bundles.size() == 1);
  CHECK(create->bundles.front().videos_quantity == videos);
  CHECK(create->bundles.front().market == "FR");
  const CreditCosts& k = p.costs;
  CHECK(create->credits == k.account_creation + videos * k.video_slot + k.niche_warming);
  CHECK(p.totals.bundles_to_create == 1);
  int moved = 0;
  for (const auto& a : p.actions)
    if (a.kind == ActionKind::configure_videos)
      for (const auto& s : a.slots) moved += s.bundle_ref == std::string(kFr) + "~r1";
  CHECK(moved == videos);

  // Applied: the next plan buys nothing more and blocks nothing.
  REQUIRE(record_applied(store, p).ok());
  Plan again = cancel_plan_of(c, store);
  CHECK(count_kind(again, ActionKind::create_bundle) + count_kind(again, ActionKind::create_bundles_bulk) == 0);
  CHECK(again.totals.credits == 0);
  for (const auto& b : again.blocked) CHECK(b.target != kFr);
}
