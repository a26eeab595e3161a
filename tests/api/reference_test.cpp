#include <doctest/doctest.h>

#include "api/fakes.hpp"
#include "ugc/api/bundle_requests.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/charge.hpp"
#include "ugc/api/reference.hpp"

using namespace ugc;
using namespace ugc::api;

TEST_CASE("credit costs: the current nested shape") {
  auto c = parse_credit_costs(Json::parse(R"({"costs":{"account_creation":32,"video_upload":2,"video_edit":3,
      "advanced_warming":5,"youtube_account_creation":100},"contract_bundle_allowance":null,"currency":"credits"})"));
  REQUIRE(c.ok());
  CHECK(c->account_creation == 32);
  CHECK(c->video_slot == 2);
  CHECK(c->edit_slot == 3);
  CHECK(c->advanced_warming_per_term == 5);
  CHECK(c->defaulted.empty());
  CHECK(c->contract_bundle_allowance.is_null());
}

TEST_CASE("credit costs: the older flat shape, prices as objects, and what is missing") {
  auto c = parse_credit_costs(Json::parse(R"({"account_creation":25,"video_slot":{"credits":4},"niche_warming":7})"));
  REQUIRE(c.ok());
  CHECK(c->account_creation == 25);
  CHECK(c->video_slot == 4);
  CHECK(c->edit_slot == 3);  // standard price, flagged
  CHECK(c->defaulted == std::vector<std::string>{"edit_slot", "advanced_warming_per_term"});
  CHECK_FALSE(parse_credit_costs(Json::array()).ok());
}

TEST_CASE("credit balance: total_credits or the older credits") {
  auto now = parse_credit_balance(Json::parse(R"({"total_credits":1000,"expiring_within_7_days":50})"));
  REQUIRE(now.ok());
  CHECK(now->total_credits == 1000);
  CHECK(now->expiring_within_7_days == 50);
  auto old = parse_credit_balance(Json::parse(R"({"credits":12})"));
  REQUIRE(old.ok());
  CHECK(old->total_credits == 12);
  auto bad = parse_credit_balance(Json::parse(R"({"credits":"lots"})"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code() == "MALFORMED_RESPONSE");
}

TEST_CASE("bundles parse open objects, a missing id is a precise error") {
  auto b = parse_bundle(Json::parse(R"({"bundle_id":"b1","status":"pending_setup","videos_quantity":6,
                                        "is_published":false,"saved_account_id":null,"surprise":[1]})"));
  REQUIRE(b.ok());
  CHECK(b->id == "b1");
  CHECK(b->videos_quantity == 6);
  CHECK(b->saved_account_id.empty());
  auto nb = parse_bundle(Json::parse(R"({"status":"draft"})"));
  REQUIRE_FALSE(nb.ok());
  CHECK(nb.error().message().find("neither \"id\" nor \"bundle_id\"") != std::string::npos);
}

TEST_CASE("a typed create request goes out with its key, the answer gives the bundle and the charge") {
  auto transport = std::make_shared<test::FakeTransport>();
  Client client(ClientOptions{"http://api.test", "sk_ref_test_key_00000", {}, false, "ugc/test"}, transport,
                std::make_shared<ugc::testing::FakeClock>());
  transport->push(test::http(201, R"({"data":{"bundle_id":"b7","id":"b7","status":"pending_setup"},
      "credits_charged":38,"credits_remaining":962,"cost_breakdown":{"account_creation":32,"video_slots":6,"total":38}})"));
  CreateBundleRequest create;
  create.bundle_type = BundleType::account_and_videos;
  create.platform = "tiktok";
  create.country = "FR";
  create.videos_quantity = 3;
  Request request = to_request(create);
  request.idempotency_key = "ugc-key-1";
  auto r = client.request(request);
  REQUIRE(r.ok());
  auto bundle = parse_bundle(r->data());
  REQUIRE(bundle.ok());
  CHECK(bundle->id == "b7");
  auto charge = charge_of(*r);
  CHECK(charge.charged == 38);
  CHECK(charge.breakdown["total"] == 38);
  auto sent = transport->sent().at(0);
  CHECK(sent.method == "POST");
  CHECK(sent.url == "http://api.test/bundles");
  CHECK(Json::parse(sent.body) ==
        Json{{"bundle_type", "account_and_videos"}, {"platform", "tiktok"}, {"country", "FR"}, {"videos_quantity", 3}});
  CHECK(sent.headers.get("Content-Type") == "application/json");
  CHECK(sent.headers.get("Idempotency-Key") == "ugc-key-1");
  CHECK(sent.headers.get("X-TokPortal-Client") == "ugc/test");
}

TEST_CASE("typed calls escape ids in paths") {
  auto transport = std::make_shared<test::FakeTransport>();
  Client client(ClientOptions{"http://api.test", "sk_ref_test_key_00000", {}, false, "ugc/test"}, transport,
                std::make_shared<ugc::testing::FakeClock>());
  transport->push(test::api_error(404, "BUNDLE_NOT_FOUND", "no"));
  auto r = get_publish_readiness(client, "../me?x=1");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::not_found);
  CHECK(transport->sent().at(0).url == "http://api.test/bundles/..%2Fme%3Fx%3D1/publish-readiness");
}
