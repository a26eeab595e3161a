// Typed webhook and ban calls (docs/tokportal-api.md §8.4, §9.1): what is sent,
// how answers are read, and precise MALFORMED_RESPONSE errors for answers we
// cannot use.
#include <doctest/doctest.h>

#include "api/fakes.hpp"
#include "ugc/api/account_bans.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/webhook_deliveries.hpp"
#include "ugc/api/webhooks.hpp"
#include "ugc/core/log.hpp"

using namespace ugc;
using namespace ugc::api;

namespace {

struct WebhookCallRig {
  std::shared_ptr<test::FakeTransport> transport = std::make_shared<test::FakeTransport>();
  Client client{ClientOptions{"http://api.test/api/ext", "sk_webhook_test_key_000", {}, false, "ugc/test"},
                transport, std::make_shared<ugc::testing::FakeClock>()};
};

HttpResponse one_page(Json items, int page = 1, int total_pages = 1) {
  Json body{{"data", std::move(items)},
            {"pagination", {{"page", page}, {"per_page", 100}, {"total", 3}, {"total_pages", total_pages}}}};
  return test::http(200, body.dump());
}

void check_malformed(const Error& e, const std::string& mentions) {
  CHECK(e.code() == "MALFORMED_RESPONSE");
  CHECK_MESSAGE(e.message().find(mentions) != std::string::npos, e.message());
}

}  // namespace

TEST_CASE("webhook parsers: endpoints, the created secret, the catalog and test answers") {
  auto e = parse_webhook_endpoint(Json::parse(
      R"({"id":"w1","url":"https://h.example/x","events":["bundle.published",7],"enabled":false,"extra":1})"));
  REQUIRE(e.ok());
  CHECK(e->events == std::vector<std::string>{"bundle.published"});
  CHECK_FALSE(e->enabled);
  CHECK_FALSE(e->description.has_value());
  CHECK(parse_webhook_endpoint(Json::parse(R"({"id":"w1","url":"u"})"))->enabled);  // default: enabled

  check_malformed(parse_webhook_endpoint(Json::parse(R"({"url":"u"})")).error(), "\"id\"");
  check_malformed(parse_webhook_endpoint(Json::parse(R"({"id":"w1"})")).error(), "\"url\"");
  check_malformed(parse_webhook_endpoint(Json::parse(R"([1])")).error(), "not a JSON object");

  check_malformed(parse_created_webhook(Json::parse(R"({"id":"w1","url":"u"})")).error(), "signing_secret");
  check_malformed(parse_created_webhook(Json::parse(R"({"id":"w1","url":"u","signing_secret":""})")).error(),
                  "signing_secret");
  auto created = parse_created_webhook(Json::parse(R"({"id":"w1","url":"u","signing_secret":"whsec_parsed_1234"})"));
  REQUIRE(created.ok());
  CHECK(created->signing_secret == "whsec_parsed_1234");
  CHECK_FALSE(created->endpoint.raw.contains("signing_secret"));  // raw may be printed
  CHECK(log::redact("got whsec_parsed_1234") == log::redact("got [REDACTED]"));
  CHECK(log::redact("got whsec_parsed_1234").find("whsec_parsed_1234") == std::string::npos);

  auto catalog = parse_webhook_event_types(Json::parse(R"({"events":[{"type":"a.b","emitted":true},{"type":"c"}]})"));
  REQUIRE(catalog.ok());
  REQUIRE(catalog->size() == 2);
  CHECK(catalog->at(0).emitted);
  CHECK_FALSE(catalog->at(1).emitted);
  check_malformed(parse_webhook_event_types(Json::parse(R"({"types":[]})")).error(), "data.events");
  check_malformed(parse_webhook_event_types(Json::parse(R"({"events":[{"kind":"x"}]})")).error(), "\"type\"");

  CHECK(parse_webhook_test_result(Json::parse(R"({"event_id":"e1","delivery_id":"d1","status":"pending"})"))
            ->delivery_id == "d1");
  check_malformed(parse_webhook_test_result(Json::parse(R"({"status":"pending"})")).error(), "event_id");
}

TEST_CASE("delivery and ban parsers: open records, malformed ones are errors") {
  auto d = parse_webhook_delivery(Json::parse(
      R"({"id":"d1","event_id":"e1","event_type":"webhook.test","status":"failed","success":false,"attempts":3,
          "response_status_code":null,"error":"connection refused"})"));
  REQUIRE(d.ok());
  CHECK(d->failed());
  CHECK(d->attempts == 3);
  CHECK_FALSE(d->response_status_code.has_value());
  CHECK_FALSE(parse_webhook_delivery(Json::parse(R"({"id":"d2","status":"pending"})"))->failed());
  CHECK(parse_webhook_delivery(Json::parse(R"({"id":"d3","success":false})"))->failed());  // no status field
  check_malformed(parse_webhook_delivery(Json::parse(R"({"event_id":"e1"})")).error(), "\"id\"");

  auto ban = parse_account_ban(Json::parse(
      R"({"id":"b1","account_id":"a1","status":"no_appeal_banned","updated_at":"2027-03-02T00:00:00.000Z",
          "resolution":{"resolution":"remake","refund_credits":0}})"));
  REQUIRE(ban.ok());
  REQUIRE(ban->resolution.has_value());
  CHECK(ban->resolution->resolution == "remake");
  CHECK_FALSE(parse_account_ban(Json::parse(R"({"id":"b1","account_id":"a1","resolution":null})"))->resolution);
  check_malformed(parse_account_ban(Json::parse(R"({"id":"b1"})")).error(), "account_id");
  check_malformed(parse_account_ban(Json::parse(R"({"id":"b1","account_id":"a1","resolution":"remake"})")).error(),
                  "resolution");
}

TEST_CASE("create_webhook is sent unkeyed on a fresh connection, never resent, and its secret is redacted") {
  WebhookCallRig rig;
  rig.transport->push(test::http(201, R"({"data":{"id":"w9","url":"https://h.example/x","events":["bundle.published"],
      "signing_secret":"whsec_created_secret_99"}})"));
  auto created = create_webhook(rig.client, {"https://h.example/x", {"bundle.published"}, std::string("mine")});
  REQUIRE(created.ok());
  auto sent = rig.transport->sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].method == "POST");
  CHECK(sent[0].url == "http://api.test/api/ext/webhooks");
  CHECK_FALSE(sent[0].headers.get("Idempotency-Key").has_value());
  CHECK(sent[0].fresh_connection);
  CHECK(Json::parse(sent[0].body) == Json::parse(R"({"url":"https://h.example/x","events":["bundle.published"],
      "description":"mine"})"));
  CHECK(log::redact("x whsec_created_secret_99 y").find("whsec_created_secret_99") == std::string::npos);

  // A 503 after sending: not retried (the server may have made it).
  rig.transport->push(test::api_error(503, "UNAVAILABLE", "try later"));
  auto failed = create_webhook(rig.client, {"https://h.example/x", {"bundle.published"}, std::nullopt});
  REQUIRE_FALSE(failed.ok());
  CHECK(rig.transport->count() == 2);

  rig.transport->push(test::ok(Json::parse(R"({"id":"w9","url":"u"})")));
  check_malformed(create_webhook(rig.client, {"u", {"a"}, std::nullopt}).error(), "POST /webhooks");
}

