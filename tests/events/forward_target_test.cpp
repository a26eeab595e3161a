// The two kinds of forwarding target against real peers: --forward POSTs to a
// loopback HTTP server (the signature checked here with OpenSSL's HMAC, not
// ugc's), --on-event runs a real /bin/sh command.
#include <doctest/doctest.h>
#include <httplib.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/api/curl_transport.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/events/command_target.hpp"
#include "ugc/events/http_forward_target.hpp"

using namespace ugc;
using namespace ugc::events;

namespace {

std::string openssl_hmac_hex(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &length);
  std::ostringstream hex;
  for (unsigned int i = 0; i < length; ++i) hex << "0123456789abcdef"[digest[i] >> 4] << "0123456789abcdef"[digest[i] & 15];
  return hex.str();
}

// A tracker on loopback that answers `status` and keeps the last request.
struct TrackerStub {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  int status = 200;
  std::mutex mu;
  httplib::Request last;
  int requests = 0;

  TrackerStub() {
    server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard hold(mu);
      last = req;
      ++requests;
      res.status = status;
      res.set_content(status == 200 ? "{}" : "{\"error\":\"tracker down\"}", "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TrackerStub() {
    server.stop();
    thread.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + "/hooks/ugc"; }
};

const std::string kForwardBody =
    R"({"api_version":"2026-05-25","data":{"bundle_id":"b1","status":"published"},"id":"evt_1","type":"bundle.published"})";

std::string read_whole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("forward: the tracker gets the event re-signed with the user's own secret, verifiable as TokPortal's") {
  TrackerStub tracker;
  api::CurlTransport transport;
  auto clock = make_system_clock();
  const std::string secret = "user-tracker-secret-42";
  HttpForwardTarget target(tracker.url(), secret, transport, clock, std::chrono::seconds(5));
  CHECK(target.name() == "forward:" + tracker.url());

  REQUIRE(target.send({"evt_1", "bundle.published", kForwardBody, 2}).ok());
  std::lock_guard hold(tracker.mu);
  CHECK(tracker.last.body == kForwardBody);
  CHECK(tracker.last.get_header_value("TokPortal-Event-Id") == "evt_1");
  CHECK(tracker.last.get_header_value("TokPortal-Event-Type") == "bundle.published");
  CHECK(tracker.last.get_header_value("X-Ugc-Forward-Attempt") == "2");
  CHECK(tracker.last.get_header_value("Content-Type") == "application/json");
  const std::string header = tracker.last.get_header_value("TokPortal-Signature");
  const auto comma = header.find(",v1=");
  REQUIRE(header.rfind("t=", 0) == 0);
  REQUIRE(comma != std::string::npos);
  const std::string t = header.substr(2, comma - 2);
  const long long skew = std::llabs(std::atoll(t.c_str()) - static_cast<long long>(std::time(nullptr)));
  CHECK(skew <= 5);
  CHECK(header.substr(comma + 4) == openssl_hmac_hex(secret, t + "." + kForwardBody));
  CHECK(header.substr(comma + 4) != openssl_hmac_hex("whsec_the_tokportal_secret", t + "." + kForwardBody));
}

TEST_CASE("forward: a non-2xx answer fails the event, no answer at all fails the target") {
  TrackerStub tracker;
  tracker.status = 500;
  api::CurlTransport transport;
  HttpForwardTarget refused(tracker.url(), "s3cret-forward", transport, make_system_clock(), std::chrono::seconds(5));
  const Status answered = refused.send({"evt_1", "bundle.published", kForwardBody, 1});
  REQUIRE_FALSE(answered.ok());
  CHECK(answered.error().kind() != ErrorKind::transient);
  CHECK(answered.error().code() == kForwardRejected);
  CHECK(answered.error().message().find("HTTP 500") != std::string::npos);

  const std::string closed_url = "http://127.0.0.1:" + std::to_string(tracker.port) + "/";
  tracker.server.stop();
  // A fresh transport: the first one may still hold a kept-alive connection the stopped server answers on.
  api::CurlTransport fresh_transport;
  HttpForwardTarget unreachable(closed_url, "s3cret-forward", fresh_transport, make_system_clock(),
                                std::chrono::seconds(5));
  const Status nobody = unreachable.send({"evt_1", "bundle.published", kForwardBody, 1});
  REQUIRE_FALSE(nobody.ok());
  CHECK_MESSAGE(nobody.error().kind() == ErrorKind::transient, nobody.error().message());
}

TEST_CASE("on-event: the command gets the event JSON on stdin and its id and type in the environment, not the secrets") {
  testing::TempDir dir;
  ::setenv("UGC_WEBHOOK_SECRET", "whsec_must_not_leak", 1);
  const std::string command = "cat > '" + dir.file("stdin") + "' && echo \"$UGC_EVENT_ID $UGC_EVENT_TYPE " +
                              "$UGC_EVENT_ATTEMPT ${UGC_WEBHOOK_SECRET:-no-secret}\" > '" + dir.file("env") + "'";
  CommandTarget target(command, std::chrono::seconds(10));
  CHECK(target.name() == "on-event:" + command);
  const Status ran = target.send({"evt_1", "bundle.published", kForwardBody, 3});
  ::unsetenv("UGC_WEBHOOK_SECRET");
  REQUIRE_MESSAGE(ran.ok(), ran.error().message());
  CHECK(read_whole(dir.file("stdin")) == kForwardBody);
  CHECK(read_whole(dir.file("env")) == "evt_1 bundle.published 3 no-secret\n");
}

TEST_CASE("on-event: a non-zero exit or a timeout fails the event, with the end of stderr as the reason") {
  CommandTarget failing("echo 'tracker said no' >&2; exit 3", std::chrono::seconds(10));
  const Status failed = failing.send({"evt_1", "bundle.published", kForwardBody, 1});
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code() == kOnEventFailed);
  CHECK(failed.error().message() == "on-event command exited with 3: tracker said no");

  // The command ignores its stdin and sleeps: killed at the timeout (its
  // whole process group, so the sleep does not linger).
  CommandTarget hanging("sleep 30", std::chrono::milliseconds(300));
  const Status hung = hanging.send({"evt_1", "bundle.published", std::string(1 << 20, 'x'), 1});
  REQUIRE_FALSE(hung.ok());
  CHECK(hung.error().message().find("timed out") != std::string::npos);

  CommandTarget exits_at_once("true", std::chrono::seconds(10));  // never reads the 1 MiB on stdin
  CHECK(exits_at_once.send({"evt_1", "bundle.published", std::string(1 << 20, 'x'), 1}).ok());
}
