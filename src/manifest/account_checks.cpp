// The account profile template against PUT /bundles/{id}/account limits
// (docs/tokportal-api.md §5.10), checked per account after expansion.
#include <map>

#include "campaign_checks.hpp"
#include "ugc/manifest/languages.hpp"
#include "ugc/manifest/limits.hpp"
#include "ugc/manifest/nearest_key.hpp"
#include "ugc/manifest/targets.hpp"

namespace ugc::manifest::detail {
namespace {

bool username_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

std::string username_problem(const std::string& u) {
  if (u.empty()) return "is empty";
  if (static_cast<int>(u.size()) > kUsernameMaxChars)
    return "has " + std::to_string(u.size()) + " characters; at most " + std::to_string(kUsernameMaxChars);
  for (char c : u)
    if (!username_char(c)) return "contains '" + std::string(1, c) + "'; only A-Z a-z 0-9 _ . are allowed";
  return {};
}

void check_text_keys(const Campaign& c, const LocalizedText& text, const std::string& what, std::vector<Diagnostic>& out) {
  for (const auto& [key, value] : text.by_key) {
    if (key == "*" || is_supported_language(key) || c.find_market(key)) continue;
    add_error(out, text.where.at(key), "unknown-text-key",
              what + " key '" + key + "' is neither an ISO 639-1 language nor a market of this campaign");
  }
}

void check_text_per_market(const Campaign& c, const LocalizedText& text, const std::string& what, int max_chars,
                           const char* too_long_rule, std::vector<Diagnostic>& out) {
  if (text.by_key.empty()) return;  // the missing key is reported already
  for (const auto& m : c.markets) {
    const std::string* value = text.lookup(m.code, m.language);
    if (!value) {
      add_error(out, c.accounts.where, "missing-translation",
                what + " has no text for market " + m.key_as_written + "; add '" + m.language + ":' or '" +
                    m.key_as_written + ":'");
      continue;
    }
    int n = count_chars(*value);
    if (n > max_chars || (n == 0 && std::string(too_long_rule) == "visible-name-too-long")) {
      SourceLocation where = c.accounts.where;
      for (const auto& [key, loc] : text.where)
        if (text.by_key.at(key) == *value) where = loc;
      add_error(out, where, too_long_rule,
                what + " for market " + m.key_as_written + " has " + std::to_string(n) + " characters; TokPortal allows " +
                    (n == 0 ? "1-" : "at most ") + std::to_string(max_chars));
    }
  }
}

}  // namespace

void check_account_profile(const Campaign& c, std::vector<Diagnostic>& out) {
  const AccountTemplate& a = c.accounts;
  check_text_keys(c, a.visible_name, "accounts visible_name", out);
  check_text_keys(c, a.biography, "accounts biography", out);
  check_text_per_market(c, a.visible_name, "accounts visible_name", kVisibleNameMaxChars, "visible-name-too-long", out);
  check_text_per_market(c, a.biography, "accounts biography", kBiographyMaxChars, "biography-too-long", out);
  if (a.username_pattern.empty()) return;
  // Every username the template yields must be valid, and unique among the
  // campaign's accounts on one platform (the same handle on TikTok and on
  // Instagram is one brand, not a clash).
  std::map<std::pair<Platform, std::string>, std::string> owner;  // (platform, username) -> "US/tiktok/1"
  for (const auto& m : c.markets) {
    for (Platform p : m.platforms) {
      for (int n = 1; n <= m.accounts; ++n) {
        std::string user = expand_username(a.username_pattern, m, p, n);
        std::string account = m.key_as_written + "/" + to_string(p) + "/" + std::to_string(n);
        if (auto problem = username_problem(user); !problem.empty()) {
          add_error(out, a.where, "username-invalid",
                    "accounts username '" + a.username_pattern + "' gives '" + user + "' for " + account + ", which " +
                        problem + " (TokPortal: 1-24 of [A-Za-z0-9_.])");
          return;  // one pattern, one report
        }
        auto [it, fresh] = owner.emplace(std::make_pair(p, user), account);
        if (!fresh) {
          add_error(out, a.where, "username-duplicate",
                    "accounts username '" + a.username_pattern + "' gives '" + user + "' to both " + it->second +
                        " and " + account + "; add {market} or {n} to the pattern");
          return;
        }
      }
    }
  }
}

}  // namespace ugc::manifest::detail
