#include <doctest/doctest.h>

#include <algorithm>

#include "expand/campaign_fixture.hpp"
#include "ugc/expand/account_profile.hpp"
#include "ugc/expand/expand.hpp"

using namespace ugc;
using namespace ugc::expand;
using namespace ugc::expand::testing;
using manifest::Platform;

namespace {

std::vector<std::string> bundle_refs(const DesiredResources& d) {
  std::vector<std::string> out;
  for (const auto& b : d.bundles) out.push_back(b.external_ref);
  return out;
}

}  // namespace

TEST_CASE("one bundle per market x platform x account, in file order, tiktok before instagram") {
  auto d = expand_campaign(glow_campaign());
  REQUIRE(d.ok());
  CHECK(d->campaign == "glow");
  CHECK(bundle_refs(*d) == std::vector<std::string>{"glow-US-tiktok-1", "glow-US-tiktok-2", "glow-US-instagram-1",
                                                    "glow-US-instagram-2", "glow-GB-tiktok-1", "glow-FR-tiktok-1",
                                                    "glow-DE-tiktok-1", "glow-DE-instagram-1"});
  const DesiredBundle* gb = d->find_bundle("glow-GB-tiktok-1");
  REQUIRE(gb != nullptr);
  CHECK(gb->market == "GB");  // written "UK" in the file; refs use the canonical code
  CHECK(gb->platform == Platform::tiktok);
  CHECK(gb->index == 1);
  CHECK(gb->videos_quantity == 4);
  CHECK(gb->niche_warming == "Lifestyle and product review content.");
}

TEST_CASE("one slot per video per market per platform the creator's rights allow") {
  auto d = expand_campaign(glow_campaign());
  REQUIRE(d.ok());
  std::vector<std::string> refs;
  for (const auto& s : d->slots) refs.push_back(s.external_ref);
  std::sort(refs.begin(), refs.end());
  // creator-02 (unboxing) has rights for US and GB on tiktok only.
  CHECK(refs == std::vector<std::string>{"glow-review-DE-instagram", "glow-review-DE-tiktok", "glow-review-FR-tiktok",
                                         "glow-review-GB-tiktok", "glow-review-US-instagram", "glow-review-US-tiktok",
                                         "glow-unboxing-GB-tiktok", "glow-unboxing-US-tiktok"});
  const DesiredSlot* s = d->find_slot("glow-review-FR-tiktok");
  REQUIRE(s != nullptr);
  CHECK(s->bundle_ref == "glow-FR-tiktok-1");
  CHECK(s->video_id == "review");
  CHECK(s->media == "m1");
  CHECK(s->caption == "review : ma premiere semaine #avis #ad");
}

TEST_CASE("slots are ordered by bundle, then position") {
  auto d = expand_campaign(glow_campaign());
  REQUIRE(d.ok());
  std::vector<std::pair<std::string, int>> order;
  for (const auto& s : d->slots) order.emplace_back(s.bundle_ref, s.position);
  CHECK(order == std::vector<std::pair<std::string, int>>{{"glow-US-tiktok-1", 1},
                                                          {"glow-US-tiktok-2", 1},
                                                          {"glow-US-instagram-1", 1},
                                                          {"glow-GB-tiktok-1", 1},
                                                          {"glow-GB-tiktok-1", 2},
                                                          {"glow-FR-tiktok-1", 1},
                                                          {"glow-DE-tiktok-1", 1},
                                                          {"glow-DE-instagram-1", 1}});
}

TEST_CASE("explicit video markets limit the slots and may use an alias") {
  auto c = glow_campaign();
  c.videos[0].markets = {"UK", "FR"};
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(d->find_slot("glow-review-GB-tiktok") != nullptr);
  CHECK(d->find_slot("glow-review-FR-tiktok") != nullptr);
  CHECK(d->find_slot("glow-review-US-tiktok") == nullptr);
  CHECK(d->find_slot("glow-review-DE-tiktok") == nullptr);
}

