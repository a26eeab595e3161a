#include <doctest/doctest.h>

#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/languages.hpp"
#include "ugc/manifest/limits.hpp"
#include "ugc/manifest/nearest_key.hpp"
#include "ugc/manifest/targets.hpp"

using namespace ugc::manifest;

TEST_CASE("markets map to the country codes TokPortal expects") {
  CHECK(tokportal_country_code("US") == "USA");
  CHECK(tokportal_country_code("GB") == "UK");
  CHECK(tokportal_country_code("FR") == "FR");
  CHECK(tokportal_country_code("PH") == "PH");
  CHECK(canonical_market("UK") == std::optional<std::string>("GB"));
  CHECK(canonical_market("USA") == std::optional<std::string>("US"));
  CHECK(canonical_market("DE") == std::optional<std::string>("DE"));
  CHECK_FALSE(canonical_market("XX"));
  CHECK_FALSE(canonical_market("us"));  // codes are upper case, as ISO writes them
  CHECK(market_from_tokportal("USA") == std::optional<std::string>("US"));
  CHECK(market_from_tokportal("UK") == std::optional<std::string>("GB"));
  CHECK(market_from_tokportal("CA") == std::optional<std::string>("CA"));
  // Every country the contract has observed is supported.
  for (const char* tp : {"USA", "UK", "FR", "CA", "IT", "PH"}) CHECK(market_from_tokportal(tp));
  CHECK(supported_markets().size() >= 16);
  CHECK(is_supported_language("en"));
  CHECK_FALSE(is_supported_language("EN"));
}

TEST_CASE("nearest_key suggests plausible typos only") {
  std::vector<std::string> keys = {"captions", "markets", "media", "publish_on"};
  CHECK(nearest_key("captoins", keys) == std::optional<std::string>("captions"));
  CHECK(nearest_key("publish_date", keys) == std::optional<std::string>("publish_on"));
  CHECK(nearest_key("publishon", keys) == std::optional<std::string>("publish_on"));
  CHECK(nearest_key("zzzzzzzz", keys) == std::nullopt);
  CHECK(nearest_key("UA", {"US", "GB"}) == std::optional<std::string>("US"));
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("caption measures count characters and hashtags as platforms do") {
  CHECK(count_chars("abc") == 3);
  CHECK(count_chars("é日本") == 3);
  CHECK(count_hashtags("#a #b c#d #") == 2);
  CHECK(count_hashtags("##ad #über") == 2);
  CHECK(platform_limits(Platform::tiktok).caption_chars == 2200);
  CHECK(platform_limits(Platform::instagram).hashtags == 30);
}

TEST_CASE("username patterns expand with the canonical market code") {
  Market gb;
  gb.code = "GB";
  gb.key_as_written = "UK";
  CHECK(expand_username("glow.{market}{n}", gb, Platform::tiktok, 2) == "glow.gb2");
  CHECK(expand_username("{platform}_{market}", gb, Platform::instagram, 1) == "instagram_gb");
  CHECK(expand_username("{x}", gb, Platform::tiktok, 1) == "{x}");
}
