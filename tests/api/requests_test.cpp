// Typed requests serialise to the contract's paths and fields
// (docs/tokportal-api.md §5-§7), and read back what the caller needs.
#include <doctest/doctest.h>

#include "ugc/api/account_requests.hpp"
#include "ugc/api/bundle_requests.hpp"
#include "ugc/api/upload_requests.hpp"
#include "ugc/api/video_requests.hpp"

using namespace ugc;
using namespace ugc::api;

TEST_CASE("create bundle: the contract's top-level fields, zero slots and no warming are omitted") {
  CreateBundleRequest r;
  r.bundle_type = BundleType::account_and_videos;
  r.platform = "instagram";
  r.country = "USA";
  r.videos_quantity = 6;
  r.title = "wave-US-instagram-1";
  r.external_ref = "wave-US-instagram-1";
  r.niche_warming_instructions = "Skincare reviews.";
  Request req = to_request(r);
  CHECK(req.method == "POST");
  CHECK(req.path == "/bundles");
  CHECK(req.idempotency_key.empty());
  REQUIRE(req.body);
  CHECK(*req.body == Json{{"bundle_type", "account_and_videos"},
                          {"platform", "instagram"},
                          {"country", "USA"},
                          {"videos_quantity", 6},
                          {"title", "wave-US-instagram-1"},
                          {"external_ref", "wave-US-instagram-1"},
                          {"wants_niche_warming", true},
                          {"niche_warming_instructions", "Skincare reviews."}});

  CreateBundleRequest bare;
  bare.platform = "tiktok";
  bare.country = "FR";
  CHECK(*to_request(bare).body == Json{{"bundle_type", "account_only"}, {"platform", "tiktok"}, {"country", "FR"}});
}

TEST_CASE("bulk create, rename, add slots and publish: paths with the id segment, bodies as documented") {
  CreateBundlesBulkRequest bulk{{"tiktok", "instagram"}, "UK", 2, 2, 6, ""};
  Request b = to_request(bulk);
  CHECK(b.path == "/bundles/bulk");
  CHECK(*b.body == Json::parse(R"({"platforms":["tiktok","instagram"],"country":"UK","accounts_count":2,
      "upload_accounts_count":2,"videos_per_account":6})"));

  Request rename = to_request(UpdateBundleRequest{"b-1", std::nullopt, std::string("new-ref")});
  CHECK(rename.method == "PATCH");
  CHECK(rename.path == "/bundles/b-1");
  CHECK(*rename.body == Json{{"external_ref", "new-ref"}});

  Request add = to_request(AddVideoSlotsRequest{"{bundle:r}", 4});
  CHECK(add.path == "/bundles/{bundle:r}/add-video-slots");
  CHECK(add_video_slots_quantity(*add.body) == 4);
  CHECK(add_video_slots_quantity(Json{{"quantity", "4"}}) == 0);
  CHECK(add_video_slots_quantity(Json()) == 0);

  Request publish = to_request(PublishBundleRequest{"b-1"});
  CHECK(publish.path == "/bundles/b-1/publish");
  CHECK_FALSE(publish.body.has_value());
}

TEST_CASE("account profile: PUT of the whole profile, no picture, no profile_picture_url") {
  ConfigureAccountRequest r{"b-9", "glowlab.us1", "Glow Lab", "Honest reviews", "uploads/p.png"};
  Request req = to_request(r);
  CHECK(req.method == "PUT");
  CHECK(req.path == "/bundles/b-9/account");
  CHECK(*req.body == Json{{"username", "glowlab.us1"},
                          {"visible_name", "Glow Lab"},
                          {"biography", "Honest reviews"},
                          {"profile_picture_url", "uploads/p.png"}});
  r.profile_picture_url.clear();
  CHECK_FALSE(to_request(r).body->contains("profile_picture_url"));
}

TEST_CASE("video batch: items carry position and the full configuration, auto_publish at the top only") {
  VideoConfig v;
  v.position = 2;
  v.target_publish_date = "2027-03-01";
  v.description = "Review #ad";
  v.video_url = "https://cdn.test/v.mp4";
  v.external_ref = "wave-review-US-instagram";
  v.instagram_content_type = InstagramContentType::reel;
  Request req = to_request(BatchConfigureVideosRequest{"b-1", {v}, true});
  CHECK(req.method == "PUT");
  CHECK(req.path == "/bundles/b-1/videos/batch");
  CHECK(*req.body == Json::parse(R"({"videos":[{"position":2,"video_type":"video","target_publish_date":"2027-03-01",
      "description":"Review #ad","video_url":"https://cdn.test/v.mp4","external_ref":"wave-review-US-instagram",
      "instagram_content_type":"reel"}],"auto_publish":true})"));
  v.instagram_content_type = InstagramContentType::none;
  CHECK_FALSE(to_json(v).contains("instagram_content_type"));

  auto back = batch_videos_of(*req.body);
  REQUIRE(back.size() == 1);
  CHECK(back[0].position == 2);
  CHECK(back[0].video_url == "https://cdn.test/v.mp4");
  CHECK(batch_videos_of(Json::parse(R"({"videos":[{"position":"2"},7]})")).empty());
  CHECK(batch_videos_of(Json::array()).empty());
}

TEST_CASE("patch, publish-all and unschedule address the slot by position") {
  PatchVideoRequest patch;
  patch.bundle_id = "b-1";
  patch.position = 3;
  patch.target_publish_date = "2027-03-05";
  Request p = to_request(patch);
  CHECK(p.method == "PATCH");
  CHECK(p.path == "/bundles/b-1/videos/3");
  CHECK(*p.body == Json{{"target_publish_date", "2027-03-05"}});
  CHECK(to_request(PublishAllVideosRequest{"b-1"}).path == "/bundles/b-1/videos/publish-all");
  CHECK(to_request(UnscheduleVideoRequest{"b-1", 3}).path == "/bundles/b-1/videos/3/unschedule");
}

TEST_CASE("uploads: multipart file + bundle_id (+ purpose), from-url as JSON, a planned one reads back") {
  Request video = to_request(VideoUploadRequest{"b-1", "media/clip.mp4"});
  CHECK(video.path == "/upload/video/direct");
  CHECK_FALSE(video.body.has_value());
  auto up = as_video_upload(video);
  REQUIRE(up);
  CHECK(up->bundle_id == "b-1");
  CHECK(up->file_path == "media/clip.mp4");

  Request image = to_request(ImageUploadRequest{"b-1", "media/logo.png", ImagePurpose::profile_picture});
  CHECK(image.path == "/upload/image/direct");
  bool purpose = false;
  for (const auto& part : image.parts)
    if (part.name == "purpose") purpose = part.value == "profile_picture";
  CHECK(purpose);
  CHECK_FALSE(as_video_upload(image));

  Request url = to_request(ImageFromUrlRequest{"b-1", "https://cdn.test/logo.png", ImagePurpose::profile_picture});
  CHECK(url.path == "/upload/image/from-url");
  CHECK(*url.body == Json{{"url", "https://cdn.test/logo.png"}, {"bundle_id", "b-1"}, {"purpose", "profile_picture"}});

  Request rebuilt = multipart_request("POST", "/upload/video/direct", {{"bundle_id", "b-2"}}, "x.mov");
  REQUIRE(rebuilt.parts.size() == 2);
  CHECK(rebuilt.parts[1].content_type == "video/quicktime");
  CHECK(as_video_upload(rebuilt)->bundle_id == "b-2");
}
