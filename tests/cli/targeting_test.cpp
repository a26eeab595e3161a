// `-target REF` on plan and apply: only the bundles and slots under REF (and
// what they need), said loudly, never in bulk, never saved. Real `ugc` and
// `ugc sim` processes.
#include <doctest/doctest.h>

#include <algorithm>

#include "cli/operator_session.hpp"
#include "ugc/core/json.hpp"

using ugc::Json;
using ugc::testing::OperatorSession;
using ugc::testing::RunResult;

namespace {

bool targeting_test_all_under(const Json& plan, const std::string& prefix, const std::string& other) {
  const Json actions = plan["actions"];
  for (const Json& a : actions)
    if (a.value("bundle_ref", "").rfind(other, 0) == 0 && a.value("kind", "") != "upload_media") return false;
  return plan["totals"]["actions"].get<int>() > 0 && plan.dump().find(prefix) != std::string::npos;
}

}  // namespace

TEST_CASE("-target limits plan and apply to one market's bundle, with a warning, one bundle at a time") {
  OperatorSession s;
  RunResult whole = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.state(), "--as-of", "2027-01-15"});
  REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
  RunResult us = s.ugc({"plan", s.campaign(), "-target=apply-e2e-US", "--format", "json", "--state", s.state(),
                        "--as-of", "2027-01-15"});
  REQUIRE_MESSAGE(us.exit_code == 0, us.err);
  CHECK(us.err.find("Resource targeting is in effect") != std::string::npos);
  const Json whole_plan = Json::parse(whole.out), us_plan = Json::parse(us.out);
  CHECK(targeting_test_all_under(us_plan, "apply-e2e-US", "apply-e2e-FR"));
  CHECK(us_plan["totals"]["credits"].get<int>() < whole_plan["totals"]["credits"].get<int>());
  CHECK(us.out.find("create_bundles_bulk") == std::string::npos);

  RunResult text = s.ugc({"plan", s.campaign(), "-target", "apply-e2e-US", "--state", s.state(), "--as-of",
                          "2027-01-15"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.rfind("\nWarning: Resource targeting is in effect", 0) == 0);
  CHECK(text.out.find("  - apply-e2e-US\n") != std::string::npos);

  RunResult saved = s.ugc({"plan", s.campaign(), "--target", "apply-e2e-US", "--out", s.file("t.plan")});
  CHECK(saved.exit_code == 1);
  CHECK(saved.err.find("a -target plan cannot be saved") != std::string::npos);
  RunResult empty = s.ugc({"plan", s.campaign(), "--target="});
  CHECK(empty.exit_code == 1);

  RunResult applied = s.ugc({"apply", s.campaign(), "-target=apply-e2e-US", "-auto-approve", "--state", s.state()});
  INFO("apply stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.out.find("Resource targeting is in effect") != std::string::npos);
  std::vector<std::string> refs = s.bundle_refs();
  CHECK(std::count(refs.begin(), refs.end(), "apply-e2e-US-tiktok-1") == 1);
  CHECK(std::count(refs.begin(), refs.end(), "apply-e2e-FR-tiktok-1") == 0);

  // Without the target, the rest of the campaign is still to do.
  RunResult rest = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.state(), "--as-of", "2027-01-15"});
  REQUIRE(rest.exit_code == 0);
  CHECK(rest.out.find("apply-e2e-FR-tiktok-1") != std::string::npos);
  RunResult on_saved = s.ugc({"apply", s.file("x.json"), "--target", "apply-e2e-US"});
  CHECK(on_saved.exit_code == 1);
  CHECK(on_saved.err.find("--target apply to a campaign file") != std::string::npos);
}
