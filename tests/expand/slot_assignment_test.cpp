#include <doctest/doctest.h>

#include "expand/campaign_fixture.hpp"
#include "ugc/expand/desired_json.hpp"
#include "ugc/expand/expand.hpp"

using namespace ugc;
using namespace ugc::expand;
using namespace ugc::expand::testing;
using manifest::Platform;

namespace {

// Every slot of `before` sits at the same place in `after`.
void check_nothing_moved(const DesiredResources& before, const DesiredResources& after) {
  for (const auto& slot : before.slots) {
    CAPTURE(slot.external_ref);
    const DesiredSlot* now = after.find_slot(slot.external_ref);
    REQUIRE(now != nullptr);
    CHECK(now->bundle_ref == slot.bundle_ref);
    CHECK(now->position == slot.position);
    CHECK(now->publish_date == slot.publish_date);
  }
}

manifest::Campaign us_only(int accounts, int per_account, int videos) {
  auto c = glow_campaign();
  c.markets = {market("US", "en", {Platform::tiktok}, accounts, per_account)};
  c.videos.clear();
  for (int i = 1; i <= videos; ++i) c.videos.push_back(video("v" + std::to_string(i), "m1", {}, 40 + i));
  return c;
}

}  // namespace

TEST_CASE("expanding twice gives identical output") {
  auto c = glow_campaign();
  auto a = expand_campaign(c);
  auto b = expand_campaign(c);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(to_json(*a).dump() == to_json(*b).dump());
  // And with its own assignment as the previous one, nothing changes either.
  auto again = expand_campaign(c, assignment_of(*a));
  REQUIRE(again.ok());
  CHECK(to_json(*again).dump() == to_json(*a).dump());
}

TEST_CASE("new slots go to the bundle with the most free positions, ties to the lowest n") {
  auto d = expand_campaign(us_only(3, 4, 7));
  REQUIRE(d.ok());
  auto place = [&](const char* video) {
    const DesiredSlot* s = d->find_slot(std::string("glow-") + video + "-US-tiktok");
    REQUIRE(s != nullptr);
    return s->bundle_ref.substr(s->bundle_ref.size() - 1) + ":" + std::to_string(s->position);
  };
  // Round robin over accounts 1, 2, 3, each at its lowest free position.
  CHECK(place("v1") == "1:1");
  CHECK(place("v2") == "2:1");
  CHECK(place("v3") == "3:1");
  CHECK(place("v4") == "1:2");
  CHECK(place("v7") == "1:3");
}

TEST_CASE("adding a video at the end leaves every existing slot where it was") {
  auto c = glow_campaign();
  auto before = expand_campaign(c);
  REQUIRE(before.ok());
  c.videos.push_back(video("tutorial", "m1", {}, 60));
  auto after = expand_campaign(c, assignment_of(*before));
  REQUIRE(after.ok());
  check_nothing_moved(*before, *after);
  CHECK(after->slots.size() == before->slots.size() + 6);
  // US tiktok had account 1 and 2 at one slot each: the tie goes to account 1.
  CHECK(after->find_slot("glow-tutorial-US-tiktok")->bundle_ref == "glow-US-tiktok-1");
  CHECK(after->find_slot("glow-tutorial-US-tiktok")->position == 2);
}

TEST_CASE("adding a video in the middle of the list leaves every existing slot where it was") {
  auto c = us_only(2, 5, 6);
  auto before = expand_campaign(c);
  REQUIRE(before.ok());
  c.videos.insert(c.videos.begin() + 2, video("inserted", "m1", {}, 99));
  c.videos.insert(c.videos.begin(), video("first", "m1", {}, 98));
  auto after = expand_campaign(c, assignment_of(*before));
  REQUIRE(after.ok());
  check_nothing_moved(*before, *after);
  // Without the previous assignment the new videos would have taken earlier
  // places and pushed others along: the test above is not vacuous.
  auto fresh = expand_campaign(c);
  REQUIRE(fresh.ok());
  auto place = [](const DesiredResources& d, const char* ref) {
    const DesiredSlot* s = d.find_slot(ref);
    return s->bundle_ref + "#" + std::to_string(s->position);
  };
  CHECK(place(*fresh, "glow-v1-US-tiktok") != place(*before, "glow-v1-US-tiktok"));
  // The two new ones fill the free positions: 3 slots each before, now 4 each.
  CHECK(after->find_slot("glow-inserted-US-tiktok")->position == 4);
  CHECK(after->find_slot("glow-first-US-tiktok")->position == 4);
  CHECK(after->find_slot("glow-inserted-US-tiktok")->bundle_ref != after->find_slot("glow-first-US-tiktok")->bundle_ref);
}

