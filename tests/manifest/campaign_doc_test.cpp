// docs/campaign-file.md and schemas/campaign.schema.json name the same keys:
// every property path of the schema is a row of the doc's tables, and every
// row is a property of the schema, so neither drifts.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "fixtures.hpp"

using namespace manifest_test;

namespace {

// Property paths: `a.b`, a map's values `a.*`, a list's items `a[]`.
void schema_key_paths(const nlohmann::json& node, const std::string& path, std::set<std::string>& out) {
  if (!node.is_object()) return;
  if (node.contains("properties"))
    for (const auto& item : node["properties"].items()) {
      const nlohmann::json& sub = item.value();
      std::string at = path.empty() ? item.key() : path + "." + item.key();
      out.insert(at);
      schema_key_paths(sub, at, out);
    }
  if (node.contains("additionalProperties") && node["additionalProperties"].is_object() &&
      node["additionalProperties"].contains("properties")) {
    out.insert(path + ".*");
    schema_key_paths(node["additionalProperties"], path + ".*", out);
  }
  if (node.contains("items") && node["items"].is_object() && node["items"].contains("properties")) {
    out.insert(path + "[]");
    schema_key_paths(node["items"], path + "[]", out);
  }
  if (node.contains("allOf"))
    for (const auto& sub : node["allOf"]) schema_key_paths(sub, path, out);
}

// The first `code` of each table row, `<name>` read as `*`.
std::set<std::string> documented_key_paths(const std::string& doc) {
  static const std::regex row(R"(^\| `([^`]+)` \|)");
  static const std::regex placeholder(R"(<[^>]+>)");
  std::set<std::string> out;
  std::istringstream in(doc);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, row)) out.insert(std::regex_replace(m[1].str(), placeholder, "*"));
  }
  return out;
}

}  // namespace

TEST_CASE("docs/campaign-file.md documents every key of the campaign schema, and only those") {
  std::set<std::string> schema_keys;
  schema_key_paths(nlohmann::json::parse(read_file(source("schemas/campaign.schema.json"))), "", schema_keys);
  const std::set<std::string> doc_keys = documented_key_paths(read_file(source("docs/campaign-file.md")));
  REQUIRE(schema_keys.size() > 30);
  for (const auto& key : schema_keys) CHECK_MESSAGE(doc_keys.count(key), "not in docs/campaign-file.md: " << key);
  for (const auto& key : doc_keys) CHECK_MESSAGE(schema_keys.count(key), "not in the schema: " << key);
}

TEST_CASE("the doc check reads the key of each table row, placeholders as *") {
  const std::set<std::string> keys = documented_key_paths("| `markets.<code>.language` | x |\n| `videos[].id` | y |\n"
                                                          "| not a key | z |\n");
  CHECK(keys == std::set<std::string>{"markets.*.language", "videos[].id"});
}
