#pragma once
// A seeded generator of campaign files of any size, for the benchmarks (expand,
// plan, apply). Same options -> byte-identical YAML, on any platform (raw
// mt19937 output only; no std:: distributions, whose results vary by library).
//
// The campaign it writes is valid: every creator holds rights for every market
// and platform, each market has enough accounts for every video, each video has a
// caption per language (distinct texts, the creator's disclosure, a few hashtags),
// dates follow a one-per-day schedule per account. Media are remote URLs, so
// parsing reads no media files.
#include <cstdint>
#include <string>
#include <vector>

namespace ugc::bench {

struct GeneratorOptions {
  int markets = 50;             // the first N of generator_markets()
  int platforms = 2;            // 1: tiktok; 2: tiktok and instagram
  int videos = 200;             // each goes to every market and platform
  int videos_per_account = 50;  // accounts per market = ceil(videos / videos_per_account)
  int creators = 10;
  std::uint32_t seed = 1;
  std::string campaign = "bench";
  std::string start = "2027-03-01";  // schedule start
};

struct GeneratorMarket {
  const char* code;      // ISO 3166-1 alpha-2
  const char* language;  // ISO 639-1
};

// Every market the generator can use, in the order it uses them (real ISO codes).
const std::vector<GeneratorMarket>& generator_markets();

// The campaign YAML. Requires 1 <= markets <= generator_markets().size(),
// 1 <= platforms <= 2, videos >= 1, videos_per_account >= 1, creators >= 1.
std::string generate_campaign_yaml(const GeneratorOptions& options);

}  // namespace ugc::bench
