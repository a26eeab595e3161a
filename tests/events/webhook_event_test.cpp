// The envelope parser: typed fields, precise refusals, no throw on any input.
#include <doctest/doctest.h>

#include <string>

#include "ugc/events/webhook_event.hpp"

using namespace ugc::events;

TEST_CASE("a TokPortal envelope parses into a typed event, unknown types included") {
  auto e = parse_webhook_event(
      R"({"id":"evt_9","type":"video.ai_labeled","api_version":"2026-05-25","created_at":"2026-05-25T12:00:00Z","data":{"video_id":"v1"}})");
  REQUIRE(e);
  CHECK(e->id == "evt_9");
  CHECK(e->type == "video.ai_labeled");
  CHECK(e->api_version == "2026-05-25");
  CHECK(e->created_at == "2026-05-25T12:00:00Z");
  CHECK(e->envelope["data"]["video_id"] == "v1");
  CHECK(parse_webhook_event(R"({"id":"e","type":"t"})"));  // optional members absent
}

TEST_CASE("bodies that are not webhook events are refused with a reason") {
  struct Bad {
    std::string body, reason;
  };
  const std::string long_id(kMaxEventIdLength + 1, 'x');
  for (const Bad& bad : {Bad{"", "is not JSON"}, Bad{"{\"id\":", "is not JSON"}, Bad{"[1,2]", "not a JSON object"},
                         Bad{R"({"type":"t"})", "has no \"id\""}, Bad{R"({"id":7,"type":"t"})", "\"id\" is not a string"},
                         Bad{R"({"id":"","type":"t"})", "\"id\" is empty"}, Bad{R"({"id":"e"})", "has no \"type\""},
                         Bad{R"({"id":"e","type":"t","data":[1]})", "\"data\" is not an object"},
                         Bad{R"({"id":"e","type":"t","created_at":5})", "\"created_at\" is not a string"},
                         Bad{"{\"id\":\"" + long_id + "\",\"type\":\"t\"}", "longer than"},
                         Bad{"{\"id\":\"e\xff\",\"type\":\"t\"}", "is not JSON"}}) {
    CAPTURE(bad.body);
    auto e = parse_webhook_event(bad.body);
    REQUIRE_FALSE(e);
    CHECK(e.error().code() == kEventMalformed);
    CHECK(e.error().message().find(bad.reason) != std::string::npos);
  }
}

TEST_CASE("a deeply nested body is refused or parsed without crashing") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK_FALSE(parse_webhook_event(deep));
  const std::string nested = R"({"id":"e","type":"t","data":{"x":)" + std::string(5000, '[') + std::string(5000, ']') + "}}";
  CHECK(parse_webhook_event(nested));
}
