#pragma once
// What a publish answered (docs/tokportal-api.md §5.7, §6.6): POST
// /bundles/{id}/publish, POST .../videos/publish-all, and the auto_publish
// report of a batch configure. When a slot's date no longer met the lead time
// the server moved it forward and lists it in `adjusted_videos`.
//
// Read leniently: the fields are optional on the wire, an item that does not
// name a position and a new date is skipped, nothing throws.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"

namespace ugc::api {

struct AdjustedVideo {
  int position = 0;
  std::string video_id;
  std::string previous_date;  // YYYY-MM-DD
  std::string new_date;       // YYYY-MM-DD
};

struct PublishResult {
  std::string status;  // the bundle's new status ("published", "published_priority"); empty when not stated
  std::vector<AdjustedVideo> adjusted_videos;
};

PublishResult parse_publish_result(const Json& data);

}  // namespace ugc::api
