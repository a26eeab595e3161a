#include <doctest/doctest.h>

#include "expand/campaign_fixture.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/expand/slot_dates.hpp"

using namespace ugc;
using namespace ugc::expand;
using namespace ugc::expand::testing;
using manifest::Platform;

namespace {

manifest::Campaign one_account(int videos) {
  auto c = glow_campaign();
  c.markets = {market("FR", "fr", {Platform::tiktok}, 1, 10)};
  c.videos.clear();
  for (int i = 1; i <= videos; ++i) c.videos.push_back(video("v" + std::to_string(i), "m1", {}, 40 + i));
  return c;
}

}  // namespace

TEST_CASE("without publish_on, dates spread per account: start + every_days * (position - 1)") {
  auto c = one_account(3);
  c.markets[0].accounts = 2;
  c.videos.push_back(video("v4", "m1", {}, 44));
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  // v1, v3 on account 1 (positions 1, 2); v2, v4 on account 2.
  CHECK(d->find_slot("glow-v1-FR-tiktok")->publish_date.str() == "2027-03-01");
  CHECK(d->find_slot("glow-v2-FR-tiktok")->publish_date.str() == "2027-03-01");
  CHECK(d->find_slot("glow-v3-FR-tiktok")->publish_date.str() == "2027-03-03");
  CHECK(d->find_slot("glow-v4-FR-tiktok")->publish_date.str() == "2027-03-03");
}

TEST_CASE("publish_on wins over the schedule") {
  auto c = one_account(2);
  c.videos[1].publish_on = day("2027-06-15");
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(d->find_slot("glow-v1-FR-tiktok")->publish_date.str() == "2027-03-01");
  CHECK(d->find_slot("glow-v2-FR-tiktok")->publish_date.str() == "2027-06-15");
}

TEST_CASE("no publish_on and no schedule is an error naming the video") {
  auto c = one_account(2);
  c.defaults.schedule.reset();
  c.videos[0].publish_on = day("2027-06-15");
  auto d = expand_campaign(c);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message().find("glow.yaml:42:3: video 'v2' has no publish_on and the campaign has no "
                                 "defaults.schedule") != std::string::npos);
  CHECK(d.error().message().find("'v1'") == std::string::npos);
}

TEST_CASE("check_slot_dates: three videos on a day in one bundle pass, a fourth is an error at the fourth") {
  auto c = one_account(5);
  for (auto& v : c.videos) v.publish_on = day("2027-04-01");
  c.videos[4].publish_on = day("2027-04-02");
  c.videos.pop_back();
  c.videos.pop_back();  // 3 videos on 2027-04-01
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(check_slot_dates(*d).empty());

  c = one_account(5);
  for (auto& v : c.videos) v.publish_on = day("2027-04-01");
  d = expand_campaign(c);
  REQUIRE(d.ok());
  auto diagnostics = check_slot_dates(*d);
  REQUIRE(diagnostics.size() == 1);
  const auto& diag = diagnostics[0];
  CHECK(diag.rule == "videos-per-day");
  CHECK(diag.severity == manifest::Severity::error);
  CHECK(diag.where.line == 44);  // v4, the first over the limit
  CHECK(diag.message.find("bundle glow-FR-tiktok-1 has 5 videos on 2027-04-01 (v1, v2, v3, v4, v5)") !=
        std::string::npos);
}

TEST_CASE("check_slot_dates counts per bundle: the same day on two accounts is fine") {
  auto c = one_account(6);
  c.markets[0].accounts = 2;
  for (auto& v : c.videos) v.publish_on = day("2027-04-01");
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(check_slot_dates(*d).empty());  // 3 + 3

  c.markets[0].accounts = 1;
  d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(check_slot_dates(*d).size() == 1);
}

TEST_CASE("check_slot_dates: a schedule with every_days 0 stacks every video on one day") {
  auto c = one_account(4);
  c.defaults.schedule->every_days = 0;
  auto d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(check_slot_dates(*d).size() == 1);
  c.defaults.schedule->every_days = 1;
  d = expand_campaign(c);
  REQUIRE(d.ok());
  CHECK(check_slot_dates(*d).empty());
}
