// Polled bans become events shaped like pushed webhook deliveries, with ids
// derived from the ban so a second poll records nothing new.
#include <doctest/doctest.h>

#include "ugc/events/polled_bans.hpp"
#include "ugc/events/webhook_event.hpp"

namespace {

ugc::api::AccountBan sample_ban(bool resolved) {
  ugc::Json row = ugc::Json::parse(R"({"id":"ban-1","account_id":"saved-1","username":"glow.us1","platform":"tiktok",
      "bundle_id":"b1","status":"no_appeal_banned","reported_at":"2027-01-16T10:00:00Z",
      "updated_at":"2027-01-16T11:00:00Z","resolution":null})");
  if (resolved) row["resolution"] = ugc::Json{{"resolution", "remake"}};
  auto ban = ugc::api::parse_account_ban(row);
  REQUIRE(ban.ok());
  return *ban;
}

}  // namespace

TEST_CASE("polled ban: a webhook envelope the receiver's parser accepts, with a deterministic id") {
  const ugc::Json bundle{{"id", "b1"}, {"account_id", "acc-1"}, {"status", "cancelled"}, {"country", "USA"}};
  auto e = ugc::events::banned_event(sample_ban(false), "c-US-tiktok-1", bundle);
  CHECK(e.id == "poll:account.banned:ban-1");
  CHECK(ugc::events::banned_event(sample_ban(false), "c-US-tiktok-1", bundle).envelope == e.envelope);
  auto parsed = ugc::events::parse_webhook_event(e.envelope.dump());
  REQUIRE(parsed.ok());
  CHECK(parsed->type == "account.banned");
  CHECK(parsed->created_at == "2027-01-16T11:00:00Z");
  const ugc::Json& data = e.envelope["data"];
  CHECK(data["bundle_id"] == "b1");
  CHECK(data["account_id"] == "acc-1");
  CHECK(data["saved_account_id"] == "saved-1");
  CHECK(data["external_ref"] == "c-US-tiktok-1");
  CHECK(data["status"] == "cancelled");
  CHECK(data["source"] == "poll");

  auto r = ugc::events::resolution_event(sample_ban(true), "", nullptr);
  CHECK(r.id == "poll:account.ban_resolution.decided:ban-1");
  CHECK(r.envelope["data"]["resolution"]["resolution"] == "remake");
  CHECK(r.envelope["data"]["external_ref"].is_null());
}
