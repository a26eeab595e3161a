#pragma once
// Checks on a parsed Campaign that the YAML walk cannot make alone (internal):
// references between sections, media files on disk, the account profile
// against the API's limits, dates and slot counts. Each appends diagnostics.
#include <map>
#include <string>
#include <vector>

#include "ugc/manifest/campaign.hpp"
#include "ugc/manifest/diagnostic.hpp"

namespace ugc::manifest::detail {

struct CheckContext {
  std::string base_dir;  // media paths are relative to the campaign file's directory
  std::vector<std::string> media_roots;  // --media-root: where media may live besides base_dir
  std::map<std::size_t, SourceLocation> video_markets_where;  // video index -> `markets:` list
  std::map<std::size_t, SourceLocation> video_ignore_where;   // video index -> `lint: ignore:` list
};

// Runs every check below.
void check_campaign(Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out);

void check_references(const Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out);
// Resolves local media and the profile picture inside the media roots
// (symlinks followed), checks their type by content and hashes them.
void resolve_media_files(Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out);
void check_account_profile(const Campaign& campaign, std::vector<Diagnostic>& out);
void check_videos(const Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out);

inline void add_error(std::vector<Diagnostic>& out, const SourceLocation& where, std::string rule, std::string message) {
  out.push_back(Diagnostic{Severity::error, std::move(rule), std::move(message), where});
}

}  // namespace ugc::manifest::detail
