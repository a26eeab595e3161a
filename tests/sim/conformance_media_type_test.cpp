// Conformance: request bodies must say what they are (docs/sim.md, "Limits"):
// JSON operations take application/json, the direct uploads multipart; any
// other Content-Type is 415 before anything runs.
#include <doctest/doctest.h>

#include "support/raw_connection.hpp"
#include "sim_harness.hpp"

using namespace simtest;
using ugc::testing::raw_api_request;
using ugc::testing::RawAnswer;
using ugc::testing::RawConnection;

namespace {

const Json kAccountOnly{{"bundle_type", "account_only"}, {"platform", "tiktok"}, {"country", "USA"}};

Resp post_typed(SimHarness& sim, const std::string& path, const std::string& body, const std::string& content_type) {
  auto r = sim.client().Post(SimHarness::api(path).c_str(), {{"X-API-Key", kDemoKey}}, body, content_type.c_str());
  Resp out;
  if (!r) return out;
  out.ok = true;
  out.status = r->status;
  out.body = Json::parse(r->body, nullptr, false);
  return out;
}

}  // namespace

TEST_CASE("JSON sent as text/plain or form data is refused with 415 and nothing runs") {
  SimHarness sim;
  const std::string json = kAccountOnly.dump();
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded"}) {
    CAPTURE(type);
    auto r = post_typed(sim, "/bundles", json, type);
    CHECK(r.status == 415);
    CHECK(r.code() == "UNSUPPORTED_MEDIA_TYPE");
    CHECK(r.body["error"]["details"]["expected"] == "application/json");
  }
  httplib::MultipartFormDataItems form{{"bundle_type", "account_only", "", ""}, {"platform", "tiktok", "", ""}};
  auto multipart = sim.client().Post(SimHarness::api("/bundles").c_str(), {{"X-API-Key", kDemoKey}}, form);
  REQUIRE(multipart);
  CHECK(multipart->status == 415);
  CHECK(sim.get("/bundles").data().empty());
  CHECK(post_typed(sim, "/bundles", json, "Application/JSON; charset=utf-8").status == 201);
}

TEST_CASE("a body without any Content-Type is refused with 415, an empty one needs none") {
  SimHarness sim;
  RawConnection c(sim.server().port());
  REQUIRE(c.send(raw_api_request("POST", "/bundles", kAccountOnly.dump(), "")));
  auto answer = c.read_answer();
  CHECK(answer.status == 415);
  CHECK(answer.body["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE");
  // An operation without a body: no type needed.
  const std::string id = sim.create_bundle();
  REQUIRE(c.send(raw_api_request("GET", "/bundles/" + id + "/publish-readiness", "", "")));
  CHECK(c.read_answer().status == 200);
}

TEST_CASE("the direct uploads take only multipart bodies") {
  SimHarness sim;
  auto r = post_typed(sim, "/upload/video/direct", R"({"bundle_id":"x"})", "application/json");
  CHECK(r.status == 415);
  CHECK(r.body["error"]["details"]["expected"] == "multipart/form-data");
}
