// Replays the fuzz seed corpus, and deterministic mutations of it, through
// parse_campaign_text, so builds without clang/libFuzzer exercise the same
// paths (and the ASan+UBSan build checks them).
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "fixtures.hpp"
#include "ugc/manifest/limits.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/manifest/yaml_shape.hpp"

using namespace manifest_test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> corpus() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(source("fuzz/corpus/campaign_parse"))) out.push_back(read_file(e.path()));
  return out;
}

void parse_checked(const std::string& text) {
  auto outcome = ugc::manifest::parse_campaign_text(text, "/nonexistent/replay.yaml");
  // A campaign exactly when there is no error; every error has a rule and a message.
  REQUIRE(outcome.campaign.has_value() != outcome.has_errors());
  for (const auto& d : outcome.diagnostics) {
    REQUIRE_FALSE(d.rule.empty());
    REQUIRE_FALSE(d.message.empty());
  }
}

std::string mutate(std::string s, std::mt19937& rng) {
  static const std::vector<std::string> tokens = {"[", "]", "{", "}", ":", "- ", "&a ", "*a", "\n", "  ", "'", "\"",
                                                  "#", "---\n", "!!str ", "? ", "|\n", "\xff", "\xc3", "2026-02-30",
                                                  "<<: *a\n", "~", "\t", "\r\n", "%YAML 1.2\n"};
  int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits; ++i) {
    std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 4) {
      case 0: s.insert(pos, tokens[rng() % tokens.size()]); break;
      case 1: if (pos < s.size()) s.erase(pos, 1 + rng() % 16); break;
      case 2: if (pos < s.size()) s[pos] = static_cast<char>(rng() % 256); break;
      case 3: if (!s.empty()) { std::size_t from = rng() % s.size(); s.insert(pos, s.substr(from, rng() % 64)); } break;
    }
  }
  return s;
}

}  // namespace

TEST_CASE("the fuzz seed corpus parses without crashing") {
  auto seeds = corpus();
  REQUIRE(seeds.size() >= 8);
  for (const auto& text : seeds) parse_checked(text);
}

TEST_CASE("mutated corpus inputs parse without crashing") {
  auto seeds = corpus();
  std::mt19937 rng(20270301);  // fixed seed: failures reproduce
  for (int round = 0; round < 1500; ++round) {
    const std::string& seed = seeds[round % seeds.size()];
    std::string text = mutate(seed, rng);
    CAPTURE(round);
    if (const char* dump = std::getenv("UGC_REPLAY_DUMP")) {  // write each input, to find a hang
      std::FILE* f = std::fopen(dump, "wb");
      std::fwrite(text.data(), 1, text.size(), f);
      std::fclose(f);
    }
    parse_checked(text);
  }
}

// The one-pass read (may_skip_shape_scan, then yaml-cpp's tree) must never take
// a file the event scan refuses: a syntax error or a second document would
// otherwise pass unreported. Checked on the corpus and its mutations.
TEST_CASE("a file read in one pass is one the shape scan accepts as a single document") {
  auto seeds = corpus();
  std::mt19937 rng(20261203);
  int one_pass = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = round < static_cast<int>(seeds.size()) ? seeds[round] : mutate(seeds[round % seeds.size()], rng);
    if (!ugc::manifest::may_skip_shape_scan(text)) continue;
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const std::exception&) {
      continue;  // the reader falls back to the scan
    }
    if (!root.IsMap() || root.Style() != YAML::EmitterStyle::Block || root.Mark().column != 0) continue;
    ++one_pass;
    CAPTURE(round);
    CAPTURE(text);
    auto shape = ugc::manifest::scan_yaml_shape(text);
    CHECK_FALSE(shape.syntax_error);
    CHECK(shape.documents == 1);
  }
  CHECK(one_pass > 300);  // many mutations stay readable: the property is not vacuous
}

TEST_CASE("the characters of a file decide whether it may skip the shape scan") {
  using ugc::manifest::may_skip_shape_scan;
  CHECK(may_skip_shape_scan(read_file(source("campaigns/ugc-wave-1.yaml"))));
  CHECK(may_skip_shape_scan("---\nversion: 1\n"));
  CHECK(may_skip_shape_scan("# a comment\n%YAML 1.2\n---\nversion: 1\n"));
  CHECK_FALSE(may_skip_shape_scan("version: 1\n---\nversion: 2\n"));
  CHECK_FALSE(may_skip_shape_scan("version: 1\n...\n"));
  CHECK_FALSE(may_skip_shape_scan("  version: 1\n--- x\n"));
  std::string list = "l:\n";
  while (list.size() < (ugc::manifest::kMaxUnscannedNodes + 1) * 4) list += "- a\n";
  CHECK_FALSE(may_skip_shape_scan(list));  // the scan stops such a file after kMaxNodes values
}
