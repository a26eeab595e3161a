#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "ugc/manifest/parse.hpp"

using namespace manifest_test;
using ugc::manifest::Platform;

TEST_CASE("the seed campaign parses into a typed Campaign") {
  auto outcome = ugc::manifest::parse_campaign_file(source("campaigns/ugc-wave-1.yaml"));
  INFO(dump(outcome.diagnostics));
  REQUIRE(outcome.campaign);
  const auto& c = *outcome.campaign;
  CHECK(c.id == "ugc-wave-1");
  CHECK(c.version == 1);
  REQUIRE(c.markets.size() == 4);
  CHECK(c.markets[0].code == "US");
  CHECK(c.markets[0].accounts == 2);
  CHECK(c.markets[0].platforms == std::vector<Platform>{Platform::tiktok, Platform::instagram});
  // UK is accepted as an alias of GB and remembered as written.
  CHECK(c.markets[1].code == "GB");
  CHECK(c.markets[1].key_as_written == "UK");
  CHECK(c.find_market("GB") == &c.markets[1]);
  CHECK(c.find_market("UK") == &c.markets[1]);
  REQUIRE(c.creators.size() == 2);
  CHECK(c.creators[1].rights.markets == std::vector<std::string>{"US", "GB"});
  CHECK(c.creators[0].rights.until.str() == "2027-12-31");
  CHECK(c.creators[0].disclosure == "#ad");
  // Local media is hashed; URL media passes through.
  const auto* review = c.find_media("creator-01-review");
  REQUIRE(review);
  CHECK(review->sha256.size() == 64);
  CHECK(review->path.find("campaigns/media/creator-01.mp4") != std::string::npos);
  const auto* routine = c.find_media("creator-01-routine");
  REQUIRE(routine);
  CHECK(routine->url.rfind("https://", 0) == 0);
  CHECK(routine->sha256.empty());
  CHECK(c.accounts.username_pattern == "glowlab.{market}{n}");
  CHECK(c.accounts.profile_picture_sha256.size() == 64);
  REQUIRE(c.defaults.schedule);
  CHECK(c.defaults.schedule->start.str() == "2027-03-01");
  CHECK(c.defaults.schedule->every_days == 2);
  CHECK(c.defaults.niche_warming.find("Lifestyle") == 0);
  REQUIRE(c.videos.size() >= 6);
  const auto& v = c.videos[0];
  CHECK(v.id == "review-week1");
  REQUIRE(v.publish_on);
  CHECK(v.publish_on->str() == "2027-03-01");
  CHECK(v.ignore_rules == std::vector<std::string>{"same-day-all-markets"});
  // A market key overrides its language.
  REQUIRE(v.captions.lookup("GB", "en"));
  CHECK(v.captions.lookup("GB", "en")->find("honestly") != std::string::npos);
  CHECK(v.captions.lookup("US", "en")->find("Creator review") == 0);
  CHECK(v.captions.where.at("fr").line > 0);
}

TEST_CASE("every example campaign is valid") {
  for (const char* file : {"campaigns/ugc-wave-1.yaml", "campaigns/dtc-launch.yaml"}) {
    auto outcome = ugc::manifest::parse_campaign_file(source(file));
    INFO(file << "\n" << dump(outcome.diagnostics));
    CHECK(outcome.campaign.has_value());
    CHECK(outcome.diagnostics.empty());
  }
}

TEST_CASE("an unknown key names file:line:column and the nearest known key") {
  std::string text = minimal_campaign();
  text.replace(text.find("    captions:"), 13, "    captoins:");
  auto outcome = parse_here(text);
  CHECK_FALSE(outcome.campaign);
  const auto* d = find_rule(outcome.diagnostics, "unknown-key");
  REQUIRE(d);
  CHECK(d->where.file == data("inline.yaml"));
  CHECK(d->where.line == 22);
  CHECK(d->where.column == 5);
  CHECK(d->message.find("did you mean 'captions'") != std::string::npos);
  CHECK(d->str().find("inline.yaml:22:5: error[unknown-key]") != std::string::npos);
}

TEST_CASE("several errors are reported in one run") {
  std::string text = minimal_campaign();
  text.replace(text.find("until: 2027-12-31"), 17, "until: 2026-02-30");
  text.replace(text.find("  FR: {language: fr"), 5, "  XX:");
  text.replace(text.find("accounts: 1, videos_per_account: 3}"), 11, "accounts: many");
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK_FALSE(outcome.campaign);
  const auto* date = find_rule(outcome.diagnostics, "bad-date");
  REQUIRE(date);
  CHECK(date->message.find("YYYY-MM-DD") != std::string::npos);
  CHECK(date->where.line == 5);
  const auto* market = find_rule(outcome.diagnostics, "unknown-market");
  REQUIRE(market);
  CHECK(market->message.find("US") != std::string::npos);
  CHECK(market->message.find("GB") != std::string::npos);
  CHECK(market->message.find("UK accepted") != std::string::npos);
  CHECK(find_rule(outcome.diagnostics, "bad-number"));
}

