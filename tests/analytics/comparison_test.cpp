// The comparison's figures on hand-made snapshots: medians, averages, the
// change against the previous snapshot, posts an account no longer reports,
// --since, engagement rate, and the three formats carrying the same numbers.
#include <doctest/doctest.h>

#include "ugc/analytics/comparison.hpp"
#include "ugc/analytics/comparison_format.hpp"
#include "ugc/core/json.hpp"

using namespace ugc::analytics;
using ugc::Json;

namespace {

PostMetrics snap(const std::string& slot, const std::string& bundle, const std::string& market,
                 const std::string& at, std::int64_t views, std::int64_t likes = 0) {
  PostMetrics p;
  p.slot_ref = slot;
  p.bundle_ref = bundle;
  p.campaign = "c";
  p.market = market;
  p.platform = "tiktok";
  p.creator = "ana";
  p.video = slot;
  p.scraped_at = at;
  p.views = views;
  p.likes = likes;
  return p;
}

const ComparisonRow& row(const Comparison& c, const std::string& key) {
  for (const auto& r : c.rows)
    if (r.key == key) return r;
  FAIL("no row " << key);
  return c.all;
}

}  // namespace

TEST_CASE("comparison: totals, medians, averages and the change since the previous snapshot") {
  std::vector<PostMetrics> s = {
      snap("a", "US-1", "US", "2027-03-01T12:00:00Z", 100), snap("b", "US-1", "US", "2027-03-01T12:00:00Z", 10),
      snap("a", "US-1", "US", "2027-03-03T12:00:00Z", 150), snap("b", "US-1", "US", "2027-03-03T12:00:00Z", 30),
      snap("c", "US-1", "US", "2027-03-03T12:00:00Z", 5),   // first seen now: counted from 0
      snap("d", "FR-1", "FR", "2027-03-03T12:00:00Z", 400),
  };
  Comparison c = compare("c", s, {GroupBy::market, Metric::views, std::nullopt});
  REQUIRE(c.rows.size() == 2);
  CHECK(c.rows[0].key == "FR");  // ranked by total
  CHECK(c.rows[0].rank == 1);
  const auto& us = row(c, "US");
  CHECK(us.posts == 3);
  CHECK(us.total == 185);
  CHECK(us.median == 30);
  CHECK(us.average == doctest::Approx(61.67));
  CHECK(us.change == (150 - 100) + (30 - 10) + 5);
  CHECK(c.all.posts == 4);
  CHECK(c.all.total == 585);
  CHECK(c.all.median == doctest::Approx(90));  // (30 + 150) / 2
}

TEST_CASE("comparison: a post its account no longer reports keeps its figures and has not changed") {
  // Bundle US-1's account was banned and remade: post a (old account) is not
  // in the new account's scrape of 03-05; post e is.
  std::vector<PostMetrics> s = {
      snap("a", "US-1", "US", "2027-03-01T12:00:00Z", 100), snap("a", "US-1", "US", "2027-03-03T12:00:00Z", 120),
      snap("e", "US-1", "US", "2027-03-05T12:00:00Z", 70),
  };
  Comparison c = compare("c", s, {GroupBy::market, Metric::views, std::nullopt});
  const auto& us = row(c, "US");
  CHECK(us.total == 190);
  CHECK(us.change == 70);  // not 70 + 20
  CHECK(us.oldest_scraped_at == "2027-03-03T12:00:00Z");
  CHECK(us.newest_scraped_at == "2027-03-05T12:00:00Z");
}

TEST_CASE("comparison: --since measures growth from the last snapshot before that time") {
  std::vector<PostMetrics> s = {
      snap("a", "US-1", "US", "2027-03-01T12:00:00Z", 100), snap("a", "US-1", "US", "2027-03-03T12:00:00Z", 150),
      snap("a", "US-1", "US", "2027-03-05T12:00:00Z", 175),
  };
  auto since = parse_timestamp("2027-03-02");
  REQUIRE(since);
  Comparison c = compare("c", s, {GroupBy::market, Metric::views, since});
  CHECK(row(c, "US").change == 75);
  auto before_all = parse_timestamp("2027-02-01");
  CHECK(row(compare("c", s, {GroupBy::market, Metric::views, before_all}), "US").change == 175);
}

