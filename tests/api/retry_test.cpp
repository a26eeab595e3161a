#include <doctest/doctest.h>

#include "api/fakes.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/idempotency.hpp"

using namespace ugc;
using namespace ugc::api;
using namespace std::chrono_literals;
using test::api_error;
using ugc::testing::FakeClock;
using test::FakeTransport;
using test::ok;

namespace {

struct RetryRig {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::shared_ptr<Client> client;

  explicit RetryRig(RetryPolicy policy = {}) {
    ClientOptions o;
    o.base_url = "http://api.test/api/ext";
    o.api_key = "sk_test_retry_key_0123456789";
    o.retry = policy;
    client = std::make_shared<Client>(o, transport, clock);
    client->set_random([] { return 0.5; });
  }
};

Request keyed_post(const std::string& path) {
  return Request::post(path, Json{{"quantity", 1}}, idempotency_key("c", path, Json{{"quantity", 1}}));
}

}  // namespace

TEST_CASE("classification: 408, 429 and 5xx are retryable, 409 and other 4xx are final") {
  CHECK(classify_status(408) == FailureClass::retry_if_safe);
  CHECK(classify_status(500) == FailureClass::retry_if_safe);
  CHECK(classify_status(503) == FailureClass::retry_if_safe);
  CHECK(classify_status(599) == FailureClass::retry_if_safe);
  CHECK(classify_status(429) == FailureClass::rate_limited);
  for (int s : {400, 401, 402, 403, 404, 409, 422, 428}) {
    CAPTURE(s);
    CHECK(classify_status(s) == FailureClass::final);
  }
  CHECK(classify_transport_error(Error(ErrorKind::transient, "x", kConnectFailed)) == FailureClass::retry_always);
  CHECK(classify_transport_error(Error(ErrorKind::transient, "x", kTimedOut)) == FailureClass::retry_if_safe);
  CHECK(classify_transport_error(Error(ErrorKind::transient, "x", kConnectionDropped)) == FailureClass::retry_if_safe);
  CHECK(classify_transport_error(Error(ErrorKind::fatal, "x", kTlsFailed)) == FailureClass::final);
}

TEST_CASE("backoff: full jitter stays within min(max_delay, base * 2^(n-1))") {
  RetryPolicy p;
  p.base_delay = 100ms;
  p.max_delay = 1s;
  CHECK(p.ceiling(1) == 100ms);
  CHECK(p.ceiling(2) == 200ms);
  CHECK(p.ceiling(4) == 800ms);
  CHECK(p.ceiling(5) == 1s);
  CHECK(p.ceiling(500) == 1s);  // no overflow on absurd attempt numbers
  CHECK(p.backoff(3, [] { return 0.0; }) == 0ms);
  CHECK(p.backoff(3, [] { return 0.5; }) == 200ms);
  // u in [0,1) never reaches the ceiling; an out-of-range source is clamped.
  CHECK(p.backoff(3, [] { return 0.999; }) < 400ms);
  CHECK(p.backoff(3, [] { return 7.0; }) <= 400ms);
  CHECK(p.backoff(3, [] { return -1.0; }) == 0ms);
}

TEST_CASE("a GET is retried after 503 and succeeds, stats count the retry") {
  RetryRig rig;
  rig.transport->push(api_error(503, "UNAVAILABLE", "try later"));
  rig.transport->push(api_error(502, "BAD_GATEWAY", "try later"));
  rig.transport->push(ok(Json{{"email", "a@b.c"}}));
  auto r = rig.client->request(Request::get("/me"));
  REQUIRE(r.ok());
  CHECK(r->data()["email"] == "a@b.c");
  CHECK(rig.transport->count() == 3);
  auto sleeps = rig.clock->sleeps();
  REQUIRE(sleeps.size() == 2);
  CHECK(sleeps[0] == 250ms);  // 0.5 * 500ms
  CHECK(sleeps[1] == 500ms);  // 0.5 * 1s
  auto s = rig.client->stats().snapshot();
  CHECK(s.requests == 1);
  CHECK(s.attempts == 3);
  CHECK(s.retries == 2);
  CHECK(s.failures == 0);
}