TEST_CASE("list, deliveries with filters, retry, test and delete send what the contract says") {
  WebhookCallRig rig;
  rig.transport->push(one_page(Json::parse(R"([{"id":"w1","url":"u1"}])"), 1, 2));
  rig.transport->push(one_page(Json::parse(R"([{"id":"w2","url":"u2"}])"), 2, 2));
  auto hooks = list_webhooks(rig.client);
  REQUIRE(hooks.ok());
  CHECK(hooks->size() == 2);

  rig.transport->push(one_page(Json::parse(R"([{"id":"d1","status":"failed"}])")));
  auto deliveries = list_webhook_deliveries(rig.client, "w/1", {false, "webhook.test"});
  REQUIRE(deliveries.ok());
  CHECK(rig.transport->sent().back().url ==
        "http://api.test/api/ext/webhooks/w%2F1/deliveries?success=false&event_type=webhook.test&page=1&per_page=100");

  rig.transport->push(one_page(Json::parse(R"([{"event_id":"e1"}])")));
  check_malformed(list_webhook_deliveries(rig.client, "w1").error(), "GET /webhooks/w1/deliveries");

  rig.transport->push(test::ok(Json::parse(R"({"id":"d1","status":"pending","attempts":3})")));
  auto retried = retry_webhook_delivery(rig.client, "w1", "d1");
  REQUIRE(retried.ok());
  CHECK(retried->status == "pending");
  auto retry_sent = rig.transport->sent().back();
  CHECK(retry_sent.url == "http://api.test/api/ext/webhooks/w1/deliveries/d1/retry");
  CHECK(retry_sent.headers.get("Idempotency-Key").has_value());  // standard policy: safe retries within the call

  rig.transport->push(test::ok(Json::parse(R"({"status":"pending"})")));
  check_malformed(test_webhook(rig.client, "w1").error(), "POST /webhooks/w1/test");

  rig.transport->push(test::http(204, ""));
  CHECK(delete_webhook(rig.client, "w1").ok());
  CHECK(rig.transport->sent().back().method == "DELETE");
  rig.transport->push(test::api_error(404, "WEBHOOK_NOT_FOUND", "gone"));
  auto gone = delete_webhook(rig.client, "w1");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().kind() == ErrorKind::not_found);
  CHECK(gone.error().code() == "WEBHOOK_NOT_FOUND");
}

TEST_CASE("list_account_bans sends since and the filters and walks every page") {
  WebhookCallRig rig;
  rig.transport->push(one_page(Json::parse(R"([{"id":"b1","account_id":"a1"}])"), 1, 2));
  rig.transport->push(one_page(Json::parse(R"([{"id":"b2","account_id":"a2"}])"), 2, 2));
  auto bans = list_account_bans(rig.client, {"2027-03-01T00:00:00Z", "no_appeal_banned", ""});
  REQUIRE(bans.ok());
  REQUIRE(bans->size() == 2);
  CHECK(bans->at(1).account_id == "a2");
  auto sent = rig.transport->sent();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].url ==
        "http://api.test/api/ext/account-bans?since=2027-03-01T00%3A00%3A00Z&status=no_appeal_banned&page=1&per_page=100");
  rig.transport->push(one_page(Json::parse(R"([{"id":"b3"}])")));
  check_malformed(list_account_bans(rig.client).error(), "GET /account-bans");
}
