// Saved plans: round trip, atomic write, hand edits and stale plans refused.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "plan_fixture.hpp"
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

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
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
}

TEST_CASE("save_plan writes atomically and load_saved_plan reads the same plan") {
  TempDir dir;
  const std::string path = dir.file("plan.json");
  Plan p = sample_plan();
  REQUIRE(save_plan(p, path).ok());
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path()))
    CHECK(e.path().filename() == "plan.json");  // no temp file left behind
  auto loaded = load_saved_plan(path);
  REQUIRE(loaded.ok());
  CHECK(plan_to_json(*loaded) == plan_to_json(p));
}

TEST_CASE("a hand-edited plan file is refused") {
  TempDir dir;
  const std::string path = dir.file("plan.json");
  REQUIRE(save_plan(sample_plan(), path).ok());
  std::string text = read_file(path);
  auto at = text.find("\"credits\": 45");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "\"credits\": 1 ");
  std::ofstream(path) << text;
  auto loaded = load_saved_plan(path);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().kind() == ErrorKind::invalid_input);
  CHECK(loaded.error().message().find("modified") != std::string::npos);
}

TEST_CASE("a file that is not a plan gets a precise error") {
  TempDir dir;
  std::ofstream(dir.file("a.json")) << "{\"hello\": 1}";
  std::ofstream(dir.file("b.json")) << "not json";
  auto a = load_saved_plan(dir.file("a.json"));
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().message().find("checksum") != std::string::npos);
  auto b = load_saved_plan(dir.file("b.json"));
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message().find("invalid JSON") != std::string::npos);
  auto c = load_saved_plan(dir.file("missing.json"));
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().kind() == ErrorKind::io);
}

TEST_CASE("a plan is stale when the campaign file or the state serial changed") {
  Plan p = sample_plan();
  p.state_serial = 7;
  CHECK(check_plan_fresh(p, "f00d", 7).ok());
  auto file_changed = check_plan_fresh(p, "beef", 7);
  REQUIRE_FALSE(file_changed.ok());
  CHECK(file_changed.error().kind() == ErrorKind::conflict);
  CHECK(file_changed.error().message().find("campaign file") != std::string::npos);
  auto state_changed = check_plan_fresh(p, "f00d", 8);
  REQUIRE_FALSE(state_changed.ok());
  CHECK(state_changed.error().message().find("serial 7, now 8") != std::string::npos);
}
