#pragma once
// What a campaign derives without expanding it: the markets a video goes to,
// the username an account gets. Shared by validation, lint and expand so they
// agree on one meaning.
#include <string>
#include <vector>

#include "ugc/manifest/campaign.hpp"

namespace ugc::manifest {

// The canonical market codes a video targets, in the campaign's market order:
// its `markets:` list, or else every campaign market its creator's rights cover.
std::vector<std::string> target_markets(const Campaign& campaign, const Video& video);
// The creator of a video (through its media), or nullptr.
const Creator* video_creator(const Campaign& campaign, const Video& video);

// Expands "{market}" (lower-case canonical code, "gb" for UK), "{platform}"
// ("tiktok") and "{n}" (account index, 1-based) in a username pattern.
std::string expand_username(const std::string& pattern, const Market& market, Platform platform, int n);

}  // namespace ugc::manifest
