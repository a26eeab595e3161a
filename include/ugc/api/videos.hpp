#pragma once
// Typed video-slot operations (tokportal-api.md §6). Slots are addressed by
// 1-based position within a bundle. Video objects are open: unknown fields
// stay in `raw`.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/api/bundles.hpp"

namespace ugc::api {

struct VideoSlot {
  std::string id;
  int position = 0;
  std::string status;
  std::string video_type;
  std::string description;
  std::string name;
  std::string external_ref;
  std::string target_publish_start_date;  // `target_publish_start_date` ?? `target_publish_date`
  std::string target_publish_end_date;
  std::string video_url;
  Json raw;
};

// Fails (MALFORMED_RESPONSE) when `json` is not an object with a position.
Result<VideoSlot> parse_video_slot(const Json& json);

// GET /bundles/{id}/videos (all pages when paginated).
Result<std::vector<VideoSlot>> list_bundle_videos(Client& client, const std::string& bundle_id);
// PUT /bundles/{id}/videos/batch with body {videos: [...], auto_publish?}.
// Partial failure is reported per position inside `data`; it is returned as is.
Result<WriteResult> batch_configure_videos(Client& client, const std::string& bundle_id, const Json& body,
                                           const WriteOptions& write);
Result<VideoSlot> patch_video(Client& client, const std::string& bundle_id, int position, const Json& body,
                              const WriteOptions& write);
Result<WriteResult> publish_all_videos(Client& client, const std::string& bundle_id, const WriteOptions& write);
Result<WriteResult> unschedule_video(Client& client, const std::string& bundle_id, int position,
                                     const WriteOptions& write);

}  // namespace ugc::api
