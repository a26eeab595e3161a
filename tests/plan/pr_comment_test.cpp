// The markdown plan as a pull-request comment: a 20,000-slot campaign (the
// bench generator's) still fits GitHub's 65,536-character limit, opens with
// its figures, keeps every blocked change, and says what it leaves out and
// where the full plan is.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "campaign_generator.hpp"
#include "plan_fixture.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/caption_review.hpp"
#include "ugc/plan/render.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

// The generator's markets the manifest accepts (it lists 50 ISO codes).
int accepted_markets() {
  int n = 0;
  for (const auto& m : bench::generator_markets())
    if (manifest::canonical_market(m.code)) ++n; else break;
  return n;
}

Plan big_plan(const std::string& dir, int slots) {
  bench::GeneratorOptions gen;
  gen.markets = std::min(50, accepted_markets());
  gen.platforms = 2;
  gen.videos = (slots + 2 * gen.markets - 1) / (2 * gen.markets);
  const std::string file = dir + "/bench.yaml";
  std::ofstream(file) << bench::generate_campaign_yaml(gen);
  auto campaign = manifest::load_campaign(file);
  REQUIRE_MESSAGE(campaign.ok(), campaign.error().message());
  PlanInputs in = inputs_as_of("2027-02-01");
  in.campaign_file = file;
  in.campaign_sha256 = *sha256_file_hex(file);
  auto p = plan_campaign(*campaign, {}, in);
  REQUIRE_MESSAGE(p.ok(), p.error().message());
  return std::move(*p);
}

}  // namespace

TEST_CASE("pull-request comment: a 20,000-slot plan fits GitHub's limit with its totals and every blocked change") {
  TempDir dir;
  Plan p = big_plan(dir.path(), 20000);
  REQUIRE(p.totals.slots_to_configure >= 20000);
  for (int i = 1; i <= 25; ++i)
    p.blocked.push_back(Blocked{"blocked:bench-b" + std::to_string(i) + ":country", "bench-b" + std::to_string(i),
                                "the country of an existing bundle cannot change",
                                "keep the market, or move the bundle to a new account index",
                                {{"country", std::string("FR"), std::string("DE")}}});
  p.totals = compute_totals(p);
  const CaptionReview review = review_captions(p);
  RenderOptions options;
  options.captions = &review;
  options.max_bytes = kGitHubCommentLimit;
  options.full_plan_at = "plan.json";
  const std::string md = make_renderer(RenderFormat::markdown, options)->render(p);
  MESSAGE("markdown " << md.size() << " bytes for " << p.totals.slots_to_configure << " slots");

  CHECK(md.size() <= kGitHubCommentLimit);
  CHECK(md.rfind("### ugc plan: `bench`\n\n| credits |", 0) == 0);  // the figures come first
  CHECK(md.find("| **" + std::to_string(p.totals.credits) + "** |") != std::string::npos);
  CHECK(md.find(std::to_string(p.totals.slots_to_configure) + " slots to configure") != std::string::npos);
  CHECK(md.find("**! 25 changes are blocked") != std::string::npos);
  for (int i = 1; i <= 25; ++i) CHECK(md.find("**`bench-b" + std::to_string(i) + "`**") != std::string::npos);
  CHECK(md.find("This comment is shortened") != std::string::npos);
  CHECK(md.find("more videos not shown here: the full plan is at plan.json") != std::string::npos);
  CHECK(md.find("more actions not shown here") != std::string::npos);
  // Shortened, but still one caption table at least: reviewers see copy.
  CHECK(md.find("| market | language | date | caption | lint |") != std::string::npos);
  // Every <details> it opens, it closes.
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = md.find(what); at != std::string::npos; at = md.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count("<details") == count("</details>"));

  // Without a limit the same plan is far over it: the limit did the work.
  RenderOptions unlimited = options;
  unlimited.max_bytes = 0;
  CHECK(make_renderer(RenderFormat::markdown, unlimited)->render(p).size() > 4 * kGitHubCommentLimit);
}

TEST_CASE("pull-request comment: a plan under the limit is never shortened") {
  auto p = plan_campaign(wave_campaign(), {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  RenderOptions limited;
  limited.max_bytes = kGitHubCommentLimit;
  const std::string md = make_renderer(RenderFormat::markdown, limited)->render(*p);
  CHECK(md == make_renderer(RenderFormat::markdown, false)->render(*p));
  CHECK(md.find("shortened") == std::string::npos);
}
