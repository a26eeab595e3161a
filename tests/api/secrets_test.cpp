#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/fakes.hpp"
#include "support/child_process.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/uploads.hpp"

using namespace ugc;
using namespace ugc::api;

namespace {

// Captures everything logged at debug and above, *without* the redacting sink
// of ugc::log: what the client itself formats must already be clean.
struct LogCapture {
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
  LogCapture() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous); }
  std::string text() {
    spdlog::default_logger()->flush();
    return out.str();
  }
};

// A distinctive key the simulator accepts (--api-key), and a `ugc` run with it
// against that simulator, on a copy of the small apply campaign.
const std::string kCanaryKey = "tpk_SECRET_canary_8c1f3b9e2d7a4c60";

struct CanaryRig {
  ugc::testing::TempDir dir;
  ugc::testing::SimProcess sim{{"--clock", "2027-01-15", "--api-key", kCanaryKey}};
  std::string campaign = dir.file("campaign.yaml");

  CanaryRig() {
    namespace fs = std::filesystem;
    const fs::path small = fs::path(UGC_TEST_DATA) / "apply" / "small";
    fs::copy(small / "media", fs::path(dir.path()) / "media", fs::copy_options::recursive);
    fs::copy_file(small / "campaign.yaml", campaign);
  }
  ugc::testing::RunResult ugc(std::vector<std::string> args, const std::string& key = kCanaryKey) const {
    args.insert(args.begin(), UGC_BINARY);
    ugc::testing::RunOptions o;
    o.env["TOKPORTAL_API_KEY"] = key;
    o.env["TOKPORTAL_BASE_URL"] = sim.base_url();
    o.env["NO_COLOR"] = "1";
    o.cwd = dir.path();
    return ugc::testing::run_process(args, o);
  }
  int api_requests() const {
    int n = 0;
    const Json log = sim.get("/__sim/requests");
    if (!log.contains("data")) return -1;
    for (const Json& r : log["data"]) n += r.value("path", "").rfind("/__sim", 0) != 0;
    return n;
  }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Every command at debug level in `log_format`: the canary key occurs 0 times
// in stdout, stderr, the saved plan and the state file (with its WAL).
void expect_key_nowhere(const std::string& log_format) {
  CanaryRig rig;
  REQUIRE_MESSAGE(!rig.sim.base_url().empty(), rig.sim.error());
  const std::string state = rig.dir.file("state.db");
  const std::string saved = rig.dir.file("plan.json");
  const std::vector<std::string> global = {"--log-level", "debug", "--log-format", log_format};
  const std::vector<std::vector<std::string>> commands = {
      {"validate", rig.campaign},
      {"lint", rig.campaign},
      {"expand", rig.campaign, "--format", "json"},
      {"plan", rig.campaign, "--state", state},
      {"plan", rig.campaign, "--state", state, "--format", "json", "--out", saved},
      {"apply", saved, "--auto-approve", "--state", state},
      {"apply", rig.campaign, "--auto-approve", "--format", "json", "--state", state},
      {"state", "list", "--format", "json", "--state", state},
      {"state", "show", "apply-e2e-US-tiktok-1", "--state", state},
      {"state", "check", "--state", state},
      // Failing runs: an API that answers 404 to every call (not retried), a missing campaign.
      {"apply", rig.campaign, "--auto-approve", "--state", state, "--api-url", rig.sim.root_url() + "/nowhere"},
      {"apply", rig.dir.file("missing.yaml"), "--auto-approve", "--state", state},
  };
  int applied = 0;
  for (const auto& command : commands) {
    std::vector<std::string> args = global;
    args.insert(args.end(), command.begin(), command.end());
    auto run = rig.ugc(args);
    INFO("ugc " << command[0] << " " << command[1] << " exit " << run.exit_code << "\nstderr: " << run.err);
    CHECK(run.exit_code >= 0);
    CHECK(occurrences(run.out, kCanaryKey) == 0);
    CHECK(occurrences(run.err, kCanaryKey) == 0);
    applied += command[0] == "apply" && run.exit_code == 0;
  }
  CHECK(applied == 2);             // the key was used: both applies reached the simulator
  CHECK(rig.api_requests() > 0);
  REQUIRE(std::filesystem::exists(saved));
  REQUIRE(std::filesystem::exists(state));
  CHECK(occurrences(file_bytes(saved), kCanaryKey) == 0);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) CHECK(occurrences(file_bytes(state + suffix), kCanaryKey) == 0);
  CHECK(occurrences(rig.sim.output(), kCanaryKey) == 0);
}

}  // namespace

