// Saved plans: round trip, atomic write, the binding to one state file, and
// the comparison with a fresh plan that `ugc apply PLANFILE` relies on (each
// kind of edit is named). The end-to-end refusals against a sim are in
// tests/apply/saved_plan_apply_test.cpp.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "plan_fixture.hpp"
#include "ugc/plan/plan_comparison.hpp"
#include "ugc/plan/plan_json.hpp"
#include "ugc/plan/saved_plan.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

Plan sample_plan() {
  auto p = plan_campaign(wave_campaign(), {}, inputs_as_of("2027-02-27"));
  REQUIRE(p.ok());
  return std::move(*p);
}

SavedPlan sample_saved() { return SavedPlan{sample_plan(), "0123456789abcdef0123456789abcdef", true}; }

std::string read_saved_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string refusal(const Status& s) { return s.ok() ? std::string("(accepted)") : s.error().message(); }

// The first action of `kind` in `plan`.
Action& first_of(Plan& plan, ActionKind kind) {
  for (auto& a : plan.actions)
    if (a.kind == kind) return a;
  FAIL("no action of kind " << to_string(kind));
  return plan.actions.front();
}

}  // namespace

TEST_CASE("a plan survives JSON and back unchanged") {
  Plan p = sample_plan();
  auto back = plan_from_json(plan_to_json(p));
  REQUIRE(back.ok());
  CHECK(plan_to_json(*back) == plan_to_json(p));
  CHECK(back->actions.size() == p.actions.size());
  CHECK(back->totals.api_requests == p.totals.api_requests);
  CHECK(back->totals.credits == p.totals.credits);
  CHECK(back->today == p.today);
  CHECK(back->today_source == TodaySource::as_of);
}

TEST_CASE("the JSON of a plan is deterministic") {
  CHECK(plan_to_signed_json(sample_plan()).dump() == plan_to_signed_json(sample_plan()).dump());
  CHECK(saved_plan_to_json(sample_saved()).dump() == saved_plan_to_json(sample_saved()).dump());
}

TEST_CASE("save_plan writes atomically and load_saved_plan reads the same plan and its binding") {
  TempDir dir;
  const std::string path = dir.file("plan.json");
  SavedPlan saved = sample_saved();
  saved.bulk_create = false;
  REQUIRE(save_plan(saved, path).ok());
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path()))
    CHECK(e.path().filename() == "plan.json");  // no temp file left behind
  auto loaded = load_saved_plan(path);
  REQUIRE(loaded.ok());
  CHECK(plan_to_json(loaded->plan) == plan_to_json(saved.plan));
  CHECK(loaded->state_id == saved.state_id);
  CHECK(loaded->bulk_create == false);
}

TEST_CASE("a damaged plan file is refused by its checksum") {
  TempDir dir;
  const std::string path = dir.file("plan.json");
  REQUIRE(save_plan(sample_saved(), path).ok());
  std::string text = read_saved_text(path);
  auto at = text.find("\"credits\": 45");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "\"credits\": 1 ");
  std::ofstream(path) << text;
  auto loaded = load_saved_plan(path);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().kind() == ErrorKind::invalid_input);
  CHECK(loaded.error().message().find("checksum mismatch") != std::string::npos);
}

TEST_CASE("a plan file of format 1 (older ugc) is refused with a clear message") {
  TempDir dir;
  std::ofstream(dir.file("old.json")) << plan_to_signed_json(sample_plan()).dump(2);
  auto old = load_saved_plan(dir.file("old.json"));
  REQUIRE_FALSE(old.ok());
  CHECK(old.error().message().find("format 1 was written by an older ugc") != std::string::npos);
  CHECK(old.error().message().find("ugc plan --out") != std::string::npos);
  OrderedJson newer = saved_plan_to_json(sample_saved());
  newer["format_version"] = kSavedPlanFormatVersion + 1;
  auto future = parse_saved_plan(newer.dump());
  REQUIRE_FALSE(future.ok());
  CHECK(future.error().message().find("newer ugc") != std::string::npos);
}

TEST_CASE("a file that is not a plan gets a precise error") {
  TempDir dir;
  std::ofstream(dir.file("a.json")) << "{\"hello\": 1}";
  std::ofstream(dir.file("b.json")) << "not json";
  std::ofstream(dir.file("d.json")) << std::string(200, '[') + std::string(200, ']');
  auto a = load_saved_plan(dir.file("a.json"));
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().message().find("format_version") != std::string::npos);
  auto b = load_saved_plan(dir.file("b.json"));
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message().find("invalid JSON") != std::string::npos);
  auto c = load_saved_plan(dir.file("missing.json"));
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().kind() == ErrorKind::io);
  auto d = load_saved_plan(dir.file("d.json"));
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message().find("nested deeper") != std::string::npos);
}

