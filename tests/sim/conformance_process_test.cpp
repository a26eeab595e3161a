// Conformance against `ugc sim` as a real process: the CLI flags, the printed
// base URL, and the curl examples of docs/sim.md run unchanged.
#include <doctest/doctest.h>

#include <cstdlib>

#include "sim_harness.hpp"
#include "support/child_process.hpp"

using namespace simtest;
using ugc::testing::SimProcess;

TEST_CASE("ugc sim --port 0 prints its base URL and serves the API") {
  SimProcess sim({"--clock", "2027-03-01", "--seed", "3"});
  REQUIRE_MESSAGE(sim.error().empty(), sim.error());
  CHECK(sim.output().rfind("ugc sim: listening on http://127.0.0.1:", 0) == 0);
  CHECK(sim.base_url().size() > 8);
  CHECK(sim.base_url().substr(sim.base_url().size() - 8) == "/api/ext");
  httplib::Client c("127.0.0.1", sim.port());
  auto r = c.Get("/api/ext/me", {{"X-API-Key", kDemoKey}});
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Date").find("01 Mar 2027") != std::string::npos);
  CHECK(sim.stop() == 0);
}

TEST_CASE("the curl examples of docs/sim.md run unchanged against ugc sim") {
  SimProcess sim({"--clock", "2027-03-01"});
  const std::string cmd = std::string("bash ") + UGC_SOURCE_DIR + "/tests/sim/curl_examples.sh " + sim.base_url() + " " +
                          kDemoKey + " >/dev/null";
  int rc = std::system(cmd.c_str());
  CHECK(WIFEXITED(rc));
  CHECK(WEXITSTATUS(rc) == 0);
}

TEST_CASE("bad flags are refused with a non-zero exit") {
  const std::string bin = UGC_BINARY;
  CHECK(WEXITSTATUS(std::system((bin + " sim --clock 2027-02-30 --port 0 >/dev/null 2>&1").c_str())) == 1);
  CHECK(WEXITSTATUS(std::system((bin + " sim --fail-rate 2 >/dev/null 2>&1").c_str())) != 0);
  CHECK(WEXITSTATUS(std::system((bin + " sim --max-connections 0 >/dev/null 2>&1").c_str())) != 0);
  CHECK(WEXITSTATUS(std::system((bin + " sim --max-body 10 >/dev/null 2>&1").c_str())) != 0);
}

TEST_CASE("ugc sim --max-body sets the body limit") {
  SimProcess sim({"--max-body", "2048"});
  REQUIRE_MESSAGE(sim.error().empty(), sim.error());
  httplib::Client c("127.0.0.1", sim.port());
  auto r = c.Post("/api/ext/bundles", {{"X-API-Key", kDemoKey}}, std::string(4096, ' '), "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(Json::parse(r->body)["error"]["details"]["max_bytes"] == 2048);
}

TEST_CASE("keys from UGC_SIM_API_KEYS are accepted") {
  setenv("UGC_SIM_API_KEYS", "ci-key-1,ci-key-2", 1);
  SimProcess sim;
  unsetenv("UGC_SIM_API_KEYS");
  httplib::Client c("127.0.0.1", sim.port());
  auto r = c.Get("/api/ext/me", {{"X-API-Key", "ci-key-2"}});
  REQUIRE(r);
  CHECK(r->status == 200);
}
