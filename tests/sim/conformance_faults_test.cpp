// Conformance: fault injection (--fail-rate, --extra-429-rate, --drop-rate,
// --latency-ms) and the guarantee clients rely on: retrying with the same
// Idempotency-Key never charges twice.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>

#include "sim_harness.hpp"

using namespace simtest;

TEST_CASE("a dropped connection: the client gets no response, the work was done, the replay answers") {
  SimHarness sim;
  sim.control("POST", "/__sim/faults", Json{{"drop_rate", 1.0}});
  Json body{{"bundle_type", "account_only"}, {"country", "FR"}};
  auto dropped = sim.post("/bundles", body, {{"Idempotency-Key", "drop-1"}});
  CHECK_FALSE(dropped.ok);
  sim.control("POST", "/__sim/faults", Json{{"drop_rate", 0.0}});
  CHECK(sim.get("/bundles").body["pagination"]["total"] == 1);
  auto replay = sim.post("/bundles", body, {{"Idempotency-Key", "drop-1"}});
  CHECK(replay.status == 201);
  CHECK(replay.header("Idempotent-Replayed") == "true");
  auto log = sim.control("GET", "/__sim/requests").data();
  CHECK(log[0]["dropped"] == true);
}

TEST_CASE("a dropped connection is a network error for curl too") {
  SimHarness sim;
  sim.control("POST", "/__sim/faults", Json{{"drop_rate", 1.0}});
  const std::string cmd = "curl -sS -o /dev/null -X POST http://127.0.0.1:" + std::to_string(sim.server().port()) +
                          "/api/ext/bundles -H 'X-API-Key: " + kDemoKey +
                          "' -H 'Content-Type: application/json' -d '{\"bundle_type\":\"account_only\",\"country\":\"FR\"}'"
                          " 2>/dev/null";
  int rc = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(rc));
  const int code = WEXITSTATUS(rc);
  CHECK((code == 52 || code == 56));  // empty reply / connection reset
}

TEST_CASE("fail-rate and extra-429-rate answer before anything runs") {
  SimHarness sim;
  sim.control("POST", "/__sim/faults", Json{{"fail_rate", 1.0}});
  auto r = sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "FR"}});
  CHECK(r.status == 503);
  sim.control("POST", "/__sim/faults", Json{{"fail_rate", 0.0}, {"extra_429_rate", 1.0}});
  auto limited = sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "FR"}});
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After") == "1");
  CHECK(limited.code() == "RATE_LIMIT_EXCEEDED");
  sim.control("POST", "/__sim/faults", Json{{"extra_429_rate", 0.0}});
  CHECK(sim.get("/bundles").body["pagination"]["total"] == 0);
  CHECK(sim.control("POST", "/__sim/faults", Json{{"drop_rate", 2}}).status == 400);
}

TEST_CASE("latency is added to API requests") {
  SimHarness sim;
  sim.control("POST", "/__sim/faults", Json{{"latency_ms", 150}});
  auto t0 = std::chrono::steady_clock::now();
  sim.get("/me");
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(150));
}

TEST_CASE("under faults, retrying with the same key charges each key exactly once") {
  auto o = default_options();
  o.faults.fail_rate = 0.2;
  o.faults.extra_429_rate = 0.1;
  o.faults.drop_rate = 0.3;
  SimHarness sim(o);
  sim.client().set_read_timeout(2, 0);
  const int kBundles = 25;
  int attempts = 0;
  for (int i = 0; i < kBundles; ++i) {
    const std::string key = "apply-create-" + std::to_string(i);
    Json body{{"bundle_type", "account_and_videos"}, {"country", "SE"}, {"videos_quantity", 1 + i % 3}};
    for (int tries = 0; tries < 50; ++tries) {
      ++attempts;
      auto r = sim.post("/bundles", body, {{"Idempotency-Key", key}});
      if (r.ok && r.status == 201) break;
      REQUIRE((!r.ok || r.status == 503 || r.status == 429));
    }
  }
  CHECK(attempts > kBundles);  // faults really happened
  sim.control("POST", "/__sim/faults", Json{{"fail_rate", 0}, {"extra_429_rate", 0}, {"drop_rate", 0}});
  auto ledger = sim.control("GET", "/__sim/ledger").data();
  std::map<std::string, int> charges;
  for (const auto& e : ledger)
    if (e["type"] == "debit") ++charges[e["idempotency_key"].get<std::string>()];
  CHECK(charges.size() == kBundles);
  for (const auto& charge : charges) CHECK_MESSAGE(charge.second == 1, charge.first);
  CHECK(sim.get("/bundles?per_page=100").body["pagination"]["total"] == kBundles);
}

TEST_CASE("fault draws are deterministic for a seed") {
  auto run = [] {
    auto o = default_options();
    o.faults.fail_rate = 0.5;
    SimHarness sim(o);
    std::string pattern;
    for (int i = 0; i < 20; ++i) pattern += sim.get("/me").status == 200 ? '.' : 'x';
    return pattern;
  };
  CHECK(run() == run());
}