TEST_CASE("secrets: a distinctive key occurs 0 times in any command's output, text logs, plan or state") {
  expect_key_nowhere("text");
}

TEST_CASE("secrets: a distinctive key occurs 0 times in any command's output, JSON logs, plan or state") {
  expect_key_nowhere("json");
}

TEST_CASE("secrets: a key with a line break or another control character is refused before any request") {
  CanaryRig rig;
  REQUIRE_MESSAGE(!rig.sim.base_url().empty(), rig.sim.error());
  for (const std::string& bad : {kCanaryKey + "\nX-Injected: 1", kCanaryKey + "\r\nX-Injected: 1",
                                 kCanaryKey.substr(0, 10) + "\x7f" + kCanaryKey.substr(10)}) {
    for (const char* log_format : {"text", "json"}) {
      auto run = rig.ugc({"--log-format", log_format, "--log-level", "debug", "apply", rig.campaign, "--auto-approve",
                          "--state", rig.dir.file("state.db")},
                         bad);
      INFO("stderr: " << run.err);
      CHECK(run.exit_code == 1);
      CHECK(run.err.find("TOKPORTAL_API_KEY holds a control character") != std::string::npos);
      CHECK(run.err.find("canary") == std::string::npos);  // not even a part of the key
    }
  }
  CHECK(rig.api_requests() == 0);
}

TEST_CASE("the API key appears in no log line and no error message of a failing request") {
  const std::string key = "sk_" + std::string(64, 'a').replace(10, 6, "5ec4e7");
  auto transport = std::make_shared<test::FakeTransport>();
  auto clock = std::make_shared<ugc::testing::FakeClock>();
  ClientOptions o;
  o.base_url = "http://api.test";
  o.api_key = key;
  o.retry.max_attempts = 3;
  Client client(o, transport, clock);
  LogCapture capture;

  // A hostile or buggy server echoes the key back in every way it can.
  transport->push(test::http(503, "<html>bad gateway for key " + key + "</html>", {{"Content-Type", "text/html"}}));
  transport->push_error(Error(ErrorKind::transient, "connection dropped while sending X-API-Key: " + key,
                              kConnectionDropped));
  transport->push(test::api_error(401, "AUTH_INVALID_KEY", "unknown key " + key,
                                  {{"X-TokPortal-Request-ID", "req_" + key}}));
  auto r = client.request(Request::get("/me"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code() == "AUTH_INVALID_KEY");
  CHECK(r.error().message().find(key) == std::string::npos);
  CHECK(r.error().message().find("[REDACTED]") != std::string::npos);
  std::string logged = capture.text();
  CHECK_FALSE(logged.empty());  // the retries were logged at debug
  CHECK(logged.find(key) == std::string::npos);
  // The key went where it belongs: the X-API-Key header.
  CHECK(transport->sent().at(0).headers.get("X-API-Key") == key);
}

TEST_CASE("a presigned upload_url never reaches logs or errors") {
  const std::string upload_url = "https://storage.test/bucket/v.mp4?X-Amz-Signature=deadbeefcafe0123456789";
  auto transport = std::make_shared<test::FakeTransport>();
  ClientOptions o;
  o.base_url = "http://api.test";
  o.api_key = "sk_presign_test_key_0000";
  o.retry.max_attempts = 2;
  Client client(o, transport, std::make_shared<ugc::testing::FakeClock>());
  LogCapture capture;

  std::string file = std::string(UGC_TEST_DATA) + "/api/tiny.mp4";
  transport->push(test::ok(Json{{"upload_url", upload_url}, {"public_url", "https://cdn.test/v.mp4"}}));
  transport->push(test::http(500, "<Error><SignatureProvided>deadbeefcafe0123456789</SignatureProvided></Error>",
                             {{"Content-Type", "application/xml"}}));
  transport->push_error(Error(ErrorKind::transient, "connection dropped to " + upload_url, kConnectionDropped));
  auto r = upload_video_presigned(client, "b1", file);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message().find(upload_url) == std::string::npos);
  CHECK(r.error().message().find("deadbeefcafe") == std::string::npos);
  CHECK(capture.text().find(upload_url) == std::string::npos);
  auto sent = transport->sent();
  REQUIRE(sent.size() == 3);
  CHECK_FALSE(sent[0].headers.get("Idempotency-Key"));  // sensitive: no key
  CHECK(sent[1].url == upload_url);
  CHECK(sent[1].method == "PUT");
  CHECK_FALSE(sent[1].headers.get("X-API-Key"));  // the key never goes to storage
}
