#include "ugc/manifest/targets.hpp"

#include <algorithm>
#include <cctype>

namespace ugc::manifest {

const Creator* video_creator(const Campaign& campaign, const Video& video) {
  const Media* media = campaign.find_media(video.media);
  return media ? campaign.find_creator(media->creator) : nullptr;
}

std::vector<std::string> target_markets(const Campaign& campaign, const Video& video) {
  std::vector<std::string> out;
  if (!video.markets.empty()) {
    for (const auto& m : campaign.markets)
      if (std::find(video.markets.begin(), video.markets.end(), m.code) != video.markets.end()) out.push_back(m.code);
    return out;
  }
  const Creator* creator = video_creator(campaign, video);
  for (const auto& m : campaign.markets) {
    if (!creator ||
        std::find(creator->rights.markets.begin(), creator->rights.markets.end(), m.code) != creator->rights.markets.end())
      out.push_back(m.code);
  }
  return out;
}

std::string expand_username(const std::string& pattern, const Market& market, Platform platform, int n) {
  std::string key = market.code;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    auto take = [&](std::string_view placeholder, const std::string& value) {
      if (pattern.compare(i, placeholder.size(), placeholder) != 0) return false;
      out += value;
      i += placeholder.size();
      return true;
    };
    if (take("{market}", key) || take("{platform}", to_string(platform)) || take("{n}", std::to_string(n))) continue;
    out += pattern[i++];
  }
  return out;
}

}  // namespace ugc::manifest
