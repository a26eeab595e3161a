#include "ugc/manifest/countries.hpp"

#include <algorithm>
#include <utility>

namespace ugc::manifest {
namespace {

// Countries where TokPortal creators operate (observed: USA, UK, FR, CA, IT, PH;
// "16+ countries"), widened to the markets UGC campaigns commonly target.
const std::vector<std::string> kMarkets = [] {
  std::vector<std::string> v = {"AE", "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CO", "CZ",
                                "DE", "DK", "EC", "EG", "ES", "FI", "FR", "GB", "GR", "HK", "HR",
                                "HU", "ID", "IE", "IL", "IN", "IT", "JP", "KE", "KR", "MA", "MX",
                                "MY", "NG", "NL", "NO", "NZ", "PE", "PH", "PL", "PT", "RO", "SA",
                                "SE", "SG", "SK", "TH", "TR", "TW", "UA", "US", "VN", "ZA"};
  std::sort(v.begin(), v.end());
  return v;
}();

// Written form -> canonical code.
const std::vector<std::pair<std::string, std::string>> kAliases = {{"UK", "GB"}, {"USA", "US"}};
// Canonical code -> TokPortal code where they differ.
const std::vector<std::pair<std::string, std::string>> kTokportal = {{"US", "USA"}, {"GB", "UK"}};

}  // namespace

const std::vector<std::string>& supported_markets() { return kMarkets; }

std::optional<std::string> canonical_market(const std::string& written) {
  if (std::binary_search(kMarkets.begin(), kMarkets.end(), written)) return written;
  for (const auto& [alias, code] : kAliases)
    if (alias == written) return code;
  return std::nullopt;
}

std::string tokportal_country_code(const std::string& canonical) {
  for (const auto& [code, tp] : kTokportal)
    if (code == canonical) return tp;
  return canonical;
}

std::optional<std::string> market_from_tokportal(const std::string& tokportal_code) {
  for (const auto& [code, tp] : kTokportal)
    if (tp == tokportal_code) return code;
  return canonical_market(tokportal_code);
}

}  // namespace ugc::manifest