TEST_CASE("a listed market the rights do not cover, or that is not in the campaign, is an error naming both") {
  auto c = glow_campaign();
  c.videos[1].markets = {"FR", "JP"};
  auto d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().kind() == ErrorKind::invalid_input);
  const std::string& m = d.error().message();
  CHECK(m.find("glow.yaml:50:3: video 'unboxing' lists market FR but creator 'creator-02' granted rights for US, GB only") !=
        std::string::npos);
  CHECK(m.find("lists market 'JP', which is not under markets: (valid: US, GB, FR, DE)") != std::string::npos);
  CHECK(m.find("2 problems") != std::string::npos);
}

TEST_CASE("captions: a market key beats the language, an alias key counts as the market") {
  auto c = glow_campaign();
  c.videos[0].captions.by_key["UK"] = "review: my first week, British #ad";
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(d->find_slot("glow-review-GB-tiktok")->caption == "review: my first week, British #ad");
  CHECK(d->find_slot("glow-review-US-tiktok")->caption == "review: first week with it #review #ad");
}

TEST_CASE("a missing caption is an error naming the video, the market and the keys that would do") {
  auto c = glow_campaign();
  c.videos[0].captions.by_key.erase("de");
  auto d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message().find("glow.yaml:40:3: video 'review' has no caption for market DE (language de); add a "
                                 "'de' or 'DE' caption") != std::string::npos);
  // One line for the market, not one per platform.
  CHECK(d.error().message().find("1 problem)") != std::string::npos);
}

TEST_CASE("username pattern expands {market} lower-case, {platform} and {n}") {
  CHECK(expand_username("glowlab.{market}{n}", "US", Platform::tiktok, 2) == "glowlab.us2");
  CHECK(expand_username("{platform}_{market}_{n}", "GB", Platform::instagram, 10) == "instagram_gb_10");
  CHECK(expand_username("plain{x}", "US", Platform::tiktok, 1) == "plain{x}");
  CHECK(is_valid_username("glowlab.us2"));
  CHECK_FALSE(is_valid_username("glow lab"));
  CHECK_FALSE(is_valid_username(""));
  CHECK_FALSE(is_valid_username("a_very_long_username_over24"));
}

TEST_CASE("each bundle's account gets the expanded username and the localized profile") {
  auto d = expand_campaign(glow_campaign());
  REQUIRE(d.ok());
  const auto& us2 = d->find_bundle("glow-US-tiktok-2")->account;
  CHECK(us2.username == "glowlab.us2");
  CHECK(us2.visible_name == "Glow Lab");
  CHECK(us2.biography == "Honest reviews");
  CHECK(us2.profile_picture_media == "profile_picture");
  const auto& fr = d->find_bundle("glow-FR-tiktok-1")->account;
  CHECK(fr.username == "glowlab.fr1");
  CHECK(fr.visible_name == "Glow Lab France");
  CHECK(fr.biography == "Des avis");
}

TEST_CASE("a username that expands too long, or twice on one platform, is an error") {
  auto c = glow_campaign();
  c.accounts.username_pattern = "glowlab.reviews.{platform}.{market}{n}";
  auto d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message().find("gives 'glowlab.reviews.tiktok.us1' for US/tiktok account 1; a username must be "
                                 "1-24 characters") != std::string::npos);

  c.accounts.username_pattern = "glowlab.{market}";  // no {n}, US has 2 accounts
  d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message().find("gives 'glowlab.us' to both glow-US-tiktok-1 and glow-US-tiktok-2") !=
        std::string::npos);
}

TEST_CASE("a profile text with no entry for a market's language is an error") {
  auto c = glow_campaign();
  c.accounts.biography.by_key.erase("de");
  auto d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message().find("accounts.biography has no text for market DE (language de); add a 'de' or 'DE' "
                                 "key (present: en, fr)") != std::string::npos);
}

TEST_CASE("media: only what slots and accounts use, ordered by id, the profile picture as its own media") {
  auto d = expand_campaign(glow_campaign());
  REQUIRE(d.ok());
  REQUIRE(d->media.size() == 3);
  CHECK(d->media[0].id == "m1");
  CHECK(d->media[0].path == "/abs/media/one.mp4");
  CHECK(d->media[0].purpose == "video");
  CHECK(d->media[1].id == "m2");
  CHECK(d->media[1].url == "https://cdn.example.com/two.mp4");
  CHECK(d->media[2].id == "profile_picture");
  CHECK(d->media[2].purpose == "profile_picture");
  CHECK(d->media[2].sha256 == "bb22");
}
