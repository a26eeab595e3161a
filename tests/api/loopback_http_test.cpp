// The client over real HTTP on 127.0.0.1: CurlTransport, retries, keep-alive,
// multipart and presigned uploads against a cpp-httplib server.
#include <doctest/doctest.h>

#include <fstream>

#include "api/loopback_server.hpp"
#include "support/fake_clock.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/curl_transport.hpp"
#include "ugc/api/idempotency.hpp"
#include "ugc/api/uploads.hpp"

using namespace ugc;
using namespace ugc::api;
using namespace std::chrono_literals;
using test::LoopbackServer;

namespace {

const std::string kKey = "sk_loopback_0123456789abcdef";

// Retries and rate-limit waits sleep on `clock`: a fake one unless a test passes its own.
std::shared_ptr<Client> client_for(const std::string& base_url, RetryPolicy policy = {},
                                   std::shared_ptr<Clock> clock = std::make_shared<ugc::testing::FakeClock>()) {
  policy.base_delay = 5ms;
  policy.max_delay = 50ms;
  ClientOptions o;
  o.base_url = base_url;
  o.api_key = kKey;
  o.retry = policy;
  return std::make_shared<Client>(o, std::make_shared<CurlTransport>(CurlOptions{2s, "ugc/test"}), std::move(clock));
}

void json_reply(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("loopback: headers sent, envelope parsed, server Date and request id exposed") {
  LoopbackServer server;
  server.routes().Get("/api/ext/me", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Date", "Wed, 25 Nov 2026 15:18:00 GMT");
    res.set_header("X-TokPortal-Request-ID", req.get_header_value("X-Request-ID"));
    res.set_header("X-RateLimit-Limit", "120");
    res.set_header("X-RateLimit-Remaining", "118");
    json_reply(res, 200, {{"data", {{"email", "ops@example.com"}, {"credits", 1000}}}});
  });
  auto client = client_for(server.start() + "/api/ext");
  auto r = client->request(Request::get("/me"));
  REQUIRE(r.ok());
  CHECK(r->data()["email"] == "ops@example.com");
  auto seen = server.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].header("X-API-Key") == kKey);
  CHECK(seen[0].header("X-TokPortal-Client") == "ugc/" UGC_VERSION);
  CHECK(seen[0].header("Accept") == "application/json");
  CHECK(seen[0].header("X-Request-ID").rfind("ugc-", 0) == 0);
  CHECK(r->request_id == seen[0].header("X-Request-ID"));
  CHECK(client->last_server_date() == "Wed, 25 Nov 2026 15:18:00 GMT");
  auto today = client->server_today();
  REQUIRE(today.ok());
  CHECK(today->str() == "2026-11-25");
  CHECK(client->rate_limiter().tokens() < 118.5);  // lowered to Remaining (plus a few ms of refill)
}

TEST_CASE("loopback: 429 with Retry-After is honoured, then the call succeeds") {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.routes().Get("/me", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.set_header("Retry-After", "1");
      json_reply(res, 429, {{"error", {{"code", "RATE_LIMIT_EXCEEDED"}, {"message", "slow down"}}}});
      return;
    }
    json_reply(res, 200, {{"data", Json::object()}});
  });
  auto clock = std::make_shared<ugc::testing::FakeClock>();
  auto client = client_for(server.start(), {}, clock);
  REQUIRE(client->request(Request::get("/me")).ok());
  CHECK(clock->sleeps() == std::vector<Clock::duration>{1s});
  CHECK(calls == 2);
  CHECK(client->stats().snapshot().rate_limited == 1);
}

TEST_CASE("loopback: 503 then 200 on a keyed POST, the same Idempotency-Key is resent") {
  LoopbackServer server;
  std::atomic<int> calls{0};
  std::vector<std::string> keys;
  std::mutex mu;
  server.routes().Post("/bundles", [&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mu);
      keys.push_back(req.get_header_value("Idempotency-Key"));
    }
    if (calls++ == 0) {
      res.status = 503;
      res.set_content("<html><title>503 Service Unavailable</title></html>", "text/html");
      return;
    }
    CHECK(Json::parse(req.body)["country"] == "FR");
    json_reply(res, 201, {{"data", {{"bundle_id", "b-1"}}}, {"credits_charged", 38}});
  });
  auto client = client_for(server.start());
  Json body{{"bundle_type", "account_only"}, {"country", "FR"}};
  auto r = client->request(Request::post("/bundles", body, idempotency_key("wave", "wave-FR-tiktok-1", body)));
  REQUIRE(r.ok());
  CHECK(id_of(r->data()) == "b-1");
  CHECK(r->credits_charged == 38);
  REQUIRE(keys.size() == 2);
  CHECK(keys[0] == keys[1]);
  CHECK(keys[0] == idempotency_key("wave", "wave-FR-tiktok-1", body));
}

TEST_CASE("loopback: a connection dropped mid-answer is retried for a GET") {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.routes().Get("/bundles/b1", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      // Headers promise 100 bytes; the provider fails, the server closes the socket.
      res.set_content_provider(100, "application/json",
                               [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    }
    json_reply(res, 200, {{"data", {{"id", "b1"}}}});
  });
  auto client = client_for(server.start());
  auto r = client->request(Request::get("/bundles/b1"));
  REQUIRE(r.ok());
  CHECK(calls == 2);
  CHECK(client->stats().snapshot().retries == 1);
}

