// Hostile and broken campaign files: each gets a located error, none crashes or hangs.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "fixtures.hpp"
#include "ugc/manifest/limits.hpp"
#include "support/temp_dir.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/manifest/yaml_shape.hpp"

using namespace manifest_test;

namespace {

// The outcome of a bad input: no campaign, at least one error, and the first
// error has the expected rule and a location.
void expect_rejected(const std::string& text, const std::string& rule) {
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK_FALSE(outcome.campaign);
  CHECK(outcome.has_errors());
  const auto* d = find_rule(outcome.diagnostics, rule);
  REQUIRE(d);
  CHECK(d->where.file == data("inline.yaml"));
  CHECK(d->where.line >= 1);
  CHECK(d->where.column >= 1);
  CHECK(d->message.size() > 10);
}

}  // namespace

TEST_CASE("an empty file says what a campaign starts with") {
  expect_rejected("", "empty-file");
  expect_rejected("# only a comment\n", "empty-file");
  auto outcome = parse_here("");
  CHECK(outcome.diagnostics.front().message.find("version: 1") != std::string::npos);
}

TEST_CASE("text that is not YAML gets a syntax error at its position") {
  expect_rejected("version: 1\ncampaign: [unclosed\n", "yaml-syntax");
  expect_rejected("{{{{", "yaml-syntax");
  expect_rejected("a: b: c\n", "yaml-syntax");
  expect_rejected("a: 1\n b: 2\n  - c\n", "yaml-syntax");
}

TEST_CASE("a campaign that is not a map, or holds two documents, is refused") {
  expect_rejected("- just\n- a list\n", "wrong-type");
  expect_rejected("just a string\n", "wrong-type");
  expect_rejected(minimal_campaign() + "---\nversion: 1\n", "multiple-documents");
}

TEST_CASE("deep nesting is refused, not recursed into") {
  std::string flow(100000, '[');
  expect_rejected(flow, "too-deep");  // before yaml-cpp's own depth guard ("bad file")
  std::string nested = "version: 1\ncampaign: x\nmarkets: ";
  for (int i = 0; i < 60; ++i) nested += "[";
  for (int i = 0; i < 60; ++i) nested += "]";
  expect_rejected(nested + "\n", "too-deep");
  std::string block = "version: 1\ncampaign: x\nmarkets:\n";
  for (int i = 0; i < 50; ++i) block += std::string(2 * (i + 1), ' ') + "k" + std::to_string(i) + ":\n";
  expect_rejected(block, "too-deep");
}

TEST_CASE("a 16 MiB flat list is refused after reading one value over the limit, not the whole list") {
  std::string list;
  list.reserve(ugc::manifest::kMaxFileBytes);
  while (list.size() + 4 <= ugc::manifest::kMaxFileBytes) list += "- a\n";  // about 4 million values
  auto shape = ugc::manifest::scan_yaml_shape(list);
  CHECK(shape.tripped == ugc::manifest::ShapeLimit::too_many_nodes);
  CHECK(shape.nodes == ugc::manifest::kMaxNodes + 1);  // stopped there: no tree of 4 million nodes
  CHECK(shape.line == static_cast<int>(ugc::manifest::kMaxNodes));  // the list is node 1; value k is on line k
  auto outcome = parse_here(list);
  CHECK_FALSE(outcome.campaign);
  const auto* d = find_rule(outcome.diagnostics, "too-many-nodes");
  REQUIRE(d);
  CHECK(d->where.line == shape.line);
  CHECK(d->message.find("more than 200000 values") != std::string::npos);
  CHECK(d->message.find("alias") == std::string::npos);  // there is none to blame
  CHECK(outcome.diagnostics.size() == 1);
}

