#include "ugc/sim/countries.hpp"

namespace ugc::sim {

const std::vector<Country>& enabled_countries() {
  static const std::vector<Country> list = {
      {"USA", "United States"}, {"UK", "United Kingdom"}, {"FR", "France"},       {"DE", "Germany"},
      {"IT", "Italy"},          {"ES", "Spain"},          {"CA", "Canada"},       {"AU", "Australia"},
      {"BR", "Brazil"},         {"MX", "Mexico"},         {"NL", "Netherlands"},  {"SE", "Sweden"},
      {"PH", "Philippines"},    {"JP", "Japan"},          {"BE", "Belgium"},      {"CH", "Switzerland"},
      {"AT", "Austria"},        {"IE", "Ireland"},        {"PT", "Portugal"},     {"PL", "Poland"},
      {"CZ", "Czechia"},        {"DK", "Denmark"},        {"NO", "Norway"},       {"FI", "Finland"},
      {"GR", "Greece"},         {"RO", "Romania"},        {"HU", "Hungary"},      {"TR", "Turkey"},
      {"AR", "Argentina"},      {"CL", "Chile"},          {"CO", "Colombia"},     {"PE", "Peru"},
      {"EC", "Ecuador"},        {"ZA", "South Africa"},   {"NG", "Nigeria"},      {"KE", "Kenya"},
      {"EG", "Egypt"},          {"MA", "Morocco"},        {"AE", "United Arab Emirates"},
      {"SA", "Saudi Arabia"},   {"IL", "Israel"},         {"IN", "India"},        {"ID", "Indonesia"},
      {"MY", "Malaysia"},       {"SG", "Singapore"},      {"TH", "Thailand"},     {"VN", "Vietnam"},
      {"KR", "South Korea"},    {"TW", "Taiwan"},         {"HK", "Hong Kong"},    {"NZ", "New Zealand"},
      {"UA", "Ukraine"},        {"BG", "Bulgaria"},       {"HR", "Croatia"},      {"SK", "Slovakia"},
      {"SI", "Slovenia"},       {"LT", "Lithuania"},      {"LV", "Latvia"},       {"EE", "Estonia"},
      {"RS", "Serbia"},
  };
  return list;
}

const std::vector<Country>& videos_only_countries() {
  static const std::vector<Country> list = {{"PK", "Pakistan"}, {"BD", "Bangladesh"}};
  return list;
}

namespace {

std::string_view apply_alias(std::string_view input) {
  if (input == "US") return "USA";
  if (input == "GB") return "UK";
  return input;
}

}  // namespace

std::optional<std::string> canonical_country(std::string_view input) {
  std::string_view code = apply_alias(input);
  for (const auto& c : enabled_countries())
    if (c.code == code) return std::string(c.code);
  return std::nullopt;
}

bool is_videos_only_country(std::string_view input) {
  std::string_view code = apply_alias(input);
  for (const auto& c : videos_only_countries())
    if (c.code == code) return true;
  return false;
}

}  // namespace ugc::sim