TEST_CASE("429 waits exactly Retry-After, pauses the shared limiter, then retries") {
  RetryRig rig;
  rig.transport->push(api_error(429, "RATE_LIMIT_EXCEEDED", "slow down", {{"Retry-After", "7"}}));
  rig.transport->push(ok(Json::object()));
  auto r = rig.client->request(keyed_post("/bundles/b1/add-video-slots"));
  REQUIRE(r.ok());
  CHECK(rig.transport->count() == 2);
  CHECK(rig.clock->total_slept_seconds() == doctest::Approx(7.0));
  CHECK(rig.client->stats().snapshot().rate_limited == 1);
}

TEST_CASE("a 429 without Retry-After waits 1 s, repeated 429s back off beyond Retry-After") {
  RetryRig rig;
  rig.transport->push(api_error(429, "RATE_LIMIT_EXCEEDED", "slow"));
  rig.transport->push(api_error(429, "RATE_LIMIT_EXCEEDED", "slow", {{"Retry-After", "2"}}));
  rig.transport->push(ok(Json::object()));
  auto r = rig.client->request(Request::get("/me"));
  REQUIRE(r.ok());
  // 1 s (fallback), then 2 s + jitter(0.5 * 500 ms) = 2.25 s.
  CHECK(rig.clock->total_slept_seconds() == doctest::Approx(1.0 + 2.25));
}

TEST_CASE("429 pauses everyone: another caller waits for the same Retry-After") {
  RetryRig rig;
  rig.transport->push(api_error(429, "RATE_LIMIT_EXCEEDED", "slow", {{"Retry-After", "5"}}));
  rig.transport->push(api_error(400, "VALIDATION_ERROR", "stop"));  // ends the first call after its wait
  (void)rig.client->request(Request::get("/me"));
  // The limiter is paused until t0 + 5 s; the first call slept that long, so
  // the pause has passed. Pause again and check a fresh caller must wait.
  rig.client->rate_limiter().pause_for(3s);
  auto before = rig.clock->monotonic_now();
  rig.transport->push(ok(Json::object()));
  REQUIRE(rig.client->request(Request::get("/countries")).ok());
  CHECK(rig.clock->monotonic_now() - before >= 3s);
}

TEST_CASE("409 is never retried, even on a GET") {
  RetryRig rig;
  rig.transport->push(api_error(409, "BUNDLE_PRICING_CHANGED", "refetch costs"));
  auto r = rig.client->request(keyed_post("/bundles"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::conflict);
  CHECK(r.error().code() == "BUNDLE_PRICING_CHANGED");
  CHECK(rig.transport->count() == 1);
  CHECK(rig.clock->sleeps().empty());
}

TEST_CASE("a keyed mutation is retried after a timeout and sends the same key each time") {
  RetryRig rig;
  rig.transport->push_error(Error(ErrorKind::transient, "timed out", kTimedOut));
  rig.transport->push_error(Error(ErrorKind::transient, "dropped", kConnectionDropped));
  rig.transport->push(ok(Json{{"id", "b1"}}));
  auto r = rig.client->request(keyed_post("/bundles"));
  REQUIRE(r.ok());
  auto sent = rig.transport->sent();
  REQUIRE(sent.size() == 3);
  auto key = sent[0].headers.get("Idempotency-Key");
  REQUIRE(key);
  CHECK(sent[1].headers.get("Idempotency-Key") == key);
  CHECK(sent[2].headers.get("Idempotency-Key") == key);
  // Each attempt has its own request id.
  CHECK(sent[0].headers.get("X-Request-ID") != sent[1].headers.get("X-Request-ID"));
}

TEST_CASE("a sensitive operation is not retried once the server may have acted") {
  RetryRig rig;
  rig.transport->push(api_error(503, "UNAVAILABLE", "later"));
  auto r = rig.client->request(Request::post("/upload/video", Json{{"filename", "a.mp4"}}, ""));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::transient);
  CHECK(r.error().message().find("not retried") != std::string::npos);
  CHECK(rig.transport->count() == 1);
}