TEST_CASE("10k nesting levels are refused as too-deep after reading 33 levels, in every spelling") {
  std::string flow = std::string(10000, '[') + std::string(10000, ']') + "\n";
  std::string dashes;
  for (int i = 0; i < 10000; ++i) dashes += "- ";
  dashes += "x\n";
  std::string maps;  // one more space of indentation per level (12 MB at 5000 levels; 2000 suffice)
  for (int i = 0; i < 2000; ++i) maps += std::string(static_cast<std::size_t>(i), ' ') + "k" + std::to_string(i) + ":\n";
  for (const std::string* text : {&flow, &dashes, &maps}) {
    auto shape = ugc::manifest::scan_yaml_shape(*text);
    CHECK(shape.tripped == ugc::manifest::ShapeLimit::too_deep);
    CHECK(shape.max_depth == ugc::manifest::kMaxNestingDepth + 1);
    CHECK(shape.nodes <= 2 * (ugc::manifest::kMaxNestingDepth + 1));  // keys and values of the 33 levels at most
    expect_rejected(*text, "too-deep");
    auto outcome = parse_here(*text);
    REQUIRE_FALSE(outcome.diagnostics.empty());
    CHECK(outcome.diagnostics.front().message.find("nesting deeper than 32 levels") != std::string::npos);
    CHECK(outcome.diagnostics.front().message.find("bad file") == std::string::npos);
  }
}

TEST_CASE("a tab in indentation is named, at its line and column") {
  struct TabCase {
    std::string text;
    int line, column;
  };
  for (const auto& c : {TabCase{"version: 1\ncampaign: x\nmarkets:\n\tUS: {language: en}\n", 4, 1},
                        TabCase{"version: 1\nmarkets:\n  US:\n\tlanguage: en\n", 4, 1},
                        TabCase{"markets:\n  - US\n \t- FR\n", 3, 2}}) {
    auto outcome = parse_here(c.text);
    INFO(dump(outcome.diagnostics));
    CHECK_FALSE(outcome.campaign);
    const auto* d = find_rule(outcome.diagnostics, "yaml-syntax");
    REQUIRE(d);
    CHECK(d->message.rfind("tab character in indentation at " + std::to_string(c.line) + ":" +
                               std::to_string(c.column) + " (YAML indents with spaces",
                           0) == 0);
    CHECK(d->where.line == c.line);
    CHECK(d->where.column == c.column);
  }
  // A syntax error on a line indented with spaces says nothing about tabs.
  auto spaces = parse_here("a: 1\n b: 2\n  - c\n");
  const auto* d = find_rule(spaces.diagnostics, "yaml-syntax");
  REQUIRE(d);
  CHECK(d->message.find("tab") == std::string::npos);
}

TEST_CASE("an alias bomb is stopped by the node budget") {
  // Billion laughs: 10 levels of 10 aliases each = 10^10 nodes if expanded.
  std::string bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) bomb += ", " + prev;
    bomb += "]\n";
  }
  expect_rejected(bomb, "too-many-nodes");
  auto outcome = parse_here(bomb);
  CHECK(find_rule(outcome.diagnostics, "too-many-nodes")->message.find("once aliases are expanded") !=
        std::string::npos);
  // Inside a real campaign, the same.
  expect_rejected(bomb + minimal_campaign() + "moved: [*a10]\n", "too-many-nodes");
}

TEST_CASE("wrong types everywhere are each reported") {
  std::string text = R"(version: "one"
campaign: [a, b]
creators: [c1]
media: 5
markets:
  US: {language: [en], platforms: tiktok, accounts: -1, videos_per_account: lots}
accounts: "all of them"
defaults: {schedule: {start: tomorrow, every_days: 0}}
videos: {id: v1}
moved: 3
)";
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK_FALSE(outcome.campaign);
  CHECK(count_rule(outcome.diagnostics, "wrong-type") >= 7);
  CHECK(count_rule(outcome.diagnostics, "bad-number") >= 2);
  CHECK(count_rule(outcome.diagnostics, "out-of-range") >= 2);
  CHECK(find_rule(outcome.diagnostics, "bad-date"));
  for (const auto& d : outcome.diagnostics) CHECK(d.where.line > 0);
}

