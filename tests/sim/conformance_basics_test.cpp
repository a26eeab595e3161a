// Conformance: envelope, headers, auth, rate limit, reference data, credits.
#include <doctest/doctest.h>

#include "sim_harness.hpp"

using namespace simtest;

TEST_CASE("every API response carries the version, stability and request-id headers") {
  SimHarness sim;
  auto r = sim.get("/me");
  CHECK(r.status == 200);
  CHECK(r.header("X-TokPortal-API-Version") == "2026-05-25");
  CHECK(r.header("X-TokPortal-API-Stability") == "stable");
  CHECK(r.header("X-TokPortal-Request-ID").rfind("req_", 0) == 0);
  CHECK(r.header("Date") == "Sun, 10 Jan 2027 " + r.header("Date").substr(17));  // simulated clock
  auto err = sim.call("GET", "/me", nullptr, {}, "");
  CHECK(err.header("X-TokPortal-API-Version") == "2026-05-25");
  CHECK(!err.header("X-TokPortal-Request-ID").empty());
}

TEST_CASE("X-Request-ID is echoed when safe and replaced otherwise") {
  SimHarness sim;
  CHECK(sim.get("/me", {{"X-Request-ID", "apply-42.step_7"}}).header("X-TokPortal-Request-ID") == "apply-42.step_7");
  auto too_long = sim.get("/me", {{"X-Request-ID", std::string(129, 'x')}});
  CHECK(too_long.header("X-TokPortal-Request-ID").rfind("req_", 0) == 0);
  auto unsafe = sim.get("/me", {{"X-Request-ID", "a b<script>"}});
  CHECK(unsafe.header("X-TokPortal-Request-ID").rfind("req_", 0) == 0);
}

TEST_CASE("authentication errors") {
  SimHarness sim;
  auto missing = sim.call("GET", "/bundles", nullptr, {}, "");
  CHECK(missing.status == 401);
  CHECK(missing.code() == "AUTH_MISSING_KEY");
  CHECK(missing.header("X-RateLimit-Limit").empty());  // not authenticated
  auto malformed = sim.call("GET", "/bundles", nullptr, {}, "tok_live_0123");
  CHECK(malformed.status == 401);
  CHECK(malformed.code() == "AUTH_INVALID_KEY");
  auto upper = sim.call("GET", "/bundles", nullptr, {}, "sk_" + std::string(64, 'A'));
  CHECK(upper.code() == "AUTH_INVALID_KEY");
  CHECK(sim.call("GET", "/me", nullptr, {}, kOtherKey).status == 200);
}

TEST_CASE("extra keys from options are accepted") {
  auto o = default_options();
  o.api_keys = {"demo-key-for-ci"};
  SimHarness sim(o);
  CHECK(sim.call("GET", "/me", nullptr, {}, "demo-key-for-ci").status == 200);
  CHECK(sim.call("GET", "/me", nullptr, {}, "other").status == 401);
}

TEST_CASE("error envelope and unknown routes") {
  SimHarness sim;
  auto r = sim.get("/no-such-thing");
  CHECK(r.status == 404);
  CHECK(r.body["error"]["code"] == "NOT_FOUND");
  CHECK(r.body["error"]["message"].is_string());
  CHECK(sim.call("DELETE", "/bundles").status == 405);
  auto bad_json = sim.raw("POST", "/api/ext/bundles", "{not json", {{"X-API-Key", kDemoKey}});
  CHECK(bad_json.status == 400);
  CHECK(bad_json.code() == "VALIDATION_ERROR");
}

