// The api readers refresh and import use (kept with their users): slot lists,
// the bundle account and the bundle listing's extra fields (docs/tokportal-api.md §5.3, §5.10, §6.1).
#include <doctest/doctest.h>

#include "ugc/api/bundle_account.hpp"
#include "ugc/api/bundle_videos.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/paths.hpp"

TEST_CASE("slot reader: caption, date from target_publish_date or the window start, a slot without a position is refused") {
  auto v = ugc::api::parse_bundle_video(ugc::Json::parse(
      R"({"id":"v1","position":2,"status":"published","description":"Hi #ad","external_ref":"c-v-US-tiktok",
          "target_publish_date":null,"target_publish_start_date":"2027-03-01","video_url":"https://x/v.mp4"})"));
  REQUIRE(v.ok());
  CHECK(v->position == 2);
  CHECK(v->description == "Hi #ad");
  CHECK(v->publish_date == "2027-03-01");
  CHECK(v->external_ref == "c-v-US-tiktok");
  auto pending = ugc::api::parse_bundle_video(ugc::Json::parse(R"({"id":"v2","position":1,"status":"pending",
      "description":null})"));
  REQUIRE(pending.ok());
  CHECK(pending->description.empty());
  CHECK(pending->publish_date.empty());
  auto bad = ugc::api::parse_bundle_video(ugc::Json::parse(R"({"id":"v3","position":0})"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code() == "MALFORMED_RESPONSE");
  CHECK(ugc::api::paths::bundle_videos("b1") == "/bundles/b1/videos");
}

TEST_CASE("bundle account reader: the profile under data.account, status and saved id beside it") {
  auto a = ugc::api::parse_bundle_account(ugc::Json::parse(
      R"({"id":"b1","status":"in_review","saved_account_id":"s1","account":{"username":"glow.us1",
          "visible_name":"Glow","biography":"Bio","profile_picture_url":"uploads/b1/pp/1.png"}})"));
  REQUIRE(a.ok());
  CHECK(a->status == "in_review");
  CHECK(a->saved_account_id == "s1");
  CHECK(a->username == "glow.us1");
  CHECK(a->profile_picture_url == "uploads/b1/pp/1.png");
  CHECK_FALSE(ugc::api::parse_bundle_account(ugc::Json::array()).ok());
}

TEST_CASE("bundle reader: an embedded account's username and an updated_at are read when present") {
  auto b = ugc::api::parse_bundle(ugc::Json::parse(
      R"({"id":"b1","status":"published","account":{"username":"glow.us1"},"updated_at":"2027-01-15T10:00:00Z"})"));
  REQUIRE(b.ok());
  CHECK(b->account_username == "glow.us1");
  CHECK(b->updated_at == "2027-01-15T10:00:00Z");
  auto plain = ugc::api::parse_bundle(ugc::Json::parse(R"({"id":"b2","account":null})"));
  REQUIRE(plain.ok());
  CHECK(plain->account_username.empty());
}
