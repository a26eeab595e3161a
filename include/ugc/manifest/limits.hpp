#pragma once
// Limits the campaign file is held to. Two kinds:
//  - the TokPortal API's and the platforms' own limits (docs/tokportal-api.md §5.10,
//    §6.2), checked here so that apply never meets them;
//  - input limits that keep a hostile or broken file from exhausting memory or
//    the stack (YAML alias bombs, megabyte captions, deep nesting).
#include <cstddef>
#include <string>

#include "ugc/manifest/campaign.hpp"

namespace ugc::manifest {

struct PlatformLimits {
  Platform platform;
  int caption_chars;  // Unicode code points
  int hashtags;
};
// TikTok: 2200 characters; Instagram: 2200 characters and 30 hashtags. TikTok
// publishes no hashtag cap; we hold it to Instagram's 30.
const PlatformLimits& platform_limits(Platform p);

// Account profile (PUT /bundles/{id}/account).
inline constexpr int kUsernameMaxChars = 24;          // 1-24 of [A-Za-z0-9_.]
inline constexpr int kVisibleNameMaxChars = 30;
inline constexpr int kBiographyMaxChars = 80;
// Video dates.
inline constexpr int kMaxVideosPerDayPerBundle = 3;    // VIDEOS_PER_DAY_EXCEEDED
inline constexpr int kLeadDaysNewAccount = 3;          // INVALID_DATE while the account is created
inline constexpr int kMaxSlotsPerBundle = 500;         // bulk create / add-slots cap
inline constexpr int kMaxAccountsPerMarket = 100;      // bulk create accounts_count cap

// Input limits.
inline constexpr std::size_t kMaxFileBytes = 16u << 20;     // 16 MiB campaign file
inline constexpr std::size_t kMaxScalarBytes = 64u << 10;   // any single string value
inline constexpr int kMaxNestingDepth = 32;                 // campaign files need < 10
inline constexpr std::size_t kMaxNodes = 200000;            // after alias expansion
// A file that may hold more values than this (counted from its characters) is
// scanned before yaml-cpp builds a tree: a hostile file then costs at most a
// tree of this size (about 190 MB), not one the size of the file.
inline constexpr std::size_t kMaxUnscannedNodes = 2 * kMaxNodes;

// Unicode code points in valid UTF-8 `text` (bytes when it is not valid UTF-8).
int count_chars(const std::string& text);
// Hashtags: '#' followed by at least one letter, digit or '_' (or any non-ASCII byte).
int count_hashtags(const std::string& text);

}  // namespace ugc::manifest
