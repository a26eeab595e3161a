// Captions for review (plan/caption_review.hpp) and how the text and markdown
// plans show them: grouped by video, every market's localization side by
// side with its language and dates, changed captions as word diffs, lint
// findings beside the caption they are about.
#include <doctest/doctest.h>

#include "plan_fixture.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/plan/caption_review.hpp"
#include "ugc/plan/render.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

const Localization* localization(const VideoCaptions& v, const std::string& market) {
  for (const auto& l : v.localizations)
    if (l.market == market) return &l;
  return nullptr;
}

const VideoCaptions* video_of(const CaptionReview& r, const std::string& id) {
  for (const auto& v : r.videos)
    if (v.video == id) return &v;
  return nullptr;
}

std::vector<manifest::LintFinding> lint_of(const manifest::Campaign& c) {
  return manifest::lint_campaign_findings(c, manifest::LintOptions{});
}

}  // namespace

TEST_CASE("captions review: new slots are grouped by video with every market side by side") {
  const auto campaign = wave_campaign();
  auto p = plan_campaign(campaign, {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  const CaptionReview review = review_captions(*p, &campaign, lint_of(campaign));
  REQUIRE(review.videos.size() == 2);
  CHECK(review.videos[0].video == "review");  // the campaign's order
  const VideoCaptions& v = review.videos[0];
  REQUIRE(v.localizations.size() == 3);
  CHECK(v.localizations[0].market == "US");  // the campaign's market order
  CHECK(v.localizations[1].market == "GB");
  CHECK(v.localizations[2].market == "FR");
  const Localization* us = localization(v, "US");
  REQUIRE(us);
  CHECK(us->language == "en");
  CHECK_FALSE(us->before.has_value());
  CHECK(us->caption == "review: my first week with the product, honest review #review #ad");
  REQUIRE(us->posts.size() == 2);  // tiktok and instagram post the same caption
  CHECK(us->posts[0].platform != us->posts[1].platform);
  CHECK(localization(v, "FR")->language == "fr");
  CHECK(localization(v, "FR")->caption.find("ma premiere semaine") != std::string::npos);
  CHECK(review.new_captions == 6);
  CHECK(review.changed_captions == 0);

  const std::string text = make_renderer(RenderFormat::text, RenderOptions{false, &review, 0, ""})->render(*p);
  const auto at = text.find("Captions to review (2 videos: 6 new, 0 changed");
  REQUIRE(at != std::string::npos);
  const auto us_line = text.find("    US en  ", at);
  const auto gb_line = text.find("    GB en  ", at);
  const auto fr_line = text.find("    FR fr  ", at);
  REQUIRE(us_line != std::string::npos);
  CHECK(us_line < gb_line);
  CHECK(gb_line < fr_line);
  CHECK(fr_line < text.find("  unboxing\n", at));  // one video's markets together, then the next video
  CHECK(text.find("      + review: my first week with the product, honest review #review #ad", at) != std::string::npos);

  const std::string md = make_renderer(RenderFormat::markdown, RenderOptions{false, &review, 0, ""})->render(*p);
  CHECK(md.find("| market | language | date | caption | lint |") != std::string::npos);
  CHECK(md.find("| FR | fr | 2027-03-01 tiktok | `review : ma premiere semaine avec le produit #avis #ad` |") !=
        std::string::npos);
}

TEST_CASE("captions review: lint findings sit beside the caption of the market they are about") {
  auto campaign = wave_campaign();
  campaign.videos[0].captions.by_key["fr"] = "review : vues garanties avec le produit #avis";  // no #ad, a promise
  auto p = plan_campaign(campaign, {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  const auto lint = lint_of(campaign);
  const CaptionReview review = review_captions(*p, &campaign, lint);
  const VideoCaptions* v = video_of(review, "review");
  REQUIRE(v);
  const Localization* fr = localization(*v, "FR");
  REQUIRE(fr);
  std::vector<std::string> rules;
  for (const auto& f : fr->findings) rules.push_back(f.rule);
  CHECK(std::find(rules.begin(), rules.end(), "missing-disclosure") != rules.end());
  CHECK(std::find(rules.begin(), rules.end(), "promises-reach") != rules.end());
  CHECK(localization(*v, "US")->findings.empty());
  CHECK(review.errors >= 1);

  const std::string text = make_renderer(RenderFormat::text, RenderOptions{false, &review, 0, ""})->render(*p);
  const auto fr_line = text.find("    FR fr  ");
  REQUIRE(fr_line != std::string::npos);
  const auto finding = text.find("! error[missing-disclosure]: caption for market FR lacks", fr_line);
  REQUIRE(finding != std::string::npos);
  CHECK(finding < text.find("  unboxing\n", fr_line));  // under FR's caption, before the next video

  const std::string md = make_renderer(RenderFormat::markdown, RenderOptions{false, &review, 0, ""})->render(*p);
  const auto row = md.find("| FR | fr |");
  REQUIRE(row != std::string::npos);
  const std::string fr_row = md.substr(row, md.find('\n', row) - row);
  CHECK(fr_row.find("`missing-disclosure`") != std::string::npos);
  CHECK(fr_row.find("vues garanties") != std::string::npos);
  CHECK(md.find("lint: 1 error") != std::string::npos);
}

TEST_CASE("captions review: a changed caption shows what it was, as a word diff") {
  TempDir dir;
  auto store = open_store(dir.file("state.db"));
  REQUIRE(store.ok());
  auto campaign = wave_campaign();
  auto first = plan_campaign(campaign, {}, inputs_as_of("2027-02-01"));
  REQUIRE(first.ok());
  REQUIRE(record_applied(*store, *first).ok());
  campaign.videos[1].captions.by_key["en"] = "unboxing: my second week with the product, honest review #review #ad";
  auto known = store->load("wave");
  REQUIRE(known.ok());
  auto second = plan_campaign(campaign, *known, inputs_as_of("2027-02-01"));
  REQUIRE(second.ok());
  const CaptionReview review = review_captions(*second, &campaign);
  REQUIRE(review.videos.size() == 1);  // only the video whose copy changed
  CHECK(review.videos[0].video == "unboxing");
  CHECK(review.new_captions == 0);
  CHECK(review.changed_captions == 2);  // US and GB (en); FR keeps its own caption
  const Localization* us = localization(review.videos[0], "US");
  REQUIRE(us);
  REQUIRE(us->before.has_value());
  CHECK(us->before->find("my first week") != std::string::npos);

  const std::string text = make_renderer(RenderFormat::text, RenderOptions{false, &review, 0, ""})->render(*second);
  CHECK(text.find("      ~ unboxing: my [-first-] {+second+} week") != std::string::npos);
  const std::string md = make_renderer(RenderFormat::markdown, RenderOptions{false, &review, 0, ""})->render(*second);
  CHECK(md.find("| US (changed) | en |") != std::string::npos);
  CHECK(md.find("<del>`first`</del> <ins>`second`</ins>") != std::string::npos);
}

TEST_CASE("captions review: without a campaign the plan alone gives markets and captions, no languages") {
  auto p = plan_campaign(wave_campaign(), {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  const CaptionReview review = review_captions(*p);
  REQUIRE(video_of(review, "unboxing"));
  const Localization* gb = localization(*video_of(review, "unboxing"), "GB");
  REQUIRE(gb);
  CHECK(gb->language.empty());
  CHECK(gb->posts.at(0).platform == "tiktok");
  // The plain renderers build it themselves.
  CHECK(make_renderer(RenderFormat::text, false)->render(*p).find("Captions to review (2 videos") != std::string::npos);
}

TEST_CASE("captions review: markdown keeps a caption's pipes, backticks and line breaks inside its table cell") {
  auto campaign = wave_campaign();
  campaign.videos[0].captions.by_key["en"] = "a | b `c`\nnext line #review #ad";
  auto p = plan_campaign(campaign, {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  const CaptionReview review = review_captions(*p, &campaign);
  const std::string md = make_renderer(RenderFormat::markdown, RenderOptions{false, &review, 0, ""})->render(*p);
  const auto row = md.find("| US | en |");
  REQUIRE(row != std::string::npos);
  const std::string us_row = md.substr(row, md.find('\n', row) - row);
  CHECK(us_row.find("`a \\| b 'c'⏎next line #review #ad`") != std::string::npos);
  // Five cells: the escaped pipe did not add one.
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < us_row.size(); ++i) pipes += us_row[i] == '|' && (i == 0 || us_row[i - 1] != '\\');
  CHECK(pipes == 6);
}
