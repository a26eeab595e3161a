#pragma once
// The video slots of a bundle as the API reports them (docs/tokportal-api.md
// §6.1): GET /bundles/{id}/videos, every slot on one page. The refresh and
// import paths read them to see captions, dates and statuses changed outside
// ugc. Slot objects are open: unknown fields stay in `raw`.
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct BundleVideo {
  std::string id;  // the video id (used by /videos/{id}/...)
  int position = 0;
  std::string status;        // pending, configured, published, ... (open set)
  std::string external_ref;  // as configured; empty when unset
  std::string description;   // the caption
  std::string publish_date;  // target_publish_date, else target_publish_start_date; empty when unset
  std::string video_url;
  Json raw;
};

// Fails (MALFORMED_RESPONSE) when `json` is not an object or has no position >= 1.
Result<BundleVideo> parse_bundle_video(const Json& json);
// GET /bundles/{id}/videos, ordered by position.
Result<std::vector<BundleVideo>> list_bundle_videos(Client& client, const std::string& bundle_id);

}  // namespace ugc::api
