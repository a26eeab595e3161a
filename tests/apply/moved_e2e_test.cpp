// End to end: a video renamed in the file with `moved: [{from: old-id, to:
// new-id}]` keeps its slots and dates; apply sends only the external_ref
// PATCHes. The real `ugc` binary against a real `ugc sim` child.
#include <doctest/doctest.h>

#include "apply/apply_session.hpp"

using ugc::Json;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

namespace {

const std::string kMovedSmall = std::string(UGC_TEST_DATA) + "/apply/small";

Json moved_plan_json(const RunResult& r) {
  INFO("stdout: " << r.out);
  INFO("stderr: " << r.err);
  Json doc = Json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

}  // namespace

TEST_CASE("apply e2e: a video renamed with moved: by id is only external_ref PATCHes, same slots and dates") {
  ApplySession s(kMovedSmall);
  RunResult first = s.apply();
  INFO("stderr: " << first.err);
  REQUIRE(first.exit_code == 0);

  s.edit_campaign("  - id: morning-routine\n", "  - id: routine-am\n");
  s.edit_campaign("      fr: \"Ma routine du matin en 3 étapes #routinematin #ad\"\n",
                  "      fr: \"Ma routine du matin en 3 étapes #routinematin #ad\"\n"
                  "\nmoved:\n  - {from: morning-routine, to: routine-am}\n");

  RunResult planned = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.state()});
  INFO("plan stderr: " << planned.err);
  REQUIRE((planned.exit_code == 0 || planned.exit_code == 2));
  Json plan = moved_plan_json(planned);
  REQUIRE(plan["actions"].size() == 2);  // one slot per market: US, FR
  for (const Json& a : plan["actions"]) {
    CAPTURE(a.dump());
    CHECK(a["kind"] == "patch_video");
    REQUIRE(a["changes"].size() == 1);
    CHECK(a["changes"][0]["field"] == "external_ref");
    CHECK(a["changes"][0]["before"].get<std::string>().find("apply-e2e-morning-routine-") == 0);
    CHECK(a["changes"][0]["after"].get<std::string>().find("apply-e2e-routine-am-") == 0);
    REQUIRE(a["requests"].size() == 1);
    CHECK(a["requests"][0]["method"] == "PATCH");
    CHECK(a["requests"][0]["body"].size() == 1);
    CHECK(a["requests"][0]["body"].contains("external_ref"));
  }
  CHECK(plan["blocked"].empty());

  const std::size_t before = s.api_requests().size();
  RunResult second = s.apply();
  INFO("apply stderr: " << second.err);
  REQUIRE(second.exit_code == 0);
  auto log = s.api_requests();
  int patches = 0;
  for (std::size_t i = before; i < log.size(); ++i) {
    if (!ApplySession::mutating(log[i])) continue;
    CAPTURE(log[i].dump());
    CHECK(log[i]["method"] == "PATCH");
    CHECK(log[i]["status"].get<int>() < 400);
    ++patches;
  }
  CHECK(patches == 2);

  // Applied: the state knows the new refs, the entry is now silent and nothing is left to do.
  RunResult after = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(after.exit_code == 0);
  Json clean = moved_plan_json(after);
  CHECK(clean["actions"].empty());
  for (const Json& note : clean["notes"]) CHECK(note["text"].get<std::string>().find("moved:") == std::string::npos);
}
