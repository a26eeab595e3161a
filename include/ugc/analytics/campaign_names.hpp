#pragma once
// What the campaign file adds to stored analytics: the names of creators
// (state keeps keys only) and, for posts whose snapshot does not say, the
// creator of the video (video -> media -> creator).
#include <map>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::analytics {

// Creator key -> name as written in the file (the key when the name is empty).
std::map<std::string, std::string> creator_names(const manifest::Campaign& campaign);

// Sets `creator` on posts that have none, from the campaign's video and media.
void fill_missing_creators(std::vector<PostMetrics>& posts, const manifest::Campaign& campaign);

}  // namespace ugc::analytics
