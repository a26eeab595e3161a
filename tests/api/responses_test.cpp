// Typed answers: what apply reads from TokPortal's responses
// (docs/tokportal-api.md §5-§7), and precise errors for answers it cannot use.
#include <doctest/doctest.h>

#include "ugc/api/batch_result.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/publish_result.hpp"
#include "ugc/api/uploads.hpp"

using namespace ugc;
using namespace ugc::api;

TEST_CASE("bulk create: data.bundles or a bare list, a bundle without an id is a precise error") {
  auto nested = parse_created_bundles(Json::parse(R"({"bundles":[{"id":"b1","platform":"tiktok"},
      {"bundle_id":"b2","platform":"instagram","country":"UK"}],"total_count":2})"));
  REQUIRE(nested.ok());
  REQUIRE(nested->size() == 2);
  CHECK(nested->at(1).id == "b2");
  CHECK(nested->at(1).country == "UK");
  CHECK(parse_created_bundles(Json::parse(R"([{"id":"b3"}])"))->at(0).id == "b3");

  auto no_list = parse_created_bundles(Json::parse(R"({"total_count":2})"));
  REQUIRE_FALSE(no_list.ok());
  CHECK(no_list.error().code() == "MALFORMED_RESPONSE");
  CHECK(no_list.error().message().find("data.bundles") != std::string::npos);

  auto no_id = parse_created_bundles(Json::parse(R"({"bundles":[{"id":"b1"},{"platform":"tiktok"}]})"));
  REQUIRE_FALSE(no_id.ok());
  CHECK(no_id.error().code() == "MALFORMED_RESPONSE");
  CHECK(no_id.error().message().find("POST /bundles/bulk") != std::string::npos);
  CHECK(no_id.error().message().find("bundle_id") != std::string::npos);
}

TEST_CASE("batch answer: per-position results in any documented wrapper, failures and video ids") {
  auto r = parse_batch_configure_result(Json::parse(R"({"results":[
      {"position":1,"video":{"id":"v1","status":"configured"}},
      {"position":2,"error":{"code":"INVALID_DATE","message":"too soon"}},
      {"position":3,"ok":false},
      {"position":"4"},
      "junk"]})"));
  REQUIRE(r.slots.size() == 3);
  CHECK_FALSE(r.slots[1].failed);
  CHECK(r.slots[1].video_id == "v1");
  CHECK(r.slots[1].status == "configured");
  CHECK(r.slots[2].failed);
  CHECK(r.slots[2].error_code == "INVALID_DATE");
  CHECK(r.slots[2].error_message == "too soon");
  CHECK(r.slots[3].failed);
  CHECK_FALSE(r.auto_publish.has_value());

  auto flat = parse_batch_configure_result(Json::parse(R"([{"position":5,"video_id":"v5","status":"failed"}])"));
  CHECK(flat.slots[5].failed);
  CHECK(flat.slots[5].video_id == "v5");
  CHECK(parse_batch_configure_result(Json()).slots.empty());
}

TEST_CASE("batch answer: the auto_publish report, refused or with moved dates") {
  auto refused = parse_batch_configure_result(Json::parse(R"({"videos":[],"auto_publish":{"requested":true,
      "published":false,"error":{"code":"ACCOUNT_NOT_CONFIGURED","message":"configure the account"}}})"));
  REQUIRE(refused.auto_publish);
  CHECK(refused.auto_publish->published == false);
  CHECK(refused.auto_publish->error_code == "ACCOUNT_NOT_CONFIGURED");

  auto moved = parse_batch_configure_result(Json::parse(R"({"auto_publish":{"published":true,
      "adjusted_videos":[{"video_id":"v1","position":1,"previous_date":"2027-01-10","new_date":"2027-01-13"}]}})"));
  REQUIRE(moved.auto_publish);
  CHECK(moved.auto_publish->published == true);
  REQUIRE(moved.auto_publish->publish.adjusted_videos.size() == 1);
  CHECK(moved.auto_publish->publish.adjusted_videos[0].new_date == "2027-01-13");
}

TEST_CASE("publish answer: status and moved dates, unusable items are skipped, never thrown") {
  auto p = parse_publish_result(Json::parse(R"({"id":"b1","status":"published_priority","adjusted_videos":[
      {"video_id":"v1","position":2,"previous_date":"2027-01-10","new_date":"2027-01-13"},
      {"position":"3","new_date":"2027-01-14"},
      {"position":4},
      7]})"));
  CHECK(p.status == "published_priority");
  REQUIRE(p.adjusted_videos.size() == 1);
  CHECK(p.adjusted_videos[0].position == 2);
  CHECK(p.adjusted_videos[0].video_id == "v1");
  CHECK(p.adjusted_videos[0].previous_date == "2027-01-10");
  CHECK(parse_publish_result(Json::parse(R"({"adjusted_videos":{"position":1}})")).adjusted_videos.empty());
  CHECK(parse_publish_result(Json()).status.empty());
}

TEST_CASE("upload answer: public_url or storage_path, neither is a precise error, upload_url never kept") {
  auto video = parse_uploaded_media(Json::parse(R"({"public_url":"https://cdn.test/v.mp4","size_bytes":30})"));
  REQUIRE(video.ok());
  CHECK(video->public_url == "https://cdn.test/v.mp4");
  CHECK(video->size_bytes == 30);
  auto image = parse_uploaded_media(Json::parse(R"({"storage_path":"u/p.png","upload_url":"https://s3/secret"})"));
  REQUIRE(image.ok());
  CHECK(image->storage_path == "u/p.png");
  CHECK_FALSE(image->raw.contains("upload_url"));

  auto none = parse_uploaded_media(Json::parse(R"({"filename":"v.mp4"})"));
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code() == "MALFORMED_RESPONSE");
  CHECK(none.error().message().find("neither public_url nor storage_path") != std::string::npos);
  CHECK_FALSE(parse_uploaded_media(Json::array()).ok());

  auto round = parse_uploaded_media(to_response(*video).data());
  REQUIRE(round.ok());
  CHECK(round->public_url == video->public_url);
}
