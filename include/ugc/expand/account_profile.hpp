#pragma once
// The profile of the account behind one bundle, from the campaign's `accounts:`
// template: username pattern expanded, display name and biography localized.
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::expand {

// Replaces every "{market}" (lower-case market code), "{platform}" and "{n}" in
// `pattern`. Other text, including unknown braces, is kept as written.
std::string expand_username(const std::string& pattern, const std::string& market,
                            manifest::Platform platform, int n);

// Whether `username` is acceptable to TokPortal: 1-24 of [A-Za-z0-9_.].
bool is_valid_username(const std::string& username);

// The account of bundle n of `market` x `platform`. An empty template (no
// `accounts:` section) gives an empty account. Errors name the market and say
// which keys would be valid.
Result<DesiredAccount> account_profile(const manifest::AccountTemplate& accounts,
                                       const manifest::Market& market, manifest::Platform platform,
                                       int n);

// A localized text for a market: its market key (canonical "GB" or an alias
// such as "UK"), then the market's language, then "*". nullptr when none applies.
// (LocalizedText::lookup tries the language before aliased market keys.)
const std::string* localized_for(const manifest::LocalizedText& text, const manifest::Market& market);

}  // namespace ugc::expand
