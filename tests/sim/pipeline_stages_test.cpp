// The pipeline's stages one by one, without a server: each takes the request
// context and answers early or fills its part. The order and the answers over
// HTTP are pinned by the conformance tests; these show each stage can be
// changed and tested on its own.
#include <doctest/doctest.h>

#include "ugc/core/hash.hpp"
#include "ugc/sim/authentication.hpp"
#include "ugc/sim/dry_run.hpp"
#include "ugc/sim/fault_injection.hpp"
#include "ugc/sim/idempotency.hpp"
#include "ugc/sim/rate_limit.hpp"

using namespace ugc::sim;

namespace {

const std::string kStageTestKey = "sk_" + std::string(64, 'a');

httplib::Request stage_test_request(const std::string& method, const std::string& path,
                                    std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  for (const auto& [k, v] : headers) req.headers.emplace(k, v);
  return req;
}

}  // namespace

TEST_CASE("authenticate: 401 codes, or the tenant of the key") {
  World world;
  auto missing = stage_test_request("GET", "/api/ext/me");
  RequestContext a(missing, "/me", "req_1");
  CHECK(authenticate(a, world, {})->body["error"]["code"] == "AUTH_MISSING_KEY");

  auto malformed = stage_test_request("GET", "/api/ext/me", {{"X-API-Key", "tok_live_x"}});
  RequestContext b(malformed, "/me", "req_2");
  CHECK(authenticate(b, world, {})->body["error"]["code"] == "AUTH_INVALID_KEY");
  CHECK(!authenticate(b, world, {ugc::sha256_hex("tok_live_x")}));  // an --api-key extra key

  auto good = stage_test_request("GET", "/api/ext/me", {{"X-API-Key", kStageTestKey}});
  RequestContext c(good, "/me", "req_3");
  CHECK(!authenticate(c, world, {}));
  REQUIRE(c.tenant != nullptr);
  CHECK(c.tenant->key_hash == ugc::sha256_hex(kStageTestKey));
}

TEST_CASE("rate_limit: headers on every answer, 429 with Retry-After once the bucket is empty") {
  World world;
  Tenant& tenant = world.tenant_for_key_hash(ugc::sha256_hex(kStageTestKey));
  auto req = stage_test_request("GET", "/api/ext/me");
  RequestContext first(req, "/me", "req_1");
  first.tenant = &tenant;
  CHECK(!rate_limit(first, RateLimit{1, 0.001}));
  CHECK(first.headers.size() == 3);

  RequestContext second(req, "/me", "req_2");
  second.tenant = &tenant;
  auto answer = rate_limit(second, RateLimit{1, 0.001});
  REQUIRE(answer);
  CHECK(answer->status == 429);
  CHECK(answer->headers.at(0).first == "Retry-After");
  CHECK(second.headers.at(0) == std::pair<std::string, std::string>{"X-RateLimit-Limit", "1"});
}

TEST_CASE("inject_fault: nothing without rates, 503 at rate 1") {
  World world;
  CHECK(!inject_fault(world, Faults{}));
  Faults always_fail;
  always_fail.fail_rate = 1;
  CHECK(inject_fault(world, always_fail)->status == 503);
}

TEST_CASE("idempotency: store, replay, conflict, sensitive routes") {
  World world;
  Tenant& tenant = world.tenant_for_key_hash(ugc::sha256_hex(kStageTestKey));
  Route standard{"POST", {"bundles"}, nullptr, IdempotencyPolicy::standard, false};
  auto req = stage_test_request("POST", "/api/ext/bundles", {{"Idempotency-Key", "k1"}});
  req.body = R"({"a": 1, "b": 2})";

  RequestContext first(req, "/bundles", "req_1");
  first.tenant = &tenant;
  first.route = &standard;
  CHECK(!idempotency_lookup(first));
  idempotency_store(first, Reply::data(ugc::Json{{"id", "x"}}, 201), false, world.now_iso());

  auto same = req;
  same.body = R"({"b":2,"a":1})";  // same JSON, other order
  RequestContext replayed(same, "/bundles", "req_2");
  replayed.tenant = &tenant;
  replayed.route = &standard;
  auto replay = idempotency_lookup(replayed);
  REQUIRE(replay);
  CHECK(replay->status == 201);
  CHECK(replayed.replayed);

  auto other = req;
  other.body = R"({"a": 2})";
  RequestContext reused(other, "/bundles", "req_3");
  reused.tenant = &tenant;
  reused.route = &standard;
  CHECK(idempotency_lookup(reused)->status == 409);

  Route sensitive{"POST", {"webhooks"}, nullptr, IdempotencyPolicy::reject_sensitive, false};
  RequestContext refused(req, "/webhooks", "req_4");
  refused.tenant = &tenant;
  refused.route = &sensitive;
  CHECK(idempotency_lookup(refused)->body["error"]["code"] == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
}

TEST_CASE("run_dry: the handler's answer, and neither the tenant nor the id stream changed") {
  World world;
  Tenant& tenant = world.tenant_for_key_hash(ugc::sha256_hex(kStageTestKey));
  const int64_t balance = tenant.balance;
  Route spend{"POST", {"spend"}, [](Call& c) {
                c.tenant->balance -= 10;
                return Reply::data(ugc::Json{{"id", c.world.new_uuid()}});
              },
              IdempotencyPolicy::standard, false};
  auto req = stage_test_request("POST", "/api/ext/spend", {{"X-TokPortal-Dry-Run", "true"}});
  CHECK(wants_dry_run(req));
  Call call{req, world, &tenant, {}, nullptr, true, "req_1", std::nullopt};
  const std::string dry_id = run_dry(spend, call, tenant, world).body["data"]["id"];
  CHECK(tenant.balance == balance);
  CHECK(world.new_uuid() == dry_id);  // the next real id is the one the dry run saw
}