TEST_CASE("a failed connect is retried even for a sensitive operation: nothing was sent") {
  RetryRig rig;
  rig.transport->push_error(Error(ErrorKind::transient, "connection refused", kConnectFailed));
  rig.transport->push(ok(Json{{"upload_url", "https://s3.test/x?sig=1"}, {"public_url", "https://cdn/x"}}));
  auto r = rig.client->request(Request::post("/upload/video", Json{{"filename", "a.mp4"}}, ""));
  REQUIRE(r.ok());
  CHECK(rig.transport->count() == 2);
  CHECK_FALSE(rig.transport->sent()[0].headers.get("Idempotency-Key"));
}

TEST_CASE("retries stop at max_attempts with the last error and the attempt count") {
  RetryPolicy p;
  p.max_attempts = 3;
  RetryRig rig(p);
  rig.transport->set_default([](const HttpRequest&) -> Result<HttpResponse> {
    return api_error(500, "INTERNAL", "boom");
  });
  auto r = rig.client->request(Request::get("/me"));
  REQUIRE_FALSE(r.ok());
  CHECK(rig.transport->count() == 3);
  CHECK(r.error().kind() == ErrorKind::transient);
  CHECK(r.error().code() == "INTERNAL");
  CHECK(r.error().message().find("gave up after 3 attempts") != std::string::npos);
  CHECK(rig.client->stats().snapshot().failures == 1);
}

TEST_CASE("retries stop when the next wait would pass max_elapsed") {
  RetryPolicy p;
  p.max_attempts = 100;
  p.max_elapsed = 10s;
  RetryRig rig(p);
  rig.transport->set_default([](const HttpRequest&) -> Result<HttpResponse> {
    return api_error(429, "capacity_cooldown", "later", {{"Retry-After", "4"}});
  });
  auto r = rig.client->request(Request::get("/me"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::rate_limited);
  CHECK(r.error().code() == "capacity_cooldown");
  CHECK(rig.clock->total_slept_seconds() <= 10.0);
  CHECK(rig.transport->count() < 5);
  CHECK(r.error().message().find("retry budget") != std::string::npos);
}

TEST_CASE("a Retry-After longer than the whole budget fails at once, without sleeping") {
  RetryPolicy p;
  p.max_elapsed = 60s;
  RetryRig rig(p);
  rig.transport->push(api_error(429, "capacity_cooldown", "later", {{"Retry-After", "3600"}}));
  auto r = rig.client->request(Request::get("/me"));
  REQUIRE_FALSE(r.ok());
  CHECK(rig.transport->count() == 1);
  CHECK(rig.clock->sleeps().empty());
}

TEST_CASE("final 4xx answers are not retried") {
  for (int status : {400, 401, 402, 403, 404, 428}) {
    CAPTURE(status);
    RetryRig rig;
    rig.transport->push(api_error(status, "SOME_CODE", "no"));
    auto r = rig.client->request(Request::get("/me"));
    REQUIRE_FALSE(r.ok());
    CHECK(rig.transport->count() == 1);
  }
}

TEST_CASE("a Retry-After of several days is capped, never treated as a short wait") {
  RetryRig rig;
  rig.transport->push(api_error(429, "capacity_cooldown", "later", {{"Retry-After", "1e12"}}));
  auto r = rig.client->request(Request::get("/me"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::rate_limited);
  CHECK(rig.transport->count() == 1);  // a day is past the 2-minute budget: fail at once
}
