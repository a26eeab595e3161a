#pragma once
// Typed requests of the video-slot operations ugc sends (docs/tokportal-api.md
// §6.3, §6.4, §6.6, §6.7). Slots are addressed by 1-based position within a
// bundle; `bundle_id` is a path segment (see paths.hpp).
//
// A configure replaces the slot's whole configuration (PUT), so VideoConfig
// always sends its content fields, empty or not.
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/request.hpp"

namespace ugc::api {

enum class VideoType { video, carousel, story };
// Required on Instagram (not for stories); `none` elsewhere (not sent).
enum class InstagramContentType { none, reel, post };

// One item of a batch configure: the single-slot fields plus `position`.
struct VideoConfig {
  int position = 0;
  VideoType video_type = VideoType::video;
  std::string target_publish_date;  // YYYY-MM-DD: first day of the 2-day window
  std::string description;          // the caption
  std::string video_url;            // an upload's public_url or an external URL
  std::string external_ref;
  InstagramContentType instagram_content_type = InstagramContentType::none;
};

// PUT /bundles/{id}/videos/batch: {videos: [...], auto_publish}.
struct BatchConfigureVideosRequest {
  std::string bundle_id;
  std::vector<VideoConfig> videos;
  bool auto_publish = false;  // top level only: one publish attempt for the call
};

// PATCH /bundles/{id}/videos/{position}: metadata and schedule without
// resending content; unset fields are not sent.
struct PatchVideoRequest {
  std::string bundle_id;
  int position = 0;
  std::optional<std::string> description;
  std::optional<std::string> target_publish_date;
  std::optional<std::string> external_ref;
};

// POST /bundles/{id}/videos/publish-all (no body).
struct PublishAllVideosRequest {
  std::string bundle_id;
};

// POST /bundles/{id}/videos/{position}/unschedule (no body).
struct UnscheduleVideoRequest {
  std::string bundle_id;
  int position = 0;
};

// By value: a caller done with its VideoConfig moves it in and its strings
// are moved into the JSON, not copied (a 20,000-slot plan builds one per slot).
Json to_json(VideoConfig video);
// The batch body from items already serialised by to_json(VideoConfig).
Json batch_configure_body(std::vector<Json> videos, bool auto_publish);

Request to_request(const BatchConfigureVideosRequest& r);
Request to_request(const PatchVideoRequest& r);
Request to_request(const PublishAllVideosRequest& r);
Request to_request(const UnscheduleVideoRequest& r);

// The items of a batch body as sent (placeholders already replaced), read
// back so the caller can record exactly what was configured. Items without
// an integer position are skipped; never throws.
std::vector<VideoConfig> batch_videos_of(const Json& body);

}  // namespace ugc::api
