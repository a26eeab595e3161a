// The client side of §10.4: a refresh refused inside its cooldown is final
// (one attempt, no wait), does not pause the key's other requests, and "no
// data yet" is an empty answer rather than an error.
#include <doctest/doctest.h>

#include <memory>

#include "api/fakes.hpp"
#include "ugc/api/analytics.hpp"
#include "ugc/api/client.hpp"

using namespace ugc;
using namespace ugc::api;

TEST_CASE("analytics client: a refresh in cooldown is refused once, nobody waits, not-found is no data") {
  auto transport = std::make_shared<test::FakeTransport>();
  auto clock = std::make_shared<ugc::testing::FakeClock>();
  ClientOptions options;
  options.base_url = "http://127.0.0.1:1/api/ext";
  options.api_key = "sk_test";
  Client client(options, transport, clock);

  transport->push(test::api_error(429, kAnalyticsRefreshCooldown, "refreshed recently", {{"Retry-After", "3600"}}));
  auto refused = refresh_analytics(client, "acc-1");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code() == kAnalyticsRefreshCooldown);
  CHECK(transport->count() == 1);
  CHECK(clock->sleeps().empty());

  transport->push(test::api_error(404, kAnalyticsNotFound, "no analytics yet"));
  auto none = get_account_analytics(client, "acc-1");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  CHECK(clock->sleeps().empty());  // the cooldown did not pause this request

  transport->push(test::ok(Json{{"account_id", "acc-1"}, {"can_refresh", false},
                                {"next_refresh_at", "2027-03-01T13:00:00Z"}, {"retry_after_seconds", 1800}}));
  auto check = can_refresh_analytics(client, "acc-1");
  REQUIRE(check.ok());
  CHECK_FALSE(check->can_refresh);
  CHECK(check->next_refresh_at == "2027-03-01T13:00:00Z");
  const auto sent = transport->sent();
  CHECK(sent[0].method == "POST");
  CHECK(sent[0].url == "http://127.0.0.1:1/api/ext/accounts/acc-1/analytics/refresh");
  CHECK(sent[2].url == "http://127.0.0.1:1/api/ext/accounts/acc-1/analytics/can-refresh");
}

TEST_CASE("analytics client: the post list stops at the page that reaches posts older than wanted") {
  auto transport = std::make_shared<test::FakeTransport>();
  auto clock = std::make_shared<ugc::testing::FakeClock>();
  ClientOptions options;
  options.base_url = "http://127.0.0.1:1/api/ext";
  options.api_key = "sk_test";
  Client client(options, transport, clock);
  auto page = [](int n, const std::string& published_at) {
    Json rows = Json::array();
    rows.push_back({{"video_id", "v" + std::to_string(n)}, {"published_at", published_at}, {"views", n}});
    return test::http(200, Json{{"data", rows},
                                {"pagination", {{"page", n}, {"per_page", 1}, {"total", 5}, {"total_pages", 5}}}}
                               .dump());
  };
  transport->push(page(1, "2027-03-05T12:00:00Z"));
  transport->push(page(2, "2027-02-20T12:00:00Z"));  // older than wanted: the last page read
  VideoAnalyticsQuery q;
  q.per_page = 1;
  q.stop_before = "2027-02-28";
  auto listed = list_video_analytics(client, "acc-1", q);
  REQUIRE(listed.ok());
  REQUIRE(listed->has_value());
  CHECK((*listed)->pages_read == 2);
  CHECK((*listed)->videos.size() == 2);
  CHECK(transport->count() == 2);
  CHECK(transport->sent()[0].url.find("sort_by=published_at&sort_order=desc") != std::string::npos);
}