TEST_CASE("a plan with a number out of range is refused, not converted") {
  OrderedJson doc = saved_plan_to_json(sample_saved());
  doc["plan"]["actions"][0]["credits"] = 1e300;
  doc["checksum"] = plan_checksum(doc);
  auto loaded = parse_saved_plan(doc.dump());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message().find("'credits' must be a whole number") != std::string::npos);
}

TEST_CASE("a saved plan is bound to its state file, its serial and its campaign file") {
  SavedPlan saved = sample_saved();
  saved.plan.state_serial = 7;
  const PlanBasis same{saved.plan.campaign_sha256, saved.state_id, 7};
  CHECK(check_plan_basis(saved, same).ok());

  PlanBasis other_state = same;
  other_state.state_id = "fedcba9876543210fedcba9876543210";
  auto refused = check_plan_basis(saved, other_state);
  CHECK(refusal(refused).find("made for another state file") != std::string::npos);
  CHECK(refused.error().kind() == ErrorKind::conflict);

  PlanBasis file_changed = same;
  file_changed.campaign_sha256 = "beef";
  CHECK(refusal(check_plan_basis(saved, file_changed)).find("campaign file") != std::string::npos);
  PlanBasis state_moved = same;
  state_moved.state_serial = 8;
  CHECK(refusal(check_plan_basis(saved, state_moved)).find("serial 7, now 8") != std::string::npos);

  // Made before any state file existed: fits a state that still records nothing.
  SavedPlan unbound = sample_saved();
  unbound.state_id.clear();
  CHECK(check_plan_basis(unbound, {unbound.plan.campaign_sha256, "any", 0}).ok());
  unbound.plan.state_serial = 3;  // an edit trying to unbind a plan from its state
  CHECK(refusal(check_plan_basis(unbound, {unbound.plan.campaign_sha256, "any", 3}))
            .find("before any state file existed") != std::string::npos);
}

TEST_CASE("the same plan planned twice passes the comparison") {
  CHECK(check_same_plan(sample_plan(), sample_plan()).ok());
}

TEST_CASE("comparison: an edited request body is named with its field") {
  Plan edited = sample_plan();
  Action& configure = first_of(edited, ActionKind::configure_videos);
  Request& batch = configure.requests.at(0);
  batch.body = request_body(configure, batch);  // as a saved plan holds it
  batch.slot_batch.reset();
  REQUIRE(batch.body["videos"][0].contains("description"));  // the API's caption field
  batch.body["videos"][0]["description"] = "bought followers";
  auto s = check_same_plan(edited, sample_plan());
  CHECK(refusal(s).find("(" + configure.id + "): requests[0].body.videos[0].description is \"bought followers\"") !=
        std::string::npos);
  CHECK(s.error().kind() == ErrorKind::conflict);
}

TEST_CASE("comparison: edited credits are named, with both totals") {
  Plan edited = sample_plan();
  Action& create = first_of(edited, ActionKind::create_bundles_bulk);
  const int fresh_credits = create.credits;
  create.credits = 1;
  auto s = check_same_plan(edited, sample_plan());
  CHECK(refusal(s).find("credits is 1 in the saved plan, " + std::to_string(fresh_credits)) != std::string::npos);
}

TEST_CASE("comparison: other prices are named with both totals") {
  Plan fresh = sample_plan();
  PlanInputs dearer = inputs_as_of("2027-02-27");
  dearer.costs.video_slot = 4;
  auto at_server_prices = plan_campaign(wave_campaign(), {}, dearer);
  REQUIRE(at_server_prices.ok());
  auto s = check_same_plan(fresh, *at_server_prices);
  CHECK(refusal(s).find("the server's prices") != std::string::npos);
  CHECK(refusal(s).find("the plan says " + std::to_string(fresh.totals.credits) + " credits") != std::string::npos);
  CHECK(refusal(s).find("it costs " + std::to_string(at_server_prices->totals.credits) + " credits") !=
        std::string::npos);
}

TEST_CASE("comparison: a removed, an added or a reordered action is refused") {
  Plan fewer = sample_plan();
  fewer.actions.pop_back();
  CHECK(refusal(check_same_plan(fewer, sample_plan())).find("of a fresh plan is not in the saved plan") !=
        std::string::npos);
  Plan more = sample_plan();
  more.actions.push_back(more.actions.back());
  CHECK(refusal(check_same_plan(more, sample_plan())).find("is not in a fresh plan") != std::string::npos);
  Plan swapped = sample_plan();
  REQUIRE(swapped.actions.size() >= 2);
  std::swap(swapped.actions[0], swapped.actions[1]);
  CHECK(refusal(check_same_plan(swapped, sample_plan())).find("action 1 (") != std::string::npos);
}

TEST_CASE("comparison: an edited state record or slot count is refused") {
  Plan edited = sample_plan();
  Action& create = first_of(edited, ActionKind::create_bundles_bulk);
  create.bundles.at(0).videos_quantity += 5;
  CHECK(refusal(check_same_plan(edited, sample_plan())).find("records.bundles[0].videos_quantity") !=
        std::string::npos);
}
