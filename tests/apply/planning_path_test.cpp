// `ugc apply` plans a campaign file exactly as `ugc plan` does (one planning
// path, ugc/cli/campaign_plan.hpp): the same flags, the same plan, the same
// notes. Against a real `ugc sim` child, with a real state file.
#include <doctest/doctest.h>

#include "apply/apply_session.hpp"

using ugc::Json;
using ugc::testing::ApplySession;
using ugc::testing::kSmallCampaign;
using ugc::testing::RunResult;

namespace {


// Requests whose path (after the API's base path) is `tail`.
int count_requests(const std::vector<Json>& log, const std::string& method, const std::string& tail) {
  int n = 0;
  for (const Json& r : log) {
    const std::string path = r.value("path", "");
    const bool match = path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
    n += r.value("method", "") == method && match ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("apply --no-bulk creates one bundle per request, as plan --no-bulk says") {
  ApplySession s(kSmallCampaign);
  // Two US accounts of one shape: bulk creation would fold them into one request.
  s.edit_campaign("US: {language: en, platforms: [tiktok], accounts: 1",
                  "US: {language: en, platforms: [tiktok], accounts: 2");
  RunResult planned = s.ugc({"plan", s.campaign(), "--state", s.state(), "--format", "json", "--no-bulk"});
  REQUIRE_MESSAGE(planned.exit_code == 0, planned.err);
  Json plan = Json::parse(planned.out);
  int creates = 0;
  for (const Json& a : plan["actions"]) {
    CHECK(a["kind"] != "create_bundles_bulk");
    creates += a["kind"] == "create_bundle" ? 1 : 0;
  }
  CHECK(creates == 3);

  RunResult applied = s.apply({"--no-bulk"});
  INFO("stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  auto log = s.api_requests();
  CHECK(count_requests(log, "POST", "/bundles/bulk") == 0);
  CHECK(count_requests(log, "POST", "/bundles") == 3);
}

TEST_CASE("apply without --no-bulk folds bundles of one shape into one bulk request (the check above can fail)") {
  ApplySession s(kSmallCampaign);
  s.edit_campaign("US: {language: en, platforms: [tiktok], accounts: 1",
                  "US: {language: en, platforms: [tiktok], accounts: 2");
  RunResult applied = s.apply();
  INFO("stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  auto log = s.api_requests();
  CHECK(count_requests(log, "POST", "/bundles/bulk") == 1);
  CHECK(count_requests(log, "POST", "/bundles") == 1);
}

TEST_CASE("apply shows the plan `ugc plan` shows for the same file, state and day, notes included") {
  ApplySession s(kSmallCampaign);
  RunResult first = s.apply();
  INFO("first apply stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  // An edit that changes a caption and leaves a planner note (slots bought
  // beyond videos_per_account stay unused).
  s.edit_campaign("My 3-step morning routine", "My three-step morning routine");
  s.edit_campaign("accounts: 1, videos_per_account: 3}\n  FR", "accounts: 1, videos_per_account: 2}\n  FR");

  for (const char* bulk : {"", "--no-bulk"}) {
    CAPTURE(bulk);
    std::vector<std::string> common = {s.campaign(), "--state", s.state(), "--as-of", "2027-01-20"};
    if (*bulk) common.push_back(bulk);
    std::vector<std::string> plan_args = {"plan"}, apply_args = {"apply"};
    plan_args.insert(plan_args.end(), common.begin(), common.end());
    apply_args.insert(apply_args.end(), common.begin(), common.end());
    RunResult planned = s.ugc(plan_args);
    REQUIRE_MESSAGE(planned.exit_code == 0, planned.err);
    // Without a terminal and --auto-approve, apply shows its plan and stops.
    RunResult shown = s.ugc(apply_args);
    CHECK(shown.exit_code == 1);
    CHECK(shown.err.find("--auto-approve") != std::string::npos);
    CHECK(planned.out.find("videos_per_account is 2 but 3 slots were bought") != std::string::npos);
    CHECK(planned.out.find("three-step") != std::string::npos);
    CHECK(shown.out == planned.out);
  }
}
