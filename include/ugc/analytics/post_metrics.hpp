#pragma once
// One posted video in one market at one snapshot: the unit every analytics
// figure is computed from, joined back to the campaign file through the slot.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/core/result.hpp"

namespace ugc::state {
class Store;
}

namespace ugc::analytics {

struct PostMetrics {
  std::string slot_ref;    // video slot external_ref
  std::string bundle_ref;  // bundle external_ref (one market x platform account)
  std::string campaign;
  std::string market;           // market key from the campaign file
  std::string platform;         // "tiktok" | "instagram"
  std::string creator;          // creator key
  std::string video;            // campaign video id
  std::string caption_variant;  // caption variant key ("" when the video has one caption)
  std::string scraped_at;       // ISO 8601 UTC, as the API reported it
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0;
};

// Every stored snapshot of the campaign's posts, oldest first.
Result<std::vector<PostMetrics>> load_post_metrics(state::Store& store, const std::string& campaign);

}  // namespace ugc::analytics