TEST_CASE("token bucket: headers on authenticated responses, 429 with Retry-After when empty") {
  auto o = default_options();
  o.rate_capacity = 5;
  o.rate_refill_per_sec = 0.01;  // slow enough that a loaded CI machine cannot refill a token mid-test
  SimHarness sim(o);
  auto first = sim.get("/me");
  CHECK(first.header("X-RateLimit-Limit") == "5");
  CHECK(first.header("X-RateLimit-Remaining") == "4");
  CHECK(std::stoll(first.header("X-RateLimit-Reset")) >= std::time(nullptr));
  for (int i = 0; i < 4; ++i) CHECK(sim.get("/me").status == 200);
  auto limited = sim.get("/me");
  CHECK(limited.status == 429);
  CHECK(limited.code() == "RATE_LIMIT_EXCEEDED");
  CHECK(std::stoi(limited.header("Retry-After")) >= 1);
  CHECK(limited.body["error"]["details"]["retry_after_seconds"].get<int>() >= 1);
  CHECK(limited.header("X-RateLimit-Remaining") == "0");
  // Buckets are per key.
  CHECK(sim.call("GET", "/me", nullptr, {}, kOtherKey).status == 200);
}

TEST_CASE("reference data: me, countries, platforms, credit costs") {
  SimHarness sim;
  auto me = sim.get("/me");
  CHECK(me.data()["credits"] == 100000);
  CHECK(me.data()["email"].is_string());
  auto countries = sim.get("/countries");
  CHECK(countries.status == 200);
  CHECK(countries.data().size() >= 50);
  CHECK(countries.data()[0] == Json{{"code", "USA"}, {"name", "United States"}});
  CHECK(countries.body["videos_only_countries"].is_array());
  auto platforms = sim.get("/platforms");
  CHECK(platforms.data()[0]["id"] == "tiktok");
  auto costs = sim.get("/credit-costs");
  CHECK(costs.data()["costs"]["account_creation"] == 32);
  CHECK(costs.data()["costs"]["video_upload"] == 2);
  CHECK(costs.data()["costs"]["video_edit"] == 3);
  CHECK(costs.data()["costs"]["advanced_warming"] == 5);
}

TEST_CASE("credits: balance and paginated history of every charge") {
  SimHarness sim;
  sim.create_bundle("USA", 3);
  sim.create_bundle("FR", 1);
  auto bal = sim.get("/credits/balance");
  CHECK(bal.data()["total_credits"] == 100000 - 38 - 34);
  CHECK(bal.data()["upcoming_expirations"].is_array());
  auto hist = sim.get("/credits/history?per_page=2");
  CHECK(hist.data().size() == 2);
  CHECK(hist.body["pagination"] == Json{{"page", 1}, {"per_page", 2}, {"total", 3}, {"total_pages", 2}});
  CHECK(hist.data()[0]["amount"] == -34);  // newest first
  CHECK(hist.data()[0]["balance_after"] == 100000 - 72);
  CHECK(hist.data()[1]["breakdown"]["video_slots"] == 6);
  CHECK(sim.get("/credits/history?date_from=2027-01-11").data().empty());
  CHECK(sim.get("/credits/history?date_from=bad").code() == "VALIDATION_ERROR");
}

TEST_CASE("the simulated clock control moves today forward only") {
  SimHarness sim;
  CHECK(sim.control("GET", "/__sim/clock").data()["today"] == "2027-01-10");
  CHECK(sim.control("POST", "/__sim/clock", Json{{"advance_days", 2}}).data()["today"] == "2027-01-12");
  CHECK(sim.control("POST", "/__sim/clock", Json{{"date", "2027-02-01"}}).data()["today"] == "2027-02-01");
  CHECK(sim.control("POST", "/__sim/clock", Json{{"date", "2027-01-01"}}).status == 400);
  CHECK(sim.get("/me").header("Date").find("01 Feb 2027") != std::string::npos);
}

TEST_CASE("replies are JSON and never compressed, so the simulator is not what a benchmark measures") {
  SimHarness sim;
  sim.create_bundle("USA", 3);
  auto r = sim.get("/bundles", {{"Accept-Encoding", "br, gzip, deflate"}});
  CHECK(r.status == 200);
  CHECK(r.header("Content-Encoding").empty());
  CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
  CHECK(r.body["pagination"]["total"] == 1);
}