TEST_CASE("comparison: engagement rate is the group's rate, its median and mean over the posts' rates") {
  std::vector<PostMetrics> s = {
      snap("a", "US-1", "US", "2027-03-01T12:00:00Z", 100, 10),  // 10 %
      snap("b", "US-1", "US", "2027-03-01T12:00:00Z", 300, 60),  // 20 %
  };
  Comparison c = compare("c", s, {GroupBy::market, Metric::engagement_rate, std::nullopt});
  const auto& us = row(c, "US");
  CHECK(us.total == doctest::Approx(17.5));  // 70 / 400
  CHECK(us.median == doctest::Approx(15));
  CHECK(us.average == doctest::Approx(15));
  CHECK(us.change == doctest::Approx(17.5));  // from nothing
}

TEST_CASE("comparison: caption groups are video/variant, a single caption is the video alone") {
  PostMetrics a = snap("a", "US-1", "US", "2027-03-01T12:00:00Z", 1);
  a.video = "routine";
  a.caption_variant = "en";
  PostMetrics b = snap("b", "US-1", "US", "2027-03-01T12:00:00Z", 1);
  b.video = "unboxing";
  CHECK(group_key(a, GroupBy::caption) == "routine/en");
  CHECK(group_key(b, GroupBy::caption) == "unboxing");
  b.creator = "";
  CHECK(group_key(b, GroupBy::creator) == "(unknown)");
}

TEST_CASE("comparison formats: table, CSV and JSON carry the same rows and numbers and the data's age") {
  std::vector<PostMetrics> s = {
      snap("a", "US-1", "US", "2027-03-01T12:00:00Z", 100), snap("b", "US-1", "US", "2027-03-01T12:00:00Z", 11),
      snap("a", "US-1", "US", "2027-03-03T12:00:00Z", 150), snap("d", "FR-1", "FR,x", "2027-03-03T12:00:00Z", 400),
  };
  Comparison c = compare("c", s, {GroupBy::market, Metric::views, std::nullopt});
  auto now = parse_timestamp("2027-03-03T15:30:00Z");
  const std::string table = render_comparison(c, ComparisonFormat::table, now);
  CHECK(table.find("Data scraped 2027-03-01T12:00:00Z to 2027-03-03T12:00:00Z (oldest 2 d 3 h old)") !=
        std::string::npos);
  CHECK(table.find("80.50") != std::string::npos);  // US median of 150 and 11
  CHECK(table.find("+50") != std::string::npos);     // US change: a grew by 50; b not in the latest scrape

  const std::string csv = render_comparison(c, ComparisonFormat::csv, now);
  CHECK(csv.rfind("rank,market,posts,total,median,average,change,oldest_scraped_at,newest_scraped_at\n", 0) == 0);
  CHECK(csv.find("1,\"FR,x\",1,400,400.00,400.00,400,") != std::string::npos);  // quoted key
  CHECK(csv.find("2,US,2,161,80.50,80.50,50,") != std::string::npos);
  CHECK(csv.find(",(all),3,561,") != std::string::npos);

  Json doc = Json::parse(render_comparison(c, ComparisonFormat::json, now));
  CHECK(doc["rows"].size() == 2);
  CHECK(doc["rows"][1]["total"] == 161);
  CHECK(doc["rows"][1]["median"] == 80.5);
  CHECK(doc["rows"][1]["change"] == 50);
  CHECK(doc["data"]["oldest_scraped_at"] == "2027-03-01T12:00:00Z");
  CHECK(doc["data"]["age_seconds"] == 2 * 86400 + 3 * 3600 + 1800);
  CHECK(doc["all"]["posts"] == 3);
}

TEST_CASE("timestamps: ISO 8601 with Z, offsets and fractions, dates and HTTP dates name one instant") {
  auto z = parse_timestamp("2027-03-01T12:00:00Z");
  REQUIRE(z);
  CHECK(parse_timestamp("2027-03-01T13:00:00+01:00") == z);
  CHECK(parse_timestamp("2027-03-01T12:00:00.250Z") == z);
  CHECK(parse_timestamp("Mon, 01 Mar 2027 12:00:00 GMT") == z);
  CHECK(iso_utc(*z) == "2027-03-01T12:00:00Z");
  CHECK(parse_timestamp("2027-03-01") < z);
  CHECK_FALSE(parse_timestamp("2027-02-30"));
  CHECK_FALSE(parse_timestamp("yesterday"));
  CHECK_FALSE(parse_timestamp("2027-03-01T12:00:00+1"));
}
