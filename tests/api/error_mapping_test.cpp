#include <doctest/doctest.h>

#include "api/fakes.hpp"
#include "ugc/api/api_error.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/response.hpp"

using namespace ugc;
using namespace ugc::api;
using test::api_error;
using test::http;

namespace {

Result<Response> parse(const HttpResponse& r) { return parse_response("POST /bundles", r, true); }

}  // namespace

TEST_CASE("HTTP statuses map to error kinds, the API's code is kept") {
  struct Case {
    int status;
    ErrorKind kind;
  };
  for (Case c : {Case{400, ErrorKind::invalid_input}, Case{401, ErrorKind::invalid_input},
                 Case{402, ErrorKind::invalid_input}, Case{403, ErrorKind::invalid_input},
                 Case{404, ErrorKind::not_found}, Case{409, ErrorKind::conflict},
                 Case{428, ErrorKind::invalid_input}, Case{429, ErrorKind::rate_limited},
                 Case{408, ErrorKind::transient}, Case{500, ErrorKind::transient},
                 Case{503, ErrorKind::transient}}) {
    CAPTURE(c.status);
    auto r = parse(api_error(c.status, "SOME_CODE", "text"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind() == c.kind);
    CHECK(r.error().code() == "SOME_CODE");
  }
}

TEST_CASE("the message names the call, the server's request id, the code and the message") {
  auto r = parse(api_error(404, "BUNDLE_NOT_FOUND", "Bundle not found", {{"X-TokPortal-Request-ID", "req_42"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == "POST /bundles (request req_42): BUNDLE_NOT_FOUND: Bundle not found");
}

TEST_CASE("402 is invalid_input with code INSUFFICIENT_CREDITS, even without a body code") {
  auto r = parse(http(402, R"({"error":{"message":"not enough"}})"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::invalid_input);
  CHECK(r.error().code() == "INSUFFICIENT_CREDITS");
}

TEST_CASE("an HTML error page from a proxy gives a precise error, not a crash") {
  auto r = parse(http(502, "<html><head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>",
                      {{"Content-Type", "text/html"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::transient);
  CHECK(r.error().code().empty());
  CHECK(r.error().message().find("HTTP 502 without a TokPortal error body (text/html)") != std::string::npos);
  CHECK(r.error().message().find("502 Bad Gateway") != std::string::npos);
}

TEST_CASE("a 2xx whose body is not JSON, or not an envelope, is MALFORMED_RESPONSE") {
  auto truncated = parse(http(201, R"({"data":{"id":"b1")"));
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().code() == kMalformedResponse);
  CHECK(truncated.error().message().find("body is not JSON") != std::string::npos);

  auto html = parse(http(200, "<html>captive portal</html>", {{"Content-Type", "text/html"}}));
  REQUIRE_FALSE(html.ok());
  CHECK(html.error().message().find("text/html") != std::string::npos);

  auto no_data = parse(http(200, R"({"id":"b1"})"));
  REQUIRE_FALSE(no_data.ok());
  CHECK(no_data.error().message().find("no \"data\" member") != std::string::npos);

  auto array = parse(http(200, R"([1,2])"));
  REQUIRE_FALSE(array.ok());
  CHECK(array.error().code() == kMalformedResponse);

  auto empty = parse(http(200, ""));
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code() == kMalformedResponse);
}

TEST_CASE("an error body with the wrong shape still maps by status") {
  auto r = parse(http(409, R"({"error":"just a string"})"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::conflict);
  CHECK(r.error().message().find("HTTP 409") != std::string::npos);
}

TEST_CASE("the envelope is unwrapped, unknown fields are tolerated") {
  auto r = parse(http(201,
                      R"({"data":{"bundle_id":"b9","new_field":{"x":1}},"credits_charged":38,
                          "credits_remaining":962,"cost_breakdown":{"total":38},"future_sibling":true})",
                      {{"Idempotent-Replayed", "true"}, {"x-request-id", "req_7"}}));
  REQUIRE(r.ok());
  CHECK(r->status == 201);
  CHECK(id_of(r->data()) == "b9");
  CHECK(r->credits_charged == 38);
  CHECK(r->credits_remaining == 962);
  CHECK(r->replayed);
  CHECK(r->request_id == "req_7");
}

TEST_CASE("id_of reads data.id, else data.bundle_id") {
  CHECK(id_of(Json{{"id", "a"}, {"bundle_id", "b"}}) == "a");
  CHECK(id_of(Json{{"bundle_id", "b"}}) == "b");
  CHECK(id_of(Json{{"id", ""}, {"bundle_id", "b"}}) == "b");
  CHECK(id_of(Json{{"id", 5}}).empty());
  CHECK(id_of(Json::array()).empty());
}

TEST_CASE("204 No Content is a success with no data, text answers are kept raw") {
  auto r = parse(http(204, ""));
  REQUIRE(r.ok());
  CHECK(r->data().is_null());
  auto csv = parse_response("GET /analytics/export/videos", http(200, "a,b\n1,2\n", {{"Content-Type", "text/csv"}}),
                            false);
  REQUIRE(csv.ok());
  CHECK(csv->text == "a,b\n1,2\n");
}

TEST_CASE("absurd numbers in the envelope are ignored, not cast") {
  auto r = parse(http(200, R"({"data":{},"credits_charged":1e300,"credits_remaining":18446744073709551615})"));
  REQUIRE(r.ok());
  CHECK_FALSE(r->credits_charged);
  CHECK_FALSE(r->credits_remaining);
}
