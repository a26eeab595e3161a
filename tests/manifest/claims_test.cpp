// `promises-reach` in every language campaigns are localized into: each
// language's corpus of promising captions is flagged, and the corpus of
// ordinary captions of every language passes every table.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "fixtures.hpp"
#include "ugc/manifest/claims.hpp"
#include "ugc/manifest/languages.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

using namespace manifest_test;
using ugc::manifest::claim_tables;
using ugc::manifest::find_reach_claim;
using ugc::manifest::fold_claim_text;

namespace {

// Languages a claims table and both corpora must exist for.
const std::vector<std::string> kClaimLanguages = {"en", "fr", "de", "es", "it", "pt", "ja", "ko",
                                                  "zh", "nl", "pl", "tr", "ar", "ru", "sv", "id"};

std::vector<std::string> corpus_lines(const std::string& language, const std::string& kind) {
  std::ifstream in(data("claims/" + language + "." + kind + ".txt"));
  REQUIRE_MESSAGE(in.good(), "missing corpus " << language << "." << kind << ".txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("claims: every required language has a table of known language and both corpora") {
  std::set<std::string> tables;
  for (const auto& t : claim_tables()) {
    CAPTURE(t.language);
    CHECK(ugc::manifest::is_supported_language(t.language));
    CHECK(t.phrases.size() >= 4);
    CHECK(tables.insert(t.language).second);  // one table per language
  }
  for (const auto& language : kClaimLanguages) {
    CAPTURE(language);
    CHECK(tables.count(language));
    CHECK(corpus_lines(language, "promises").size() >= 4);
    CHECK(corpus_lines(language, "ordinary").size() >= 4);
  }
}

TEST_CASE("claims: every promising caption of each language is flagged") {
  for (const auto& language : kClaimLanguages) {
    for (const auto& caption : corpus_lines(language, "promises")) {
      CAPTURE(language);
      CAPTURE(caption);
      CAPTURE(fold_claim_text(caption));
      auto hit = find_reach_claim(caption, language);
      CHECK(hit.has_value());
      // Also without knowing the market's language: every table is tried.
      CHECK(find_reach_claim(caption).has_value());
    }
  }
}

TEST_CASE("claims: ordinary captions of every language pass every table") {
  for (const auto& language : kClaimLanguages) {
    for (const auto& caption : corpus_lines(language, "ordinary")) {
      CAPTURE(language);
      CAPTURE(caption);
      auto hit = find_reach_claim(caption, language);
      CHECK_MESSAGE(!hit, "flagged by " << (hit ? hit->language + ": " + hit->phrase : std::string()));
    }
  }
}

TEST_CASE("claims: folding handles case, width, diacritics, Turkish i and Arabic forms") {
  CHECK(fold_claim_text("Vues GARANTIES") == "vues garanties");
  CHECK(fold_claim_text("Visualizações") == "visualizacoes");
  CHECK(fold_claim_text("Straße") == "strasse");
  CHECK(fold_claim_text("ＢＡＮ－ＰＲＯＯＦ") == "ban proof");              // full-width ASCII
  CHECK(fold_claim_text("１００％安全") == "100 安全");
  CHECK(fold_claim_text("GARANTİLİ") == fold_claim_text("garantili"));     // dotted capital I
  CHECK(fold_claim_text("GARANTILI") == fold_claim_text("garantılı"));     // dotless small i
  CHECK(fold_claim_text("مُشاهَدات مضمونة") == fold_claim_text("مشاهدات مضمونه"));
  CHECK(fold_claim_text("  a,\tb…  ") == "a b");
  CHECK(fold_claim_text(std::string("\xff\xfe ok")) == "ok");  // bad bytes are separators, not a crash
}

TEST_CASE("claims: lint reports a Japanese promise in any market with the phrase and its language") {
  std::string text = minimal_campaign();
  text.replace(text.find("Week one with the serum #ad"), 27, "この美容液で再生回数保証 #ad");
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  REQUIRE(outcome.campaign);
  auto ds = ugc::manifest::lint_campaign(*outcome.campaign, {});
  const auto* d = find_rule(ds, "promises-reach");
  REQUIRE(d);
  CHECK(d->message.find("\"再生回数保証\" (ja)") != std::string::npos);
  CHECK(d->message.find("market US") != std::string::npos);
}
