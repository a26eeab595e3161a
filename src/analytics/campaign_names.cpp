#include "ugc/analytics/campaign_names.hpp"

namespace ugc::analytics {

std::map<std::string, std::string> creator_names(const manifest::Campaign& campaign) {
  std::map<std::string, std::string> out;
  for (const auto& c : campaign.creators) out[c.id] = c.name.empty() ? c.id : c.name;
  return out;
}

void fill_missing_creators(std::vector<PostMetrics>& posts, const manifest::Campaign& campaign) {
  std::map<std::string, std::string> creator_of_video;
  for (const auto& v : campaign.videos)
    if (const manifest::Media* m = campaign.find_media(v.media)) creator_of_video[v.id] = m->creator;
  for (auto& p : posts) {
    if (!p.creator.empty()) continue;
    auto it = creator_of_video.find(p.video);
    if (it != creator_of_video.end()) p.creator = it->second;
  }
}

}  // namespace ugc::analytics