TEST_CASE("loopback: a timeout is retried for a GET but not for a sensitive POST") {
  LoopbackServer server;
  std::atomic<int> gets{0};
  std::atomic<int> posts{0};
  server.routes().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    if (gets++ == 0) std::this_thread::sleep_for(900ms);
    json_reply(res, 200, {{"data", Json::object()}});
  });
  server.routes().Post("/upload/video", [&](const httplib::Request&, httplib::Response& res) {
    posts++;
    std::this_thread::sleep_for(400ms);
    json_reply(res, 200, {{"data", Json::object()}});
  });
  auto client = client_for(server.start());
  Request get = Request::get("/slow");
  get.timeout = 300ms;
  REQUIRE(client->request(get).ok());
  // At least one retry; a loaded machine may time out a retry too.
  CHECK(gets >= 2);

  Request post = Request::post("/upload/video", Json{{"filename", "a.mp4"}, {"bundle_id", "b"}}, "");
  post.timeout = 150ms;
  auto r = client->request(post);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::transient);
  CHECK(r.error().code() == kTimedOut);
  CHECK(r.error().message().find("POST /upload/video") != std::string::npos);
  CHECK(posts == 1);
}

TEST_CASE("loopback: a refused connection is a transient CONNECT_FAILED after bounded retries") {
  std::string url;
  {
    LoopbackServer server;
    url = server.start();
  }  // stopped: nothing listens on the port any more
  RetryPolicy policy;
  policy.max_attempts = 3;
  auto client = client_for(url, policy);
  auto r = client->request(Request::get("/me"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::transient);
  CHECK(r.error().code() == kConnectFailed);
  CHECK(client->stats().snapshot().attempts == 3);
  CHECK(r.error().message().find(kKey) == std::string::npos);
}

TEST_CASE("loopback: sequential requests reuse one kept-alive connection") {
  LoopbackServer server;
  server.routes().Get("/me", [](const httplib::Request&, httplib::Response& res) {
    json_reply(res, 200, {{"data", Json::object()}});
  });
  server.routes().Post("/bundles/b/publish", [](const httplib::Request&, httplib::Response& res) {
    json_reply(res, 200, {{"data", {{"id", "b"}}}});
  });
  auto client = client_for(server.start());
  for (int i = 0; i < 20; ++i) {
    REQUIRE(client->request(Request::get("/me")).ok());
    REQUIRE(client->request(Request::post("/bundles/b/publish", std::nullopt, "ugc-k")).ok());
  }
  CHECK(server.seen().size() == 40);
  CHECK(server.connections() == 1);
}

TEST_CASE("loopback: worker threads each keep their own connection") {
  LoopbackServer server;
  server.routes().Get("/me", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(2ms);
    json_reply(res, 200, {{"data", Json::object()}});
  });
  auto client = client_for(server.start());
  std::vector<std::thread> workers;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        if (client->request(Request::get("/me")).ok()) ok++;
    });
  for (auto& w : workers) w.join();
  CHECK(ok == 40);
  CHECK(server.connections() <= 4);
}

TEST_CASE("loopback: direct multipart upload sends the file, bundle_id and a key") {
  LoopbackServer server;
  std::string file = std::string(UGC_TEST_DATA) + "/api/tiny.mp4";
  server.routes().Post("/upload/video/direct", [&](const httplib::Request& req, httplib::Response& res) {
    bool good = req.is_multipart_form_data() && req.has_file("file") && req.has_file("bundle_id") &&
                req.get_file_value("file").content == read_file(file) &&
                req.get_file_value("file").filename == "tiny.mp4" &&
                req.get_file_value("file").content_type == "video/mp4" &&
                req.get_file_value("bundle_id").content == "b-42" && !req.get_header_value("Idempotency-Key").empty();
    if (!good) return json_reply(res, 400, {{"error", {{"code", "VALIDATION_ERROR"}, {"message", "bad upload"}}}});
    json_reply(res, 201, {{"data", {{"public_url", "https://cdn.test/v.mp4"}, {"size_bytes", 30}}}});
  });
  auto client = client_for(server.start());
  Request request = to_request(VideoUploadRequest{"b-42", file});
  request.idempotency_key = idempotency_key("c", "media:m1", Json("sha"));
  auto r = client->request(request);
  REQUIRE(r.ok());
  auto media = parse_uploaded_media(r->data());
  REQUIRE(media.ok());
  CHECK(media->public_url == "https://cdn.test/v.mp4");
}

TEST_CASE("loopback: presigned upload PUTs the bytes to upload_url without the API key") {
  LoopbackServer server;
  std::string file = std::string(UGC_TEST_DATA) + "/api/tiny.mp4";
  std::string base = server.start();
  std::string put_body;
  std::string put_key;
  std::string put_type;
  server.routes().Post("/upload/video", [&](const httplib::Request& req, httplib::Response& res) {
    CHECK(req.get_header_value("Idempotency-Key").empty());
    json_reply(res, 200, {{"data", {{"upload_url", base + "/storage/v.mp4?sig=s3cr3t-signature"},
                                    {"public_url", "https://cdn.test/v.mp4"}}}});
  });
  server.routes().Put("/storage/v.mp4", [&](const httplib::Request& req, httplib::Response& res) {
    put_body = req.body;
    put_key = req.get_header_value("X-API-Key");
    put_type = req.get_header_value("Content-Type");
    res.status = 200;
  });
  auto client = client_for(base);
  auto r = upload_video_presigned(*client, "b-1", file);
  REQUIRE(r.ok());
  CHECK(r->public_url == "https://cdn.test/v.mp4");
  CHECK(put_body == read_file(file));
  CHECK(put_key.empty());
  CHECK(put_type == "video/mp4");
  CHECK_FALSE(r->raw.contains("upload_url"));
}
