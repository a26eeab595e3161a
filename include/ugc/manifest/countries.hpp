#pragma once
// Markets a campaign may name: ISO 3166-1 alpha-2 codes of countries TokPortal
// serves, plus aliases people write ("UK" for GB, "USA" for US). The API's own
// country codes differ for two of them (US -> "USA", GB -> "UK", docs/tokportal-api.md
// §2); every other code is sent as is. GET /countries stays the authority at
// apply time; this table is what a campaign file may say.
#include <optional>
#include <string>
#include <vector>

namespace ugc::manifest {

// Canonical alpha-2 codes accepted in campaign files, sorted.
const std::vector<std::string>& supported_markets();
// "GB" for "GB" and "UK"; nullopt for codes we do not accept.
std::optional<std::string> canonical_market(const std::string& written);
// The code TokPortal expects for a canonical market: "US" -> "USA", "GB" -> "UK".
std::string tokportal_country_code(const std::string& canonical);
// Inverse of tokportal_country_code, accepting aliases: "USA" -> "US", "UK" -> "GB".
std::optional<std::string> market_from_tokportal(const std::string& tokportal_code);

}  // namespace ugc::manifest
