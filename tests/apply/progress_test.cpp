#include "ugc/apply/progress.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "support/fake_clock.hpp"
#include "ugc/apply/outcome.hpp"
#include "ugc/core/json.hpp"

using namespace ugc;
using namespace ugc::apply;

namespace {

// A FILE* whose contents we can read back.
struct Capture {
  char* buf = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buf, &size);
  ~Capture() {
    std::fclose(f);
    std::free(buf);
  }
  std::string text() {
    std::fflush(f);
    return std::string(buf, size);
  }
};

ActionOutcome outcome(std::string id, NodeStatus status, int requests, long long credits = 0) {
  ActionOutcome o;
  o.id = id;
  o.kind = "create_bundle";
  o.description = "create bundle " + id;
  o.status = status;
  o.requests = requests;
  o.credits = credits;
  return o;
}

}  // namespace

TEST_CASE("progress: CI style prints one line per finished action, with the failure's code and request id") {
  Capture cap;
  auto p = make_progress_reporter(ProgressStyle::log_lines, cap.f, std::make_shared<ugc::testing::FakeClock>());
  p->begin(3, 3);
  p->started("a");
  p->finished(outcome("a", NodeStatus::ok, 1, 38));
  auto failed = outcome("b", NodeStatus::failed, 1);
  failed.error_code = "INSUFFICIENT_CREDITS";
  failed.http_status = 402;
  failed.request_id = "req_123";
  p->finished(failed);
  auto skipped = outcome("c", NodeStatus::skipped, 0);
  skipped.blocked_by = "b";
  p->finished(skipped);
  p->end();
  std::string text = cap.text();
  CHECK(text ==
        "[1/3] ok create bundle a (38 credits)\n"
        "[2/3] failed create bundle b: INSUFFICIENT_CREDITS (HTTP 402) request_id=req_123\n"
        "[3/3] skipped create bundle c (waits for b)\n");
  CHECK(text.find('\r') == std::string::npos);  // no terminal control in logs
}

TEST_CASE("progress: with JSON logs every line is one JSON record with the counts as fields") {
  Capture cap;
  auto p = make_progress_reporter(ProgressStyle::json_lines, cap.f, std::make_shared<ugc::testing::FakeClock>());
  p->begin(2, 2);
  p->started("a");
  p->finished(outcome("a", NodeStatus::ok, 1, 38));
  auto failed = outcome("b", NodeStatus::failed, 1);
  failed.error_code = "INSUFFICIENT_CREDITS";
  p->finished(failed);
  p->end();
  std::string text = cap.text();
  CHECK(text.find('\r') == std::string::npos);
  std::vector<Json> records;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    REQUIRE(end != std::string::npos);  // every record ends its line
    records.push_back(Json::parse(text.substr(begin, end - begin)));  // throws (fails) on a non-JSON line
    begin = end + 1;
  }
  REQUIRE(records.size() == 3);
  CHECK(records[0]["msg"] == "[1/2] ok create bundle a (38 credits)");
  CHECK(records[0]["level"] == "info");
  CHECK(records[0]["done"] == 1);
  CHECK(records[1]["level"] == "error");
  CHECK(records[1]["status"] == "failed");
  CHECK(records[1]["action"] == "b");
  CHECK(records[2]["event"] == "progress");
  CHECK(records[2]["total"] == 2);
  CHECK(records[2]["msg"].get<std::string>().find("1 failed") != std::string::npos);
}

TEST_CASE("progress: on a terminal one line is redrawn in place with rate, ETA and credits") {
  Capture cap;
  auto clock = std::make_shared<ugc::testing::FakeClock>();
  auto p = make_progress_reporter(ProgressStyle::live_line, cap.f, clock, std::chrono::milliseconds(100));
  p->begin(4, 8);
  p->started("a");
  p->started("b");
  clock->advance(std::chrono::milliseconds(2000));
  p->finished(outcome("a", NodeStatus::ok, 2, 38));  // 2 requests in 2 s: 1 req/s, 6 left -> ETA 0:06
  std::string text = cap.text();
  CHECK(text.find("\r\x1b[K[1/4] 1 in flight, 1.0 req/s, ETA 0:06, 38 credits") != std::string::npos);
  CHECK(text.find('\n') == std::string::npos);  // still one line

  // Redraws are throttled: an event 10 ms later does not redraw.
  std::size_t before = cap.text().size();
  clock->advance(std::chrono::milliseconds(10));
  p->started("c");
  CHECK(cap.text().size() == before);

  // A failure is printed as a permanent line above the live one.
  clock->advance(std::chrono::milliseconds(10));
  auto failed = outcome("b", NodeStatus::failed, 1);
  failed.error_code = "VALIDATION_ERROR";
  failed.http_status = 400;
  p->finished(failed);
  text = cap.text();
  CHECK(text.find("failed create bundle b: VALIDATION_ERROR (HTTP 400)\n") != std::string::npos);
  CHECK(text.find("1 failed") != std::string::npos);
  p->end();
  CHECK(cap.text().back() == '\n');
}

TEST_CASE("progress: ETA formats") {
  CHECK(format_eta(0) == "0:00");
  CHECK(format_eta(61.4) == "1:01");
  CHECK(format_eta(3723) == "1:02:03");
  CHECK(format_eta(-1) == "--");
}

TEST_CASE("apply result: JSON document and summary say what failed and what was skipped") {
  ApplyResult result;
  result.planned_requests = 3;
  result.planned_credits = 38;
  result.actions.push_back(outcome("create-a", NodeStatus::ok, 1, 38));
  auto failed = outcome("create-b", NodeStatus::failed, 2);
  failed.error_code = "INSUFFICIENT_CREDITS";
  failed.error_message = "need 38, have 0";
  failed.http_status = 402;
  failed.request_id = "req_9";
  result.actions.push_back(failed);
  auto skipped = outcome("publish-b", NodeStatus::skipped, 0);
  skipped.blocked_by = "create-b";
  result.actions.push_back(skipped);

  CHECK_FALSE(result.complete());
  auto doc = to_json(result, 3);
  CHECK(doc["status"] == "partial");
  CHECK(doc["exit_code"] == 3);
  CHECK(doc["summary"]["failed"] == 1);
  CHECK(doc["summary"]["requests"] == 3);
  CHECK(doc["summary"]["credits_charged"] == 38);
  REQUIRE(doc["actions"].size() == 3);
  CHECK(doc["actions"][1]["id"] == "create-b");
  CHECK(doc["actions"][1]["status"] == "failed");
  CHECK(doc["actions"][1]["http_status"] == 402);
  CHECK(doc["actions"][1]["error_code"] == "INSUFFICIENT_CREDITS");
  CHECK(doc["actions"][1]["request_id"] == "req_9");
  CHECK(doc["actions"][2]["status"] == "skipped");
  CHECK(doc["actions"][2]["blocked_by"] == "create-b");
  CHECK(doc["actions"][0]["error_code"].is_null());

  std::string summary = render_summary(result, false);
  CHECK(summary.find("failed   create bundle create-b: INSUFFICIENT_CREDITS (need 38, have 0), HTTP 402, request id req_9") !=
        std::string::npos);
  CHECK(summary.find("skipped  create bundle publish-b (waits for create-b)") != std::string::npos);
  CHECK(summary.find("1 succeeded, 1 failed, 1 skipped") != std::string::npos);
  CHECK(summary.find("\x1b[") == std::string::npos);

  result.actions.resize(1);
  CHECK(result.complete());
  CHECK(to_json(result, 0)["status"] == "ok");
}
