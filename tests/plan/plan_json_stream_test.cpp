// The streamed JSON of a plan (what `ugc plan --format json` prints and
// `--out` saves) is byte for byte the document nlohmann would dump, checksum
// included, for ordinary plans and for text that needs escaping.
#include <doctest/doctest.h>

#include "plan_fixture.hpp"
#include "ugc/core/byte_sink.hpp"
#include "ugc/core/json_writer.hpp"
#include "ugc/plan/plan_json.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

// Every character class the escaping distinguishes: quotes, backslashes, the
// named control characters, other control characters, DEL, and UTF-8 of 2 to 4 bytes.
const std::string kAwkwardText = std::string("say \"hi\" \\ path\b\f\n\r\t end ") + '\x01' + '\x1f' + '\x7f' +
                                 " caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80";

Plan awkward_plan() {
  auto p = plan_campaign(wave_campaign(), {}, inputs_as_of("2027-02-27"));
  REQUIRE(p.ok());
  p->campaign = kAwkwardText;
  p->actions.front().reason = kAwkwardText;
  p->actions.front().changes.push_back({"caption", std::nullopt, kAwkwardText});
  p->actions.front().requests.front().body["note"] = kAwkwardText;
  p->actions.front().requests.front().body["ratio"] = 0.25;
  p->actions.front().requests.front().body["negative"] = -3;
  p->actions.front().requests.front().body["empty"] = Json::object();
  p->actions.front().requests.front().body["list"] = Json::array({1, "two", nullptr, false});
  p->notes.push_back({"bundle", kAwkwardText});
  p->blocked.push_back({"blocked:x:country", "x", kAwkwardText, "remedy", {}});
  p->totals = compute_totals(*p);
  return std::move(*p);
}

std::string streamed_json(const Plan& plan) {
  std::string out;
  StringSink sink(out);
  make_renderer(RenderFormat::json, false)->write(plan, sink);
  return out;
}

}  // namespace

TEST_CASE("plan JSON: the streamed document is nlohmann's dump byte for byte, checksum included") {
  for (const char* today : {"2027-02-01", "2027-02-27"}) {
    auto p = plan_campaign(wave_campaign(), {}, inputs_as_of(today));
    REQUIRE(p.ok());
    CHECK(streamed_json(*p) == plan_to_signed_json(*p).dump(2) + "\n");
  }
  const Plan awkward = awkward_plan();
  CHECK(streamed_json(awkward) == plan_to_signed_json(awkward).dump(2) + "\n");
}

TEST_CASE("plan JSON: a saved plan streams the bytes of its document and loads back") {
  const SavedPlan saved{awkward_plan(), "0123456789abcdef0123456789abcdef", false};
  std::string out;
  StringSink sink(out);
  write_saved_plan_json(saved, sink);
  CHECK(out == saved_plan_to_json(saved).dump(2) + "\n");
  auto back = parse_saved_plan(out);
  REQUIRE(back.ok());
  CHECK(plan_to_json(back->plan) == plan_to_json(saved.plan));
}

TEST_CASE("plan JSON: the compact copy is dump() and extra members are covered by the checksum") {
  const Plan p = awkward_plan();
  std::string pretty, compact;
  StringSink pretty_sink(pretty), compact_sink(compact);
  {
    JsonWriter w(pretty_sink, 2, &compact_sink);
    w.begin_object();
    write_plan_members(p, w);
    w.key("refresh");
    w.value(Json{{"b", 1}, {"a", Json::array()}});
    w.close_copy();
    w.key("checksum");
    w.value("x");
    w.end_object();
  }
  OrderedJson doc = plan_to_json(p);
  doc["refresh"] = OrderedJson::parse(Json{{"b", 1}, {"a", Json::array()}}.dump());
  CHECK(compact == doc.dump());
  doc["checksum"] = "x";
  CHECK(pretty == doc.dump(2));
}

TEST_CASE("plan JSON: text that is not UTF-8 fails as nlohmann's dump fails") {
  Plan p = awkward_plan();
  p.actions.front().reason = "bad \xc3\x28 byte";
  CHECK_THROWS_AS(plan_to_signed_json(p).dump(2), nlohmann::json::type_error);
  CHECK_THROWS_AS(streamed_json(p), nlohmann::json::type_error);
}