TEST_CASE("duplicate keys are detected, though yaml-cpp accepts them") {
  std::string text = minimal_campaign();
  text.replace(text.find("campaign: mini\n"), 15, "campaign: mini\ncampaign: other\n");
  text.replace(text.find("    disclosure: \"#ad\"\n"), 22, "    disclosure: \"#ad\"\n    disclosure: \"#sponsored\"\n");
  auto outcome = parse_here(text);
  INFO(dump(outcome.diagnostics));
  CHECK(count_rule(outcome.diagnostics, "duplicate-key") == 2);
  const auto* d = find_rule(outcome.diagnostics, "duplicate-key");
  REQUIRE(d);
  CHECK(d->where.line == 3);
  CHECK(d->message.find("first at line 2") != std::string::npos);
  // GB and its alias UK are the same market.
  std::string markets = minimal_campaign();
  markets.replace(markets.find("  FR: {language: fr"), 5, "  UK:");
  markets.replace(markets.find("  US: {language: en"), 5, "  GB:");
  expect_rejected(markets, "duplicate-key");
}

TEST_CASE("an impossible date names the expected format") {
  std::string text = minimal_campaign();
  text.replace(text.find("start: 2027-03-01"), 17, "start: 2026-02-30");
  expect_rejected(text, "bad-date");
  auto outcome = parse_here(text);
  CHECK(find_rule(outcome.diagnostics, "bad-date")->message.find("expected YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("a 10 MB caption is an error, not a crash") {
  std::string text = minimal_campaign();
  std::string huge(10u << 20, 'x');
  text.replace(text.find("Week one with the serum #ad"), 27, huge);
  expect_rejected(text, "value-too-long");
}

TEST_CASE("a file over the size limit is refused before parsing") {
  std::string text = "# " + std::string(17u << 20, 'x') + "\n";
  expect_rejected(text, "file-too-large");
}

TEST_CASE("a media file that does not exist or cannot be read is an error at its line") {
  std::string text = minimal_campaign();
  text.replace(text.find("file: media/clip.mp4"), 20, "file: media/nope.mp4");
  expect_rejected(text, "media-missing");
  auto outcome = parse_here(text);
  const auto* d = find_rule(outcome.diagnostics, "media-missing");
  REQUIRE(d);
  CHECK(d->where.line == 8);
  CHECK(d->message.find("does not exist") != std::string::npos);

  // A directory is not a media file.
  std::string dir = minimal_campaign();
  dir.replace(dir.find("file: media/clip.mp4"), 20, "file: media");
  expect_rejected(dir, "media-not-file");

  if (::geteuid() != 0) {  // root reads everything; the check only means something for a user
    ugc::testing::TempDir tmp;
    auto clip = tmp.file("unreadable.mp4");
    { std::FILE* f = std::fopen(clip.c_str(), "w"); REQUIRE(f); std::fputs("x", f); std::fclose(f); }
    ::chmod(clip.c_str(), 0);
    std::string unreadable = minimal_campaign();
    unreadable.replace(unreadable.find("file: media/clip.mp4"), 20, "file: " + clip);
    auto outcome = ugc::manifest::parse_campaign_text(unreadable, data("inline.yaml"), {{tmp.path()}});
    INFO(dump(outcome.diagnostics));
    CHECK(find_rule(outcome.diagnostics, "media-missing"));
  }
}

TEST_CASE("bytes that are not UTF-8 are reported at their line and column") {
  std::string text = minimal_campaign();
  text.replace(text.find("Week one"), 4, "W\xff\xfek");
  expect_rejected(text, "not-utf8");
  auto outcome = parse_here(text);
  const auto* d = find_rule(outcome.diagnostics, "not-utf8");
  CHECK(d->where.line == 22);
  CHECK(d->message.find("0xFF") != std::string::npos);
  expect_rejected("version: 1\ncampaign: \xc0\xaf\n", "not-utf8");      // overlong '/'
  expect_rejected("version: 1\ncampaign: \xed\xa0\x80\n", "not-utf8");  // surrogate
  expect_rejected(std::string("version: 1\ncampaign: a\0b\n", 25), "control-character");
}

TEST_CASE("a missing or unreadable campaign file is a clean error") {
  auto outcome = ugc::manifest::parse_campaign_file(data("does-not-exist.yaml"));
  CHECK_FALSE(outcome.campaign);
  REQUIRE(find_rule(outcome.diagnostics, "file-unreadable"));
  auto dir = ugc::manifest::parse_campaign_file(data("media"));
  CHECK(find_rule(dir.diagnostics, "file-unreadable"));
}
