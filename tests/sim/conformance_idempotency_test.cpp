// Conformance: Idempotency-Key (docs/tokportal-api.md §1.8).
#include <doctest/doctest.h>

#include "support/raw_connection.hpp"
#include "sim_harness.hpp"

using namespace simtest;
using ugc::testing::raw_api_request;
using ugc::testing::RawAnswer;
using ugc::testing::RawConnection;

namespace {
const Json kCreate{{"bundle_type", "account_and_videos"}, {"country", "USA"}, {"videos_quantity", 2}};
}

TEST_CASE("same key and body: stored response replayed, charged once") {
  SimHarness sim;
  auto first = sim.post("/bundles", kCreate, {{"Idempotency-Key", "create-1"}});
  REQUIRE(first.status == 201);
  CHECK(first.header("Idempotent-Replayed").empty());
  // Same JSON, different whitespace/key order, is the same body.
  auto again = sim.raw("POST", "/api/ext/bundles",
                       R"({ "videos_quantity": 2, "country": "USA", "bundle_type": "account_and_videos" })",
                       {{"X-API-Key", kDemoKey}, {"Idempotency-Key", "create-1"}});
  CHECK(again.status == 201);
  CHECK(again.header("Idempotent-Replayed") == "true");
  CHECK(again.body == first.body);
  CHECK(!again.header("X-TokPortal-API-Version").empty());
  CHECK(sim.get("/bundles").body["pagination"]["total"] == 1);
  CHECK(sim.get("/credits/balance").data()["total_credits"] == 100000 - 36);
  auto log = sim.control("GET", "/__sim/requests").data();
  CHECK(log[1]["replayed"] == true);
  CHECK(log[1]["idempotency_key"] == "create-1");
}

TEST_CASE("same key, different body: 409, nothing runs") {
  SimHarness sim;
  sim.post("/bundles", kCreate, {{"Idempotency-Key", "k"}});
  Json other = kCreate;
  other["videos_quantity"] = 3;
  auto r = sim.post("/bundles", other, {{"Idempotency-Key", "k"}});
  CHECK(r.status == 409);
  CHECK(r.code() == "IDEMPOTENCY_KEY_REUSED");
  CHECK(sim.get("/bundles").body["pagination"]["total"] == 1);
}

TEST_CASE("keys are scoped to api key, method and path") {
  SimHarness sim;
  auto a = sim.post("/bundles", kCreate, {{"Idempotency-Key", "shared"}});
  auto b = sim.call("POST", "/bundles", kCreate, {{"Idempotency-Key", "shared"}}, kOtherKey);
  CHECK(b.status == 201);
  CHECK(b.header("Idempotent-Replayed").empty());
  CHECK(a.data()["id"] != b.data()["id"]);
  auto id = a.data()["id"].get<std::string>();
  auto patch = sim.patch("/bundles/" + id, Json{{"title", "t"}}, {{"Idempotency-Key", "shared"}});
  CHECK(patch.status == 200);
  CHECK(patch.header("Idempotent-Replayed").empty());
}

TEST_CASE("4xx results are replayed too") {
  SimHarness sim;
  Json bad{{"bundle_type", "account_only"}, {"country", "ZZ"}};
  auto first = sim.post("/bundles", bad, {{"Idempotency-Key", "bad-1"}});
  CHECK(first.status == 400);
  auto again = sim.post("/bundles", bad, {{"Idempotency-Key", "bad-1"}});
  CHECK(again.status == 400);
  CHECK(again.header("Idempotent-Replayed") == "true");
  CHECK(again.body == first.body);
}

TEST_CASE("sensitive operations refuse the header before anything runs") {
  SimHarness sim;
  auto id = sim.create_bundle();
  auto r = sim.post("/upload/video", Json{{"filename", "a.mp4"}, {"bundle_id", id}}, {{"Idempotency-Key", "u1"}});
  CHECK(r.status == 400);
  CHECK(r.code() == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
  auto w = sim.post("/webhooks", Json{{"url", "https://127.0.0.1:9/h"}, {"events", {"bundle.created"}}},
                    {{"Idempotency-Key", "w1"}});
  CHECK(w.code() == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
  CHECK(sim.get("/webhooks").data().empty());
}

TEST_CASE("over-long keys are rejected, GET ignores the header") {
  SimHarness sim;
  CHECK(sim.post("/bundles", kCreate, {{"Idempotency-Key", std::string(256, 'k')}}).code() == "VALIDATION_ERROR");
  CHECK(sim.get("/me", {{"Idempotency-Key", "x"}}).status == 200);
  CHECK(sim.get("/me", {{"Idempotency-Key", "x"}}).header("Idempotent-Replayed").empty());
}

TEST_CASE("an empty key is a 400, not an absent key, and 255 characters are accepted") {
  SimHarness sim;
  RawConnection c(sim.server().port());
  REQUIRE(c.send(raw_api_request("POST", "/bundles", kCreate.dump(),
                                 "Content-Type: application/json\r\nIdempotency-Key:   \r\n")));
  auto empty = c.read_answer();
  CHECK(empty.status == 400);
  CHECK(empty.body["error"]["code"] == "VALIDATION_ERROR");
  CHECK(empty.body["error"]["details"]["field"] == "Idempotency-Key");
  CHECK(sim.get("/bundles").data().empty());  // nothing ran
  CHECK(sim.post("/bundles", kCreate, {{"Idempotency-Key", std::string(256, 'k')}}).status == 400);
  auto longest = sim.post("/bundles", kCreate, {{"Idempotency-Key", std::string(255, 'k')}});
  CHECK(longest.status == 201);
  auto again = sim.post("/bundles", kCreate, {{"Idempotency-Key", std::string(255, 'k')}});
  CHECK(again.header("Idempotent-Replayed") == "true");
}

TEST_CASE("keys are compared as sent, without URL decoding") {
  SimHarness sim;
  CHECK(sim.post("/bundles", kCreate, {{"Idempotency-Key", "key-%41"}}).status == 201);
  Json other = kCreate;
  other["videos_quantity"] = 3;
  // "key-A" would be "key-%41" decoded: a different key, so no 409.
  CHECK(sim.post("/bundles", other, {{"Idempotency-Key", "key-A"}}).status == 201);
}

TEST_CASE("the ledger records request id and idempotency key of each charge") {
  SimHarness sim;
  sim.post("/bundles", kCreate, {{"Idempotency-Key", "ledger-1"}, {"X-Request-ID", "rid-1"}});
  auto ledger = sim.control("GET", "/__sim/ledger").data();
  REQUIRE(ledger.size() == 2);
  CHECK(ledger[1]["amount"] == -36);
  CHECK(ledger[1]["idempotency_key"] == "ledger-1");
  CHECK(ledger[1]["request_id"] == "rid-1");
  CHECK(ledger[1]["path"] == "/api/ext/bundles");
  CHECK(ledger[1]["bundle_ids"].size() == 1);
}
