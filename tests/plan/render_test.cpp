// Renderers: text (grouped, word diffs, colour only when asked), markdown.
#include <doctest/doctest.h>

#include "plan_fixture.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/word_diff.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

TEST_CASE("word diff marks only the words that changed") {
  auto pieces = word_diff("my first week with the product #ad", "my second week with the product #ad");
  CHECK(format_word_diff(pieces, false) == "my [-first-] {+second+} week with the product #ad");
  CHECK(format_word_diff(word_diff("a b", "a b c"), false) == "a b {+c+}");
  CHECK(format_word_diff(word_diff("a b c", "a c"), false) == "a [-b-] c");
  CHECK(format_word_diff(word_diff("", "new"), false) == "{+new+}");
  CHECK(format_word_diff(pieces, true).find("\x1b[31m") != std::string::npos);
}

TEST_CASE("text rendering groups actions and shows totals, colour only when asked") {
  auto p = plan_campaign(wave_campaign(), {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  std::string plain = make_renderer(RenderFormat::text, false)->render(*p);
  CHECK(plain.find("Create (") != std::string::npos);
  CHECK(plain.find("Update (") != std::string::npos);
  CHECK(plain.find("+ create_bundles_bulk:wave-US-tiktok-1+4") != std::string::npos);
  CHECK(plain.find("270 credits, 17 API requests") != std::string::npos);
  CHECK(plain.find("\x1b[") == std::string::npos);
  std::string colored = make_renderer(RenderFormat::text, true)->render(*p);
  CHECK(colored.find("\x1b[32m") != std::string::npos);
  // Deterministic.
  CHECK(make_renderer(RenderFormat::text, false)->render(*p) == plain);
}

TEST_CASE("a caption change renders as a word diff") {
  Plan p;
  p.campaign = "wave";
  Action a;
  a.id = "patch_video:wave-review-FR-tiktok";
  a.kind = ActionKind::patch_video;
  a.reason = "caption changed in the file";
  a.changes = {{"caption", std::string("ma premiere semaine avec le produit #avis #ad"),
                std::string("ma deuxieme semaine avec le produit #avis #ad")}};
  a.requests.push_back({"PATCH", "/bundles/{bundle:wave-FR-tiktok-1}/videos/1", Json::object(), {}, {}, {}});
  p.actions.push_back(a);
  p.totals = compute_totals(p);
  std::string text = make_renderer(RenderFormat::text, false)->render(p);
  CHECK(text.find("caption: ma [-premiere-] {+deuxieme+} semaine") != std::string::npos);
  CHECK(text.find("~ patch_video:wave-review-FR-tiktok") != std::string::npos);
}

TEST_CASE("markdown rendering is a collapsible summary for a pull request") {
  auto p = plan_campaign(wave_campaign(), {}, inputs_as_of("2027-02-01"));
  REQUIRE(p.ok());
  std::string md = make_renderer(RenderFormat::markdown, false)->render(*p);
  CHECK(md.find("### ugc plan: `wave`") != std::string::npos);
  CHECK(md.find("<details>") != std::string::npos);
  CHECK(md.find("</details>") != std::string::npos);
  CHECK(md.find("<summary>+ Create:") != std::string::npos);
  CHECK(md.find("17 API requests") != std::string::npos);
  Plan empty;
  empty.campaign = "wave";
  CHECK(make_renderer(RenderFormat::markdown, false)->render(empty).find("No changes") != std::string::npos);
}
