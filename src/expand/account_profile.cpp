#include "ugc/expand/account_profile.hpp"

#include <cctype>

#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/limits.hpp"

namespace ugc::expand {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string keys_of(const manifest::LocalizedText& text) {
  std::string out;
  for (const auto& [key, value] : text.by_key) out += (out.empty() ? "" : ", ") + key;
  return out;
}

// An unset text (no keys at all) is allowed and gives "": the account is then
// configured without it and the planner reports what publishing needs.
Result<std::string> localized_field(const manifest::LocalizedText& text, const char* field,
                                    const manifest::Market& market, const manifest::SourceLocation& where) {
  if (text.by_key.empty()) return std::string();
  if (const std::string* value = localized_for(text, market)) return *value;
  std::string at = where.line > 0 ? where.str() + ": " : "";
  return invalid_input(at + "accounts." + field + " has no text for market " + market.code + " (language " +
                       market.language + "); add a '" + market.language + "' or '" + market.code +
                       "' key (present: " + keys_of(text) + ")");
}

}  // namespace

std::string expand_username(const std::string& pattern, const std::string& market,
                            manifest::Platform platform, int n) {
  std::string out;
  out.reserve(pattern.size() + 8);
  for (std::size_t i = 0; i < pattern.size();) {
    auto starts = [&](const char* token) { return pattern.compare(i, std::char_traits<char>::length(token), token) == 0; };
    if (starts("{market}")) {
      out += lower(market);
      i += 8;
    } else if (starts("{platform}")) {
      out += manifest::to_string(platform);
      i += 10;
    } else if (starts("{n}")) {
      out += std::to_string(n);
      i += 3;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

bool is_valid_username(const std::string& username) {
  if (username.empty() || username.size() > static_cast<std::size_t>(manifest::kUsernameMaxChars)) return false;
  for (char c : username) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Result<DesiredAccount> account_profile(const manifest::AccountTemplate& accounts,
                                       const manifest::Market& market, manifest::Platform platform,
                                       int n) {
  DesiredAccount account;
  if (!accounts.username_pattern.empty()) {
    account.username = expand_username(accounts.username_pattern, market.code, platform, n);
    if (!is_valid_username(account.username)) {
      std::string at = accounts.where.line > 0 ? accounts.where.str() + ": " : "";
      return invalid_input(at + "accounts.username '" + accounts.username_pattern + "' gives '" +
                           account.username + "' for " + market.code + "/" + manifest::to_string(platform) +
                           " account " + std::to_string(n) +
                           "; a username must be 1-24 characters of A-Z a-z 0-9 _ .");
    }
  }
  auto visible = localized_field(accounts.visible_name, "visible_name", market, accounts.where);
  if (!visible) return visible.error();
  auto biography = localized_field(accounts.biography, "biography", market, accounts.where);
  if (!biography) return biography.error();
  account.visible_name = *visible;
  account.biography = *biography;
  if (!accounts.profile_picture.empty()) account.profile_picture_media = "profile_picture";
  return account;
}

const std::string* localized_for(const manifest::LocalizedText& text, const manifest::Market& market) {
  // A market key wins over the language, whether written canonically ("GB")
  // or as an alias ("UK").
  if (auto it = text.by_key.find(market.code); it != text.by_key.end()) return &it->second;
  // Market keys start with an upper-case letter: in the map's order they all
  // lie from "A" up to "[" (the byte after 'Z'), so the languages (lower
  // case, most keys) are not walked for every slot.
  const auto market_keys_end = text.by_key.lower_bound("[");
  for (auto it = text.by_key.lower_bound("A"); it != market_keys_end; ++it) {
    const std::string& key = it->first;
    if (!std::isupper(static_cast<unsigned char>(key[0]))) continue;
    if (key == market.key_as_written) return &it->second;
    if (auto code = manifest::canonical_market(key); code && *code == market.code) return &it->second;
  }
  if (auto it = text.by_key.find(market.language); it != text.by_key.end()) return &it->second;
  if (auto it = text.by_key.find("*"); it != text.by_key.end()) return &it->second;
  return nullptr;
}

}  // namespace ugc::expand
