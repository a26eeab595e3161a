// Conformance: --state FILE keeps the world across restarts (SQLite).
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "sim_harness.hpp"

using namespace simtest;

TEST_CASE("the world survives a restart with --state") {
  const auto path = std::filesystem::temp_directory_path() / ("ugc-sim-state-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto o = default_options();
  o.state_file = path.string();
  std::string id, first_after_restart;
  {
    SimHarness sim(o);
    id = sim.create_bundle("NL", 2);
    sim.configure_account(id);
    sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "NL"}}, {{"Idempotency-Key", "k1"}});
    sim.control("POST", "/__sim/clock", Json{{"advance_days", 1}});
  }
  {
    o.clock.reset();  // the saved clock wins when --clock is not given
    SimHarness sim(o);
    auto b = sim.get("/bundles/" + id);
    REQUIRE(b.status == 200);
    CHECK(b.data()["account_status"] == "configured");
    CHECK(sim.get("/credits/balance").data()["total_credits"] == 100000 - 36 - 32);
    CHECK(sim.control("GET", "/__sim/clock").data()["today"] == "2027-01-11");
    auto replay = sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "NL"}}, {{"Idempotency-Key", "k1"}});
    CHECK(replay.header("Idempotent-Replayed") == "true");
    auto fresh = sim.create_bundle("NL", 1);
    CHECK(fresh != id);
    CHECK(sim.get("/bundles").body["pagination"]["total"] == 3);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

TEST_CASE("a corrupt state file is refused with a clear error") {
  const auto path = std::filesystem::temp_directory_path() / ("ugc-sim-bad-" + std::to_string(::getpid()) + ".db");
  {
    std::FILE* f = std::fopen(path.string().c_str(), "w");
    std::fputs("this is not sqlite", f);
    std::fclose(f);
  }
  auto o = default_options();
  o.state_file = path.string();
  ugc::sim::SimServer server(o);
  auto s = server.start();
  CHECK_FALSE(s.ok());
  std::filesystem::remove(path);
}
