// `ugc apply PLANFILE` re-verifies a saved plan instead of trusting it: the
// plan file's checksum is a plain sha256 anyone recomputes, so each edit below
// recomputes it, as an attacker would, and apply must still refuse, before any
// mutating request reaches the server. Real `ugc` and `ugc sim` processes, real
// state files.
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "apply/apply_session.hpp"
#include "support/fake_clock.hpp"
#include "ugc/plan/plan_json.hpp"
#include "ugc/state/store.hpp"

using ugc::Json;
using ugc::OrderedJson;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

namespace {

const std::string kSavedPlanCampaign = std::string(UGC_TEST_DATA) + "/apply/small";

std::string saved_plan_file(const ApplySession& s, const std::string& state, const std::string& name) {
  const std::string path = s.file(name);
  RunResult r = s.ugc({"plan", s.campaign(), "--state", state, "--out", path});
  INFO("plan stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return path;
}

// Edits the plan inside a saved plan file, then writes the plain checksum again.
void tamper_saved_plan(const std::string& path, const std::function<void(OrderedJson& plan)>& edit) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  OrderedJson doc = OrderedJson::parse(text.str());
  edit(doc["plan"]);
  doc["checksum"] = ugc::plan::plan_checksum(doc);
  std::ofstream(path, std::ios::trunc) << doc.dump(2);
}

// The first value under `key`, anywhere below `j`; null when none.
OrderedJson* first_key_below(OrderedJson& j, const std::string& key) {
  if (j.is_object() && j.contains(key)) return &j[key];
  if (!j.is_structured()) return nullptr;
  for (auto& child : j)
    if (OrderedJson* found = first_key_below(child, key)) return found;
  return nullptr;
}

// The first request body holding `key`, in plan order.
OrderedJson* first_body_field(OrderedJson& plan, const std::string& key) {
  for (auto& action : plan["actions"])
    for (auto& request : action["requests"])
      if (OrderedJson* found = first_key_below(request["body"], key)) return found;
  return nullptr;
}

ugc::Result<ugc::state::Store> open_saved_plan_state(const std::string& path) {
  return ugc::state::Store::open(path, {ugc::state::Access::read_write, true},
                                 std::make_shared<ugc::testing::FakeClock>());
}

// Without --auto-approve: a verified saved plan runs without asking.
RunResult apply_saved_plan(const ApplySession& s, const std::string& path, const std::string& state) {
  return s.ugc({"apply", path, "--state", state, "--format", "json"});
}

void check_refused(const ApplySession& s, const RunResult& r, const std::string& why) {
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(why) != std::string::npos);
  CHECK(s.mutating_requests() == 0);
  CHECK(s.bundles().empty());
}

}  // namespace

TEST_CASE("saved plan: an unedited plan applies exactly, without asking") {
  ApplySession s(kSavedPlanCampaign);
  const std::string path = saved_plan_file(s, s.state(), "plan.json");
  // The plan keeps the date and options it was made with.
  RunResult other_day = s.ugc({"apply", path, "--state", s.state(), "--as-of", "2027-02-01"});
  CHECK(other_day.exit_code == 1);
  CHECK(other_day.err.find("keeps the date and options it was planned with") != std::string::npos);
  RunResult r = apply_saved_plan(s, path, s.state());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  Json doc = Json::parse(r.out);
  CHECK(doc["summary"]["failed"] == 0);
  CHECK(s.mutating_requests() == doc["summary"]["planned_requests"].get<int>());
  CHECK(s.bundles().size() == 2);
}

TEST_CASE("saved plan: a caption edited in a request body, checksum recomputed, is refused before any request") {
  ApplySession s(kSavedPlanCampaign);
  const std::string path = saved_plan_file(s, s.state(), "plan.json");
  tamper_saved_plan(path, [](OrderedJson& plan) {
    // The API calls a video's caption its description.
    OrderedJson* caption = first_body_field(plan, "description");
    REQUIRE(caption != nullptr);
    *caption = "Edited after review #ad";
  });
  RunResult r = apply_saved_plan(s, path, s.state());
  check_refused(s, r, "saved plan differs from a fresh plan");
  CHECK(r.err.find("requests[0].body.videos[0].description is \"Edited after review #ad\" in the saved plan") !=
        std::string::npos);
}