TEST_CASE("a removed video keeps its place taken, a new video does not land on it") {
  auto c = us_only(1, 3, 3);
  auto before = expand_campaign(c);
  REQUIRE(before.ok());
  c.videos.erase(c.videos.begin());  // v1 held position 1
  c.videos.push_back(video("v4", "m1", {}, 70));
  auto after = expand_campaign(c, assignment_of(*before));
  REQUIRE_FALSE(after.ok());  // positions 1-3 are all still held
  CHECK(after.error().message().find("no free slot for video 'v4' in US/tiktok: 1 accounts x 3 videos_per_account = 3 "
                                     "slots, 3 taken, 4 needed") != std::string::npos);
  // Once the state forgets v1 (the planner released it), its position is free.
  auto previous = assignment_of(*before);
  previous.erase("glow-v1-US-tiktok");
  after = expand_campaign(c, previous);
  REQUIRE(after.ok());
  CHECK(after->find_slot("glow-v4-US-tiktok")->position == 1);
}

TEST_CASE("a renamed video declared in moved: keeps its place") {
  auto c = us_only(2, 3, 4);
  auto before = expand_campaign(c);
  REQUIRE(before.ok());
  c.videos[2].id = "v3-renamed";
  c.moved = {manifest::Move{"glow-v3-US-tiktok", "glow-v3-renamed-US-tiktok", at(80)}};
  c.videos.insert(c.videos.begin(), video("v0", "m1", {}, 39));
  auto after = expand_campaign(c, assignment_of(*before));
  REQUIRE(after.ok());
  const DesiredSlot* old_place = before->find_slot("glow-v3-US-tiktok");
  const DesiredSlot* renamed = after->find_slot("glow-v3-renamed-US-tiktok");
  REQUIRE(renamed != nullptr);
  CHECK(renamed->bundle_ref == old_place->bundle_ref);
  CHECK(renamed->position == old_place->position);
  REQUIRE(after->moved.size() == 1);
}

TEST_CASE("a previous place that no longer exists is replaced, not kept") {
  auto c = us_only(2, 3, 4);
  auto previous = SlotAssignment{{"glow-v1-US-tiktok", {"glow-US-tiktok-9", 1}},      // no such bundle
                                 {"glow-v2-US-tiktok", {"glow-US-tiktok-1", 7}},      // beyond 3 slots
                                 {"glow-v3-US-tiktok", {"glow-US-tiktok-2", 3}}};     // fine
  auto d = expand_campaign(c, previous);
  REQUIRE(d.ok());
  CHECK(d->find_slot("glow-v3-US-tiktok")->bundle_ref == "glow-US-tiktok-2");
  CHECK(d->find_slot("glow-v3-US-tiktok")->position == 3);
  CHECK(d->find_slot("glow-v1-US-tiktok")->bundle_ref == "glow-US-tiktok-1");
  CHECK(d->find_slot("glow-v1-US-tiktok")->position == 1);
  for (const auto& s : d->slots) CHECK(s.position <= 3);
}

TEST_CASE("more slots than a market x platform has is one error naming it, its capacity and the video") {
  auto c = us_only(2, 2, 6);
  auto d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().kind() == ErrorKind::invalid_input);
  CHECK(d.error().message().find("glow.yaml:45:3: no free slot for video 'v5' in US/tiktok: 2 accounts x 2 "
                                 "videos_per_account = 4 slots, 4 taken, 6 needed; raise accounts or "
                                 "videos_per_account of market US") != std::string::npos);
  CHECK(d.error().message().find("1 problem)") != std::string::npos);
}
