#include <doctest/doctest.h>

#include "expand/campaign_fixture.hpp"
#include "ugc/expand/desired_json.hpp"
#include "ugc/expand/expand.hpp"

using namespace ugc;
using namespace ugc::expand;
using namespace ugc::expand::testing;

TEST_CASE("JSON holds the campaign, every bundle with its account, every slot and media") {
  auto d = expand_campaign(glow_campaign());
  REQUIRE(d.ok());
  Json j = to_json(*d);
  CHECK(j["campaign"] == "glow");
  REQUIRE(j["bundles"].size() == d->bundles.size());
  REQUIRE(j["slots"].size() == d->slots.size());
  REQUIRE(j["media"].size() == 3);
  const Json& b = j["bundles"][0];
  CHECK(b["external_ref"] == "glow-US-tiktok-1");
  CHECK(b["platform"] == "tiktok");
  CHECK(b["index"] == 1);
  CHECK(b["videos_quantity"] == 4);
  CHECK(b["account"]["username"] == "glowlab.us1");
  CHECK(b["account"]["profile_picture_media"] == "profile_picture");
  const Json& s = j["slots"][0];
  CHECK(s["external_ref"] == "glow-review-US-tiktok");
  CHECK(s["bundle_ref"] == "glow-US-tiktok-1");
  CHECK(s["position"] == 1);
  CHECK(s["publish_date"] == "2027-03-01");
  CHECK(s["caption"] == "review: first week with it #review #ad");
  CHECK(j["media"][1]["url"] == "https://cdn.example.com/two.mp4");
  CHECK(j["moved"].is_array());
}