TEST_CASE("saved plan: edited slot counts are refused before any request") {
  ApplySession s(kSavedPlanCampaign);
  const std::string path = saved_plan_file(s, s.state(), "plan.json");
  tamper_saved_plan(path, [](OrderedJson& plan) {
    // Consistently: the request body and the record apply would keep.
    OrderedJson* sent = first_body_field(plan, "videos_quantity");
    REQUIRE(sent != nullptr);
    *sent = sent->get<int>() + 50;
    OrderedJson* recorded = first_key_below(plan["actions"], "records");
    REQUIRE(recorded != nullptr);
    if (OrderedJson* q = first_key_below(*recorded, "videos_quantity")) *q = q->get<int>() + 50;
  });
  RunResult r = apply_saved_plan(s, path, s.state());
  check_refused(s, r, "saved plan differs from a fresh plan");
  CHECK(r.err.find("videos_quantity") != std::string::npos);
}

TEST_CASE("saved plan: edited credits are refused before any request") {
  ApplySession s(kSavedPlanCampaign);
  const std::string path = saved_plan_file(s, s.state(), "plan.json");
  int saved_total = 0;
  tamper_saved_plan(path, [&saved_total](OrderedJson& plan) {
    // Shows fewer credits than apply would spend: every paid action at 1.
    for (auto& action : plan["actions"])
      if (action["credits"].get<int>() > 0) action["credits"] = 1, ++saved_total;
    plan["totals"]["credits"] = saved_total;
  });
  REQUIRE(saved_total > 0);
  RunResult r = apply_saved_plan(s, path, s.state());
  check_refused(s, r, "saved plan differs from a fresh plan");
  CHECK(r.err.find("credits is 1 in the saved plan") != std::string::npos);
  CHECK(r.err.find(std::to_string(saved_total) + " credits saved in all") != std::string::npos);
}

TEST_CASE("saved plan: a plan made for one state file is refused on another one at the same serial") {
  ApplySession s(kSavedPlanCampaign);
  const std::string state_a = s.file("a.db"), state_b = s.file("b.db");
  for (const std::string& path : {state_a, state_b}) {
    auto store = open_saved_plan_state(path);
    REQUIRE(store.ok());
    REQUIRE(store->serial().value() == 0);
  }
  const std::string path = saved_plan_file(s, state_a, "plan.json");
  RunResult r = apply_saved_plan(s, path, state_b);
  check_refused(s, r, "made for another state file");
  // The same plan on the state it was made for runs: the refusal was the binding.
  RunResult on_a = apply_saved_plan(s, path, state_a);
  INFO("stderr: " << on_a.err);
  CHECK(on_a.exit_code == 0);
}

TEST_CASE("saved plan: server prices other than the plan's are refused before spending, with both totals") {
  ApplySession s(kSavedPlanCampaign);
  {
    // What an earlier apply kept from GET /credit-costs: cheaper than the sim's prices now.
    auto store = open_saved_plan_state(s.state());
    REQUIRE(store.ok());
    Json old_prices{{"costs", {{"account_creation", 10}, {"video_upload", 1}, {"video_edit", 1}, {"advanced_warming", 1}}}};
    REQUIRE(store->credit_costs_put("last-apply", old_prices).ok());
  }
  const std::string path = saved_plan_file(s, s.state(), "plan.json");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const int planned = Json::parse(text.str())["plan"]["totals"]["credits"].get<int>();
  RunResult r = apply_saved_plan(s, path, s.state());
  check_refused(s, r, "the server's prices (GET /credit-costs) differ");
  CHECK(r.err.find("the plan says " + std::to_string(planned) + " credits") != std::string::npos);
  CHECK(r.err.find("at the server's prices it costs ") != std::string::npos);
}
