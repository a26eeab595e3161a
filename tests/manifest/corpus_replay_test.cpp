// Replays the fuzz seed corpus, and deterministic mutations of it, through
// parse_campaign_text, so builds without clang/libFuzzer exercise the same
// paths (and the ASan+UBSan build checks them).
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "fixtures.hpp"
#include "ugc/manifest/parse.hpp"

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