TEST_CASE("references to undefined creators, media and markets suggest the defined ones") {
  std::string text = minimal_campaign();
  text.replace(text.find("{creator: c1,"), 13, "{creator: c2,");
  text.replace(text.find("    media: clip"), 15, "    media: clpi");
  text += "    markets: [US, DE]\n";
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK(count_rule(outcome.diagnostics, "unknown-reference") == 3);
  bool media_hint = false, market_list = false;
  for (const auto& d : outcome.diagnostics) {
    media_hint = media_hint || d.message.find("did you mean 'clip'") != std::string::npos;
    market_list = market_list || d.message.find("campaign markets: US, FR") != std::string::npos;
  }
  CHECK(media_hint);
  CHECK(market_list);
}

TEST_CASE("platform values follow the TokPortal contract") {
  std::string text = minimal_campaign();
  text.replace(text.find("platforms: [tiktok], accounts: 1, videos_per_account: 3}\n  FR"), 19, "platforms: [youtube]");
  auto outcome = parse_here(text);
  const auto* d = find_rule(outcome.diagnostics, "unknown-platform");
  REQUIRE(d);
  CHECK(d->message.find("tiktok and instagram") != std::string::npos);
  CHECK(d->message.find("not orderable") != std::string::npos);
}

TEST_CASE("a caption for a market's language is required") {
  std::string text = minimal_campaign();
  text.replace(text.find(", fr: \"Semaine"), std::string(", fr: \"Semaine un avec le sérum #ad\"").size(), "");
  auto outcome = parse_here(text);
  const auto* d = find_rule(outcome.diagnostics, "caption-missing");
  REQUIRE(d);
  CHECK(d->message.find("market FR") != std::string::npos);
}

TEST_CASE("a video needs publish_on or a schedule, and slots to land in") {
  std::string text = minimal_campaign();
  text.replace(text.find("defaults:\n  schedule: {start: 2027-03-01, every_days: 2}\n"),
               std::string("defaults:\n  schedule: {start: 2027-03-01, every_days: 2}\n").size(), "");
  text.replace(text.find("videos_per_account: 3}\n  FR"), 21, "videos_per_account: 0");
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK(find_rule(outcome.diagnostics, "missing-date"));
  const auto* slots = find_rule(outcome.diagnostics, "not-enough-slots");
  REQUIRE(slots);
  CHECK(slots->message.find("raise videos_per_account to 1") != std::string::npos);
}

TEST_CASE("lint ignore accepts warning ids only") {
  std::string text = minimal_campaign() + "    lint: {ignore: [same-day-all-market, missing-disclosure]}\n";
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK(count_rule(outcome.diagnostics, "bad-ignore") == 2);
  bool hint = false;
  for (const auto& d : outcome.diagnostics) hint = hint || d.message.find("did you mean 'same-day-all-markets'") != std::string::npos;
  CHECK(hint);
}

TEST_CASE("load_campaign returns one error listing every problem") {
  auto r = ugc::manifest::load_campaign(data("rules/caption-not-localized.bad.yaml"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ugc::ErrorKind::invalid_input);
  CHECK(r.error().message().find("caption-not-localized") != std::string::npos);
  auto good = ugc::manifest::load_campaign(source("campaigns/ugc-wave-1.yaml"));
  CHECK(good.ok());
}

TEST_CASE("on_cancel is block by default, replace on request, and nothing else") {
  const std::string base = minimal_campaign();
  const std::string us = "platforms: [tiktok], accounts: 1, videos_per_account: 3}\n  FR";
  REQUIRE(base.find(us) != std::string::npos);
  auto plain = parse_here(base);
  REQUIRE(plain.campaign);
  CHECK(plain.campaign->markets.front().on_cancel == ugc::manifest::OnCancel::block);

  std::string text = base;
  text.replace(text.find(us), us.size(),
               "platforms: [tiktok], accounts: 1, videos_per_account: 3, on_cancel: replace}\n  FR");
  auto replace = parse_here(text);
  INFO(dump(replace.diagnostics));
  REQUIRE(replace.campaign);
  CHECK(replace.campaign->markets.front().on_cancel == ugc::manifest::OnCancel::replace);

  text = base;
  text.replace(text.find(us), us.size(),
               "platforms: [tiktok], accounts: 1, videos_per_account: 3, on_cancel: refund}\n  FR");
  auto bad = parse_here(text);
  const auto* d = find_rule(bad.diagnostics, "unknown-on-cancel");
  REQUIRE(d);
  CHECK(d->message.find("block or replace") != std::string::npos);
}
