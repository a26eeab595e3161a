// Each rule has a failing fixture (<rule>.bad.yaml) that triggers it and only it,
// and a passing one (<rule>.ok.yaml) that does not.
#include <doctest/doctest.h>

#include <set>

#include "fixtures.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

using namespace manifest_test;
using namespace ugc::manifest;

namespace {

// Parse + lint, as `ugc lint` does without a slot schedule. A fixture's first
// line may say "# as-of: YYYY-MM-DD".
std::vector<Diagnostic> run_all(const std::string& path) {
  auto outcome = parse_campaign_file(path);
  std::vector<Diagnostic> all = outcome.diagnostics;
  if (!outcome.campaign) return all;
  LintOptions options;
  std::string text = read_file(path);
  if (text.rfind("# as-of: ", 0) == 0) options.as_of = *ugc::CivilDate::parse(text.substr(9, 10));
  for (auto& d : lint_campaign(*outcome.campaign, options)) all.push_back(d);
  return all;
}

const std::vector<std::string> kRulesWithFixtures = {
    "caption-not-localized", "missing-disclosure", "rights-market", "rights-platform", "rights-expired",
    "caption-too-long", "too-many-hashtags", "publish-date-past", "publish-lead-time", "videos-per-day-exceeded",
    "identical-caption", "too-many-posts-per-day", "same-day-all-markets", "promises-reach", "username-invalid",
    "username-duplicate", "visible-name-too-long", "biography-too-long",
};

}  // namespace

TEST_CASE("every lint-stage rule has fixtures") {
  std::set<std::string> covered(kRulesWithFixtures.begin(), kRulesWithFixtures.end());
  int lint_rules = 0;
  for (const auto& r : rule_table()) {
    if (r.stage != RuleStage::lint) continue;
    ++lint_rules;
    CHECK_MESSAGE(covered.count(r.id), r.id);
  }
  CHECK(lint_rules >= 10);  // an empty rule table would pass the loop above
}

TEST_CASE("each rule fires on its failing fixture and not on its passing one") {
  for (const auto& rule : kRulesWithFixtures) {
    CAPTURE(rule);
    const RuleInfo* info = find_rule(rule);
    REQUIRE(info);
    auto bad = run_all(data("rules/" + rule + ".bad.yaml"));
    INFO("bad:\n" << dump(bad));
    REQUIRE(count_rule(bad, rule) >= 1);
    for (const auto& d : bad) CHECK_MESSAGE(d.rule == rule, "unexpected " << d.str());
    const Diagnostic* d = manifest_test::find_rule(bad, rule);
    CHECK(d->severity == info->severity);
    CHECK(d->where.line > 0);
    CHECK(d->where.file.find(rule + ".bad.yaml") != std::string::npos);
    if (info->stage == RuleStage::lint) CHECK(d->message.find("video '") == 0);  // names the video

    auto ok = run_all(data("rules/" + rule + ".ok.yaml"));
    INFO("ok:\n" << dump(ok));
    CHECK(ok.empty());
  }
}

TEST_CASE("lint messages name the video and the market") {
  auto ds = run_all(data("rules/missing-disclosure.bad.yaml"));
  const auto* d = manifest_test::find_rule(ds, "missing-disclosure");
  REQUIRE(d);
  CHECK(d->message.find("video 'review'") != std::string::npos);
  CHECK(d->message.find("market FR") != std::string::npos);
  CHECK(d->message.find("'#ad'") != std::string::npos);
  CHECK(d->where.line == 26);  // the fr caption line
}

TEST_CASE("a warning is silenced per video, an error is not") {
  auto bad = run_all(data("rules/same-day-all-markets.bad.yaml"));
  CHECK(count_rule(bad, "same-day-all-markets") == 1);
  auto silenced = run_all(data("rules/same-day-all-markets.ok.yaml"));
  CHECK(count_rule(silenced, "same-day-all-markets") == 0);
}

TEST_CASE("date rules use the slot schedule when the caller has one") {
  auto outcome = parse_campaign_file(data("rules/too-many-posts-per-day.ok.yaml"));
  REQUIRE(outcome.campaign);
  auto date = *ugc::CivilDate::parse("2027-03-05");
  LintOptions options;
  options.schedule = std::vector<ScheduledPost>{};
  for (const auto& v : outcome.campaign->videos)
    for (int i = 0; i < 2; ++i) options.schedule->push_back(ScheduledPost{v.id, "US", Platform::tiktok, 1, date});
  auto ds = lint_campaign(*outcome.campaign, options);  // 4 posts on one bundle-day
  CHECK(count_rule(ds, "videos-per-day-exceeded") == 1);
  options.schedule->resize(2);
  CHECK(lint_campaign(*outcome.campaign, options).empty());
}

TEST_CASE("the rule table has unique ids and the seed campaign lints clean") {
  std::set<std::string> ids;
  for (const auto& r : rule_table()) CHECK(ids.insert(r.id).second);
  auto outcome = parse_campaign_file(source("campaigns/ugc-wave-1.yaml"));
  REQUIRE(outcome.campaign);
  LintOptions options;
  options.as_of = *ugc::CivilDate::parse("2026-11-25");
  auto ds = lint_campaign(*outcome.campaign, options);
  INFO(dump(ds));
  CHECK(ds.empty());
}
