#pragma once
// Helpers for manifest tests: fixture paths, finding diagnostics by rule.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ugc/manifest/diagnostic.hpp"
#include "ugc/manifest/parse.hpp"

namespace manifest_test {

inline std::string data(const std::string& rel) { return std::string(UGC_TEST_DATA) + "/manifest/" + rel; }
inline std::string source(const std::string& rel) { return std::string(UGC_SOURCE_DIR) + "/" + rel; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline int count_rule(const std::vector<ugc::manifest::Diagnostic>& ds, const std::string& rule) {
  return static_cast<int>(std::count_if(ds.begin(), ds.end(), [&](const auto& d) { return d.rule == rule; }));
}

inline const ugc::manifest::Diagnostic* find_rule(const std::vector<ugc::manifest::Diagnostic>& ds,
                                                  const std::string& rule) {
  for (const auto& d : ds)
    if (d.rule == rule) return &d;
  return nullptr;
}

inline std::string dump(const std::vector<ugc::manifest::Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.str() + "\n";
  return out;
}

// A small valid campaign; media paths resolve against tests/data/manifest/.
inline std::string minimal_campaign() {
  return R"(version: 1
campaign: mini
creators:
  c1:
    rights: {markets: [US, FR], platforms: [tiktok], until: 2027-12-31}
    disclosure: "#ad"
media:
  clip: {creator: c1, file: media/clip.mp4}
markets:
  US: {language: en, platforms: [tiktok], accounts: 1, videos_per_account: 3}
  FR: {language: fr, platforms: [tiktok], accounts: 1, videos_per_account: 3}
accounts:
  username: "mini.{market}{n}"
  visible_name: {en: "Mini", fr: "Mini France"}
  biography: {en: "Real reviews", fr: "De vrais avis"}
  profile_picture: media/logo.png
defaults:
  schedule: {start: 2027-03-01, every_days: 2}
videos:
  - id: v1
    media: clip
    captions: {en: "Week one with the serum #ad", fr: "Semaine un avec le sérum #ad"}
)";
}

// Parses text as if it were a file in tests/data/manifest/.
inline ugc::manifest::ParseOutcome parse_here(const std::string& text) {
  return ugc::manifest::parse_campaign_text(text, data("inline.yaml"));
}

}  // namespace manifest_test
