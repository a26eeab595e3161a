// fold_claim_text() and find_reach_claim(): how captions are compared with the
// phrase tables of claim_phrases.cpp.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "ugc/manifest/claims.hpp"

namespace ugc::manifest {
namespace {

// U+00C0..U+00FF without their diacritics; "" for × and ÷ (punctuation).
const char* const kLatin1Base[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",  // F0
};

// U+0100..U+017F (Latin Extended-A): upper and lower case sit side by side,
// so a range of code points maps to one base letter. İ (U+0130) and ı (U+0131)
// both fall in the "i" range: Turkish dotted and dotless i fold alike.
struct BaseRange {
  char32_t first, last;
  const char* base;
};
const BaseRange kLatinExtA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"},
    {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"}, {0x218, 0x219, "s"},  {0x21A, 0x21B, "t"},
};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The next code point of `s` at `i`, advancing `i`; U+FFFD for a bad byte
// (the file was checked as UTF-8 already; this only must not misbehave).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  int extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool is_separator(char32_t cp) {
  return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         cp == 0x30FB || cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x066A || cp == 0x06D4 ||
         (cp >= 0x2190 && cp <= 0x2BFF) || cp >= 0x1F000 || cp == 0xFFFD || cp == 0xFE0F;
}

// Appends the folded form of one code point: a letter or digit, or ' ' for a separator.
void fold_one(char32_t cp, std::string& out) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
  if (cp < 0x80) {
    const auto c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else out += ' ';
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char* base = kLatin1Base[cp - 0xC0];
    out += *base ? base : " ";
    return;
  }
  for (const auto& r : kLatinExtA)
    if (cp >= r.first && cp <= r.last) return void(out += r.base);
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) return;  // Arabic harakat, tatweel
  if (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671) cp = 0x0627;  // alef forms
  if (cp == 0x0629) cp = 0x0647;                                                  // ta marbuta -> ha
  if (cp == 0x0649) cp = 0x064A;                                                  // alef maqsura -> ya
  if (cp >= 0x0660 && cp <= 0x0669) return void(out += static_cast<char>('0' + (cp - 0x0660)));
  if (cp >= 0x0391 && cp <= 0x03A9) cp += 0x20;  // Greek capitals
  if (cp >= 0x0410 && cp <= 0x042F) cp += 0x20;  // Cyrillic capitals
  if (cp >= 0x0400 && cp <= 0x040F) cp += 0x50;
  if (cp == 0x0451) cp = 0x0435;  // ё -> е, as most Russian text is written
  if (is_separator(cp)) return void(out += ' ');
  append_utf8(out, cp);
}

struct PhraseWord {
  std::string text;
  bool any_before = false;  // `*` before: the text word may start with other letters
  bool any_after = false;   // `*` after
};

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    std::size_t end = folded.find(' ', i);
    if (end == std::string::npos) end = folded.size();
    if (end > i) words.push_back(folded.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

std::vector<PhraseWord> phrase_words(std::string_view phrase) {
  std::vector<PhraseWord> out;
  for (const std::string& raw : split_words(std::string(phrase))) {
    const bool before = raw.front() == '*';
    const bool after = raw.back() == '*';
    std::string core = raw.substr(before ? 1 : 0);
    if (after && !core.empty()) core.pop_back();
    std::vector<std::string> parts = split_words(fold_claim_text(core));  // "ban-proof" is two words
    if (parts.empty()) {
      out.push_back({"", true, true});  // a lone `*`: any one word
      continue;
    }
    for (std::size_t k = 0; k < parts.size(); ++k)
      out.push_back({parts[k], before && k == 0, after && k + 1 == parts.size()});
  }
  return out;
}

bool word_matches(const std::string& word, const PhraseWord& p) {
  if (p.any_before && p.any_after) return word.find(p.text) != std::string::npos;
  if (word.size() < p.text.size()) return false;
  if (p.any_after) return word.compare(0, p.text.size(), p.text) == 0;
  if (p.any_before) return word.compare(word.size() - p.text.size(), p.text.size(), p.text) == 0;
  return word == p.text;
}

bool words_contain(const std::vector<std::string>& words, const std::vector<PhraseWord>& phrase) {
  if (phrase.empty() || phrase.size() > words.size()) return false;
  for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; all && k < phrase.size(); ++k) all = word_matches(words[i + k], phrase[k]);
    if (all) return true;
  }
  return false;
}

