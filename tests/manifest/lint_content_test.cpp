// lint_content(): the content rules' findings, computed once (load_campaign)
// and reused by a later lint with dates (plan's caption review), which then
// runs only the date rules and reports exactly what a whole lint reports.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/load_campaign.hpp"
#include "ugc/manifest/parse.hpp"

using namespace manifest_test;
using namespace ugc::manifest;

namespace {

// Content and date findings on several videos, so that the order of the two
// kinds can be wrong.
const std::string kMixedFindings = data("content-and-dates.yaml");

std::vector<std::string> lines(const std::vector<LintFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(f.diagnostic.str() + " | " + f.video + " | " + f.market + " | " + f.detail);
  return out;
}

bool has_rule(const std::vector<LintFinding>& findings, const std::string& rule) {
  for (const auto& f : findings)
    if (f.diagnostic.rule == rule) return true;
  return false;
}

LintOptions as_of_march_10() {
  LintOptions options;
  options.as_of = *ugc::CivilDate::parse("2027-03-10");
  return options;
}

}  // namespace

TEST_CASE("lint with content findings given reports what a whole lint does, in the same order") {
  auto outcome = parse_campaign_file(kMixedFindings);
  REQUIRE_MESSAGE(outcome.campaign, dump(outcome.diagnostics));
  const LintOptions options = as_of_march_10();
  const auto whole = lint_campaign_findings(*outcome.campaign, options);
  for (const char* rule :
       {"promises-reach", "identical-caption", "publish-lead-time", "same-day-all-markets", "too-many-posts-per-day"})
    CHECK_MESSAGE(has_rule(whole, rule), rule);
  CHECK(lines(lint_campaign_findings(*outcome.campaign, options, lint_content(*outcome.campaign))) == lines(whole));
  // Without dates too (load_campaign's lint).
  CHECK(lines(lint_campaign_findings(*outcome.campaign, LintOptions{}, lint_content(*outcome.campaign))) ==
        lines(lint_campaign_findings(*outcome.campaign, LintOptions{})));
}

TEST_CASE("lint with content findings given runs only the date rules") {
  auto outcome = parse_campaign_file(kMixedFindings);
  REQUIRE(outcome.campaign);
  ContentFindings content = lint_content(*outcome.campaign);
  REQUIRE(has_rule(content.findings, "promises-reach"));
  CHECK_FALSE(has_rule(content.findings, "publish-lead-time"));
  // Content findings that say there are none: the content rules must not run again.
  content.findings.clear();
  std::fill(content.video_end.begin(), content.video_end.end(), 0);
  const auto dates = lint_campaign_findings(*outcome.campaign, as_of_march_10(), content);
  CHECK(has_rule(dates, "publish-lead-time"));
  CHECK(has_rule(dates, "same-day-all-markets"));
  CHECK_FALSE(has_rule(dates, "promises-reach"));
  CHECK_FALSE(has_rule(dates, "identical-caption"));
}

TEST_CASE("load_linted_campaign keeps the content findings of the campaign it loads") {
  const std::string file = data("rules/promises-reach.bad.yaml");  // warnings only: it loads
  auto loaded = load_linted_campaign(file);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().message());
  CHECK(has_rule(loaded->content_lint.findings, "promises-reach"));
  CHECK(loaded->content_lint.video_end.size() == loaded->campaign.videos.size());
  auto outcome = parse_campaign_file(file);
  REQUIRE(outcome.campaign);
  CHECK(lines(loaded->content_lint.findings) == lines(lint_content(*outcome.campaign).findings));
}
