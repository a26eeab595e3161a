#include <doctest/doctest.h>

#include "api/fakes.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/idempotency.hpp"
#include "ugc/core/hash.hpp"

using namespace ugc;
using namespace ugc::api;

TEST_CASE("the same action and body give the same key, key order in the body does not matter") {
  Json a = Json::parse(R"({"bundle_type":"account_and_videos","country":"FR","videos_quantity":6})");
  Json b = Json::parse(R"({"videos_quantity":6,"country":"FR","bundle_type":"account_and_videos"})");
  std::string k = idempotency_key("wave-1", "create:wave-1-FR-tiktok-1", a);
  CHECK(k == idempotency_key("wave-1", "create:wave-1-FR-tiktok-1", b));
  CHECK(k.rfind("ugc-", 0) == 0);
  CHECK(k.size() == 44);
  // Pinned: a changed derivation would make a rerun after a crash charge twice.
  CHECK(k == "ugc-" + sha256_hex("6:wave-1\n25:create:wave-1-FR-tiktok-1\n" + canonical_json(a)).substr(0, 40));
  CHECK(canonical_json(a) == R"({"bundle_type":"account_and_videos","country":"FR","videos_quantity":6})");
}

TEST_CASE("a different body, action or campaign gives a different key") {
  Json body{{"videos_quantity", 6}};
  std::string k = idempotency_key("wave-1", "ref-1", body);
  CHECK(k != idempotency_key("wave-1", "ref-1", Json{{"videos_quantity", 7}}));
  CHECK(k != idempotency_key("wave-1", "ref-2", body));
  CHECK(k != idempotency_key("wave-2", "ref-1", body));
  // The separator keeps ("a", "b\nc") and ("a\nb", "c") apart.
  CHECK(idempotency_key("a", "b\nc", body) != idempotency_key("a\nb", "c", body));
  CHECK(idempotency_key("c", "r", Json()) != idempotency_key("c", "r", Json::object()));
}

TEST_CASE("the six sensitive operations are recognised, and nothing else") {
  CHECK(is_sensitive_operation("POST", "/upload/video"));
  CHECK(is_sensitive_operation("POST", "/upload/image"));
  CHECK(is_sensitive_operation("POST", "/webhooks"));
  CHECK(is_sensitive_operation("POST", "/accounts/0d2c/verification-code"));
  CHECK(is_sensitive_operation("POST", "/accounts/0d2c/reveal-credentials"));
  CHECK(is_sensitive_operation("POST", "/analytics/export/reports"));
  CHECK(is_sensitive_operation("POST", "/upload/video/"));
  CHECK(is_sensitive_operation("POST", "/upload/video?x=1"));

  CHECK_FALSE(is_sensitive_operation("POST", "/upload/video/direct"));
  CHECK_FALSE(is_sensitive_operation("POST", "/upload/image/direct"));
  CHECK_FALSE(is_sensitive_operation("POST", "/upload/image/from-url"));
  CHECK_FALSE(is_sensitive_operation("POST", "/analytics/export/reports/html"));
  CHECK_FALSE(is_sensitive_operation("PATCH", "/webhooks/w1"));
  CHECK_FALSE(is_sensitive_operation("POST", "/webhooks/w1/test"));
  CHECK_FALSE(is_sensitive_operation("GET", "/webhooks"));
  CHECK_FALSE(is_sensitive_operation("POST", "/bundles"));
}

namespace {

struct IdempotencyRig {
  std::shared_ptr<test::FakeTransport> transport = std::make_shared<test::FakeTransport>();
  Client client{ClientOptions{"http://api.test", "sk_idem_test_key_0000", {}, false, "ugc/test"}, transport,
                std::make_shared<ugc::testing::FakeClock>()};
};

}  // namespace

TEST_CASE("the client refuses locally to send a key to a sensitive operation") {
  IdempotencyRig rig;
  auto r = rig.client.request(Request::post("/webhooks", Json{{"url", "https://x"}}, "ugc-123"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::invalid_input);
  CHECK(r.error().code() == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
  CHECK(rig.transport->count() == 0);
}

TEST_CASE("sensitive operations are sent without a key, every other mutation carries one") {
  IdempotencyRig rig;
  rig.transport->set_default([](const HttpRequest&) -> Result<HttpResponse> { return test::ok(Json::object()); });
  REQUIRE(rig.client.request(Request::post("/upload/image", Json{{"filename", "a.png"}}, "")).ok());
  REQUIRE(rig.client.request(Request::post("/bundles/b/publish", std::nullopt, "ugc-abc")).ok());
  // A mutation without a derived key still gets a one-off key, so its own retries are safe.
  REQUIRE(rig.client.request(Request::patch("/bundles/b", Json{{"title", "t"}}, "")).ok());
  REQUIRE(rig.client.request(Request::get("/bundles")).ok());
  auto sent = rig.transport->sent();
  REQUIRE(sent.size() == 4);
  CHECK_FALSE(sent[0].headers.get("Idempotency-Key"));
  CHECK(sent[1].headers.get("Idempotency-Key") == "ugc-abc");
  REQUIRE(sent[2].headers.get("Idempotency-Key"));
  CHECK(sent[2].headers.get("Idempotency-Key")->rfind("ugc-adhoc-", 0) == 0);
  CHECK_FALSE(sent[3].headers.get("Idempotency-Key"));
}

TEST_CASE("dry run adds X-TokPortal-Dry-Run to writes only") {
  IdempotencyRig rig;
  rig.transport->set_default([](const HttpRequest&) -> Result<HttpResponse> { return test::ok(Json::object()); });
  Request post = Request::post("/bundles", Json::object(), "ugc-1");
  post.dry_run = true;
  Request get = Request::get("/bundles");
  get.dry_run = true;
  REQUIRE(rig.client.request(post).ok());
  REQUIRE(rig.client.request(get).ok());
  auto sent = rig.transport->sent();
  CHECK(sent[0].headers.get("X-TokPortal-Dry-Run") == "true");
  CHECK_FALSE(sent[1].headers.get("X-TokPortal-Dry-Run"));
}