std::string without_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// The phrase word without `*`, if any: a caption holds the phrase only if
// it holds that word as it is.
const std::string* exact_word_of(const std::vector<PhraseWord>& phrase) {
  for (const PhraseWord& w : phrase)
    if (!w.any_before && !w.any_after && !w.text.empty()) return &w.text;
  return nullptr;
}

// A table with its phrases folded once.
struct FoldedTable {
  const ClaimTable* table;
  std::vector<std::vector<PhraseWord>> words;  // ClaimMatch::words
  std::vector<std::string> joined;             // ClaimMatch::anywhere
  std::size_t first = 0;                       // its first phrase's number in PhraseIndex
};

// Every table folded, and which phrases a caption word can lead to: a
// caption is compared only with the phrases whose exact word it holds, and
// with those that have none. Numbers run over all phrases, table by table.
struct PhraseIndex {
  std::vector<FoldedTable> tables;
  std::vector<char> always_tried;  // per phrase number
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_exact_word;
};

void add_to_index(PhraseIndex& index, FoldedTable f) {
  f.first = index.always_tried.size();
  for (std::size_t i = 0; i < f.table->phrases.size(); ++i) {
    const std::string* exact = f.table->match == ClaimMatch::words ? exact_word_of(f.words[i]) : nullptr;
    index.always_tried.push_back(exact == nullptr);
    if (exact) index.by_exact_word[*exact].push_back(f.first + i);
  }
  index.tables.push_back(std::move(f));
}

const PhraseIndex& phrase_index() {
  static const PhraseIndex index = [] {
    PhraseIndex out;
    out.tables.reserve(claim_tables().size());  // by_exact_word points into the tables' words
    for (const ClaimTable& t : claim_tables()) {
      FoldedTable f{&t, {}, {}};
      for (const char* phrase : t.phrases) {
        if (t.match == ClaimMatch::words) f.words.push_back(phrase_words(phrase));
        else f.joined.push_back(without_spaces(fold_claim_text(phrase)));
      }
      add_to_index(out, std::move(f));
    }
    return out;
  }();
  return index;
}

// The phrase numbers worth comparing with a caption of these words.
std::vector<char> candidate_phrases(const PhraseIndex& index, const std::vector<std::string>& words) {
  std::vector<char> candidate = index.always_tried;
  for (const std::string& w : words)
    if (auto it = index.by_exact_word.find(w); it != index.by_exact_word.end())
      for (std::size_t n : it->second) candidate[n] = 1;
  return candidate;
}

std::optional<ReachClaim> find_in(const FoldedTable& f, const std::vector<char>& candidate,
                                  const std::vector<std::string>& words, const std::string& joined) {
  for (std::size_t i = 0; i < f.table->phrases.size(); ++i) {
    if (!candidate[f.first + i]) continue;
    bool hit = f.table->match == ClaimMatch::words ? words_contain(words, f.words[i])
                                                     : joined.find(f.joined[i]) != std::string::npos;
    if (hit) return ReachClaim{f.table->language, f.table->phrases[i]};
  }
  return std::nullopt;
}

}  // namespace

std::string fold_claim_text(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) fold_one(next_code_point(text, i), folded);
  std::string out;  // one space between words, none at the ends
  out.reserve(folded.size());
  for (char c : folded)
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<ReachClaim> find_reach_claim(std::string_view caption, std::string_view language) {
  const std::string folded = fold_claim_text(caption);
  const std::vector<std::string> words = split_words(folded);
  const std::string joined = without_spaces(folded);
  const PhraseIndex& index = phrase_index();
  const std::vector<char> candidate = candidate_phrases(index, words);
  for (const FoldedTable& f : index.tables)
    if (language == f.table->language)
      if (auto hit = find_in(f, candidate, words, joined)) return hit;
  for (const FoldedTable& f : index.tables)
    if (language != f.table->language)
      if (auto hit = find_in(f, candidate, words, joined)) return hit;
  return std::nullopt;
}

}  // namespace ugc::manifest
