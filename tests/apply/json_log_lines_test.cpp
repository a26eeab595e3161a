// With --log-format json, stderr holds only JSON records: errors, notices, the
// plan shown before an apply, and progress; so a log collector can parse every line.
#include <doctest/doctest.h>

#include <fstream>

#include "apply/apply_session.hpp"

using ugc::Json;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

namespace {

const std::string kJsonLogCampaign = std::string(UGC_TEST_DATA) + "/apply/small";

// Every line of `err` parsed as a JSON log record (fails the test on one that is not).
std::vector<Json> json_log_records(const std::string& err) {
  std::vector<Json> records;
  for (std::size_t begin = 0; begin < err.size();) {
    std::size_t end = err.find('\n', begin);
    REQUIRE_MESSAGE(end != std::string::npos, "the last stderr line has no newline: " << err.substr(begin));
    std::string line = err.substr(begin, end - begin);
    Json record = Json::parse(line, nullptr, false);
    INFO("stderr line: " << line);
    REQUIRE_FALSE(record.is_discarded());
    CHECK(record.contains("ts_ms"));
    CHECK(record["level"].is_string());
    CHECK(record["msg"].is_string());
    records.push_back(std::move(record));
    begin = end + 1;
  }
  return records;
}

}  // namespace

TEST_CASE("json logs: every stderr line of a failing command is a JSON record") {
  ApplySession s(kJsonLogCampaign);
  std::ofstream(s.file("broken.yaml")) << "version: 1\ncampaign: [unclosed\n";
  const std::vector<std::vector<std::string>> failing = {
      {"apply", s.file("missing.yaml"), "--auto-approve", "--state", s.state()},
      {"apply", s.campaign(), "--state", s.state()},  // no terminal, no --auto-approve
      {"apply", s.file("broken.yaml"), "--auto-approve", "--format", "json", "--state", s.state()},
      {"expand", s.file("broken.yaml")},
      {"plan"},                                        // a flag error from the command line parser
      {"state", "show", "nothing-here", "--state", s.state()},
  };
  for (const auto& command : failing) {
    std::vector<std::string> args = {"--log-format", "json", "--log-level", "debug"};
    args.insert(args.end(), command.begin(), command.end());
    RunResult run = s.ugc(args);
    INFO("ugc " << command[0] << " exit " << run.exit_code << "\nstderr: " << run.err);
    CHECK(run.exit_code != 0);
    auto records = json_log_records(run.err);
    int errors = 0;
    for (const Json& r : records) errors += r["level"] == "error";
    CHECK(errors >= 1);  // the error itself is one of the records
  }
}

TEST_CASE("json logs: an apply with progress writes only JSON records to stderr") {
  ApplySession s(kJsonLogCampaign);
  RunResult run = s.ugc({"--log-format", "json", "--log-level", "debug", "apply", s.campaign(), "--auto-approve",
                         "--format", "json", "--state", s.state()});
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  auto records = json_log_records(run.err);
  int actions = 0, totals = 0, plan_lines = 0;
  for (const Json& r : records) {
    actions += r.value("event", "") == "action";
    totals += r.value("event", "") == "progress";
    plan_lines += r["msg"].get<std::string>().find("apply-e2e-US-tiktok-1") != std::string::npos;
  }
  CHECK(actions > 0);
  CHECK(totals == 1);
  CHECK(plan_lines > 0);  // the plan shown before applying, as records too
  CHECK_FALSE(Json::parse(run.out, nullptr, false).is_discarded());  // stdout: the result document only
}
