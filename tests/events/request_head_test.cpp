// The receiver's HTTP head parser: limits on size and header count, and the
// refusals that keep request smuggling out (chunked bodies, repeated lengths).
#include <doctest/doctest.h>

#include "ugc/events/request_head.hpp"

using namespace ugc::events;

TEST_CASE("a delivery head parses with case-insensitive header lookup") {
  auto head = parse_request_head(
      "POST /hooks/tokportal HTTP/1.1\r\nHost: x\r\ncontent-length:  42 \r\nTokPortal-Signature: t=1,v1=ab\r\n", {});
  REQUIRE(head);
  CHECK(head->method == "POST");
  CHECK(head->target == "/hooks/tokportal");
  CHECK(head->header("Content-Length") == std::optional<std::string_view>("42"));
  CHECK(head->header("tokportal-signature") == std::optional<std::string_view>("t=1,v1=ab"));
  CHECK_FALSE(head->header("TokPortal-Event-Id"));
  CHECK(head->content_length().value() == 42);
  CHECK(head->keep_alive());
}

TEST_CASE("keep-alive follows the HTTP version and the Connection header") {
  CHECK_FALSE(parse_request_head("POST / HTTP/1.1\r\nConnection: close", {})->keep_alive());
  CHECK_FALSE(parse_request_head("POST / HTTP/1.0", {})->keep_alive());
  CHECK(parse_request_head("POST / HTTP/1.0\nConnection: Keep-Alive", {})->keep_alive());
}

TEST_CASE("heads beyond the limits are HEAD_TOO_LARGE") {
  HttpHeadLimits limits;
  limits.max_headers = 3;
  limits.max_head_bytes = 200;
  CHECK(parse_request_head("POST / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3", limits));
  CHECK(parse_request_head("POST / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4", limits).error().code() == kHeadTooLarge);
  CHECK(parse_request_head("POST / HTTP/1.1\r\na: " + std::string(200, 'x'), limits).error().code() == kHeadTooLarge);
}

TEST_CASE("malformed heads and ambiguous body lengths are HEAD_MALFORMED") {
  for (const char* bad : {"", "POST", "POST /", "POST / HTTP/2", "POST  / HTTP/1.1", "P\x01ST / HTTP/1.1",
                          "POST / HTTP/1.1\r\nno colon", "POST / HTTP/1.1\r\n: empty name",
                          "POST / HTTP/1.1\r\na: 1\r\n folded", "POST / HTTP/1.1\r\n\r\na: 1"}) {
    CAPTURE(bad);
    auto head = parse_request_head(bad, {});
    REQUIRE_FALSE(head);
    CHECK(head.error().code() == kHeadMalformed);
  }
  for (const char* bad : {"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5",
                          "POST / HTTP/1.1\r\nTransfer-Encoding: chunked", "POST / HTTP/1.1\r\nContent-Length: -1",
                          "POST / HTTP/1.1\r\nContent-Length: 1e3", "POST / HTTP/1.1\r\nContent-Length: ",
                          "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999"}) {
    CAPTURE(bad);
    auto head = parse_request_head(bad, {});
    REQUIRE(head);
    CHECK(head->content_length().error().code() == kHeadMalformed);
  }
  CHECK(parse_request_head("POST / HTTP/1.1", {})->content_length().value() == 0);
}
