#pragma once
// The simulator's country catalogue (GET /countries) and the canonicalisation
// of country input: TokPortal codes ("USA", "UK", "FR") and the aliases the docs
// allow ("US" -> "USA", "GB" -> "UK"). Matching is exact and case-sensitive.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugc::sim {

struct Country {
  std::string_view code;  // canonical TokPortal code
  std::string_view name;
};

// Countries open for new accounts (about 60, enough for 50-market benchmarks).
const std::vector<Country>& enabled_countries();
// Countries where only videos_only work on existing accounts is possible.
const std::vector<Country>& videos_only_countries();

// Canonical code for an enabled country, or nullopt.
std::optional<std::string> canonical_country(std::string_view input);
// True when `input` names a videos-only country (after alias mapping).
bool is_videos_only_country(std::string_view input);

}  // namespace ugc::sim
