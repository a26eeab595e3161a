#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "api/fakes.hpp"
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

}  // namespace

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
