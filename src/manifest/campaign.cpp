// Small accessors of the Campaign data model.
#include "ugc/manifest/campaign.hpp"

#include <cctype>

#include "ugc/manifest/countries.hpp"

namespace ugc::manifest {

std::string SourceLocation::str() const {
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column > 0 ? column : 1);
  return out;
}

const char* to_string(Platform p) {
  switch (p) {
    case Platform::tiktok: return "tiktok";
    case Platform::instagram: return "instagram";
  }
  return "?";
}

std::optional<Platform> parse_platform(const std::string& text) {
  if (text == "tiktok") return Platform::tiktok;
  if (text == "instagram") return Platform::instagram;
  return std::nullopt;
}

const std::string* LocalizedText::lookup(const std::string& market, const std::string& language) const {
  if (auto it = by_key.find(market); it != by_key.end()) return &it->second;
  // A market key may be written as an alias ("UK" for GB).
  for (const auto& [key, text] : by_key) {
    if (key.size() < 2 || !std::isupper(static_cast<unsigned char>(key[0]))) continue;
    if (auto code = canonical_market(key); code && *code == market) return &text;
  }
  if (auto it = by_key.find(language); it != by_key.end()) return &it->second;
  if (auto it = by_key.find("*"); it != by_key.end()) return &it->second;
  return nullptr;
}

const Creator* Campaign::find_creator(const std::string& wanted) const {
  for (const auto& c : creators)
    if (c.id == wanted) return &c;
  return nullptr;
}

const Media* Campaign::find_media(const std::string& wanted) const {
  if (auto it = media_index.find(wanted); it != media_index.end() && it->second < media.size() &&
                                          media[it->second].id == wanted)
    return &media[it->second];
  for (const auto& m : media)
    if (m.id == wanted) return &m;
  return nullptr;
}

void Campaign::index_markets() {
  market_index.clear();
  for (std::size_t i = 0; i < markets.size(); ++i) {
    market_index.emplace(markets[i].code, i);
    market_index.emplace(markets[i].key_as_written, i);
  }
}

void Campaign::index_media() {
  media_index.clear();
  for (std::size_t i = 0; i < media.size(); ++i) media_index.emplace(media[i].id, i);
}

const Market* Campaign::find_market(const std::string& code) const {
  if (auto it = market_index.find(code); it != market_index.end() && it->second < markets.size()) {
    const Market& m = markets[it->second];
    if (m.code == code || m.key_as_written == code) return &m;
  }
  for (const auto& m : markets)
    if (m.code == code || m.key_as_written == code) return &m;
  auto canonical = canonical_market(code);
  if (!canonical) return nullptr;
  for (const auto& m : markets)
    if (m.code == *canonical) return &m;
  return nullptr;
}

}  // namespace ugc::manifest
