// `moved:` entries written with the ids users rename: video ids, market keys,
// creator ids, and full external_refs.
#include <doctest/doctest.h>

#include "expand/campaign_fixture.hpp"
#include "ugc/expand/expand.hpp"

using ugc::expand::assignment_of;
using ugc::expand::DesiredResources;
using ugc::expand::DesiredSlot;
using ugc::expand::expand_campaign;
using ugc::expand::testing::at;
using ugc::expand::testing::glow_campaign;

namespace {

std::string expand_error(const ugc::manifest::Campaign& c) {
  auto r = expand_campaign(c);
  REQUIRE_FALSE(r.ok());
  return r.error().message();
}

}  // namespace

TEST_CASE("moved by video id: every slot of the renamed video keeps its place and date") {
  auto c = glow_campaign();
  auto before = expand_campaign(c);
  REQUIRE(before.ok());
  c.videos[0].id = "first-look";
  c.videos.insert(c.videos.begin(), ugc::expand::testing::video("teaser", "m1", {"US"}, 30));  // would take places
  c.moved = {ugc::manifest::Move{"review", "first-look", at(90)}};
  auto after = expand_campaign(c, assignment_of(*before));
  REQUIRE(after.ok());
  int renamed = 0;
  for (const DesiredSlot& old : before->slots) {
    if (old.video_id != "review") continue;
    std::string now_ref = old.external_ref;
    now_ref.replace(now_ref.find("-review-"), 8, "-first-look-");
    CAPTURE(now_ref);
    const DesiredSlot* now = after->find_slot(now_ref);
    REQUIRE(now != nullptr);
    CHECK(now->bundle_ref == old.bundle_ref);
    CHECK(now->position == old.position);
    CHECK(now->publish_date == old.publish_date);
    ++renamed;
  }
  CHECK(renamed >= 4);  // US tiktok+instagram, GB, FR, DE x2
  REQUIRE(after->moved.size() == static_cast<std::size_t>(renamed));
  for (const auto& m : after->moved) {
    CHECK(m.from.find("glow-review-") == 0);
    CHECK(m.to.find("glow-first-look-") == 0);
  }
}

TEST_CASE("moved by market key: the market's bundles and slots are renamed from the old code") {
  auto c = glow_campaign();
  c.markets[2].code = "BE";  // FR -> BE, same language
  c.markets[2].key_as_written = "BE";
  c.creators[0].rights.markets.push_back("BE");
  c.moved = {ugc::manifest::Move{"FR", "BE", at(90)}};
  auto r = expand_campaign(c);
  REQUIRE(r.ok());
  bool bundle = false, slot = false;
  for (const auto& m : r->moved) {
    bundle = bundle || (m.from == "glow-FR-tiktok-1" && m.to == "glow-BE-tiktok-1");
    slot = slot || (m.from == "glow-review-FR-tiktok" && m.to == "glow-review-BE-tiktok");
  }
  CHECK(bundle);
  CHECK(slot);
}

TEST_CASE("moved by creator id or full external_ref is accepted") {
  auto c = glow_campaign();
  c.creators[0].id = "creator-one";
  c.media[0].creator = "creator-one";
  c.moved = {ugc::manifest::Move{"creator-01", "creator-one", at(90)},
             ugc::manifest::Move{"glow-old-US-tiktok", "glow-review-US-tiktok", at(91)}};
  auto r = expand_campaign(c);
  REQUIRE(r.ok());
  REQUIRE(r->moved.size() == 1);  // external_refs do not name creators
  CHECK(r->moved[0].from == "glow-old-US-tiktok");
}

TEST_CASE("moved: an entry that names nothing is an error that suggests the nearest id") {
  auto c = glow_campaign();
  c.moved = {ugc::manifest::Move{"teaser", "reveiw", at(90)}};
  std::string message = expand_error(c);
  CHECK(message.find("glow.yaml:90:3") != std::string::npos);
  CHECK(message.find("'reveiw' is not a video id, market key, creator id or external_ref") != std::string::npos);
  CHECK(message.find("did you mean 'review'?") != std::string::npos);
}

TEST_CASE("moved: an old id still in the file is an error") {
  auto c = glow_campaign();
  c.moved = {ugc::manifest::Move{"unboxing", "review", at(90)}};
  std::string message = expand_error(c);
  CHECK(message.find("video 'unboxing' is still in the file") != std::string::npos);
}
