#pragma once
// Reach claims: copy that promises what no one can promise (guaranteed views,
// followers or virality, safety from bans), in every language campaigns are
// localized into. The phrases are data, one table per language in
// src/manifest/claim_phrases.cpp; this header is how lint (rule
// `promises-reach`) and the tests read them.
//
// Text and phrases are compared after fold_claim_text(): lower case (Turkish
// İ/I/ı all fold to i; Greek and Cyrillic too, ё as е), Latin diacritics
// dropped (é -> e, ß -> ss, ł -> l), full-width ASCII made ASCII (Japanese
// input), Arabic diacritics and tatweel dropped and alef/ta marbuta/alef
// maqsura forms unified, punctuation and whitespace runs made one space.
// Pure functions, thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugc::manifest {

// How a table's phrases meet the words around them.
enum class ClaimMatch {
  // Words: a phrase is a sequence of words matched against whole words of the
  // text; `*` at either end of a phrase word matches any letters there
  // ("gwarantowan*" matches gwarantowane, gwarantowanych). For languages
  // written with spaces.
  words,
  // Anywhere: the phrase is a substring of the text with spaces removed. For
  // languages written without spaces between words (ja, zh).
  anywhere,
};

struct ClaimTable {
  const char* language;  // ISO 639-1, as in markets.<code>.language
  ClaimMatch match;
  std::vector<const char*> phrases;  // as written for users; folded when compared
};

// Every table, in a stable order (claim_phrases.cpp).
const std::vector<ClaimTable>& claim_tables();

// The comparison form of `text` (see above).
std::string fold_claim_text(std::string_view text);

struct ReachClaim {
  std::string language;  // table that matched
  std::string phrase;    // the phrase as written in the table
};

// The first phrase of any table found in `caption` (captions mix languages,
// so every table is tried, the caption's own language first when given).
std::optional<ReachClaim> find_reach_claim(std::string_view caption, std::string_view language = {});

}  // namespace ugc::manifest
