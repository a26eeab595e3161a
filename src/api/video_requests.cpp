#include "ugc/api/video_requests.hpp"

#include <utility>

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

const char* video_type_name(VideoType type) {
  switch (type) {
    case VideoType::video: return "video";
    case VideoType::carousel: return "carousel";
    case VideoType::story: return "story";
  }
  return "video";
}

const char* instagram_content_type_name(InstagramContentType type) {
  return type == InstagramContentType::post ? "post" : "reel";
}

}  // namespace

Json to_json(VideoConfig video) {
  // Members inserted in key order with an end hint: each insert is constant
  // time and no key is searched for (the object is a sorted map either way).
  Json::object_t j;
  j.emplace_hint(j.end(), "description", std::move(video.description));
  j.emplace_hint(j.end(), "external_ref", std::move(video.external_ref));
  if (video.instagram_content_type != InstagramContentType::none)
    j.emplace_hint(j.end(), "instagram_content_type", instagram_content_type_name(video.instagram_content_type));
  j.emplace_hint(j.end(), "position", video.position);
  j.emplace_hint(j.end(), "target_publish_date", std::move(video.target_publish_date));
  j.emplace_hint(j.end(), "video_type", video_type_name(video.video_type));
  j.emplace_hint(j.end(), "video_url", std::move(video.video_url));
  return Json(std::move(j));
}

Json batch_configure_body(std::vector<Json> videos, bool auto_publish) {
  Json j;
  j["videos"] = std::move(videos);
  j["auto_publish"] = auto_publish;
  return j;
}

Request to_request(const BatchConfigureVideosRequest& r) {
  std::vector<Json> items;
  items.reserve(r.videos.size());
  for (const auto& v : r.videos) items.push_back(to_json(v));
  return Request::put(paths::bundle_videos_batch(r.bundle_id), batch_configure_body(std::move(items), r.auto_publish),
                      "");
}

Request to_request(const PatchVideoRequest& r) {
  Json body = Json::object();
  if (r.description) body["description"] = *r.description;
  if (r.target_publish_date) body["target_publish_date"] = *r.target_publish_date;
  if (r.external_ref) body["external_ref"] = *r.external_ref;
  return Request::patch(paths::bundle_video(r.bundle_id, r.position), std::move(body), "");
}

Request to_request(const PublishAllVideosRequest& r) {
  return Request::post(paths::bundle_videos_publish_all(r.bundle_id), std::nullopt, "");
}

Request to_request(const UnscheduleVideoRequest& r) {
  return Request::post(paths::bundle_video_unschedule(r.bundle_id, r.position), std::nullopt, "");
}

std::vector<VideoConfig> batch_videos_of(const Json& body) {
  std::vector<VideoConfig> out;
  if (!body.is_object()) return out;
  auto videos = body.find("videos");
  if (videos == body.end() || !videos->is_array()) return out;
  for (const Json& item : *videos) {
    if (!item.is_object()) continue;
    auto position = item.find("position");
    if (position == item.end() || !position->is_number_integer()) continue;
    VideoConfig v;
    v.position = position->get<int>();
    v.target_publish_date = detail::str_field(item, "target_publish_date");
    v.description = detail::str_field(item, "description");
    v.video_url = detail::str_field(item, "video_url");
    v.external_ref = detail::str_field(item, "external_ref");
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace ugc::api
