// Editor help: schemas/campaign.schema.json has an $id and a description on
// every property (yaml-language-server shows them on hover), and `ugc schema`
// prints exactly the files of schemas/ (compiled in, no lookup at run time).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using namespace manifest_test;
using ugc::testing::run_process;
using ugc::testing::RunOptions;
using ugc::testing::TempDir;

namespace {

// Every property path of the schema lacking a description: "properties"
// members, map values ("additionalProperties" objects, path `x.*`) and array
// items (`x[]`), through allOf wrappers.
void undocumented(const nlohmann::json& node, const std::string& path, std::vector<std::string>& out) {
  if (!node.is_object()) return;
  auto check = [&out](const nlohmann::json& sub, const std::string& at) {
    if (!sub.contains("description") || !sub["description"].is_string() ||
        sub["description"].get<std::string>().size() < 10)
      out.push_back(at);
  };
  if (node.contains("properties"))
    for (const auto& item : node["properties"].items()) {
      const nlohmann::json& sub = item.value();
      std::string at = path.empty() ? item.key() : path + "." + item.key();
      check(sub, at);
      undocumented(sub, at, out);
    }
  if (node.contains("additionalProperties") && node["additionalProperties"].is_object() &&
      node["additionalProperties"].contains("properties")) {
    check(node["additionalProperties"], path + ".*");
    undocumented(node["additionalProperties"], path + ".*", out);
  }
  if (node.contains("items") && node["items"].is_object() && node["items"].contains("properties")) {
    check(node["items"], path + "[]");
    undocumented(node["items"], path + "[]", out);
  }
  if (node.contains("allOf"))
    for (const auto& sub : node["allOf"]) undocumented(sub, path, out);
}

nlohmann::json campaign_schema() { return nlohmann::json::parse(read_file(source("schemas/campaign.schema.json"))); }

}  // namespace

TEST_CASE("campaign schema: an $id and a description on every property") {
  nlohmann::json schema = campaign_schema();
  REQUIRE(schema.contains("$id"));
  CHECK(schema["$id"].get<std::string>().rfind("https://", 0) == 0);
  std::vector<std::string> missing;
  undocumented(schema, "", missing);
  for (const auto& path : missing) CHECK_MESSAGE(false, "no description on " << path);
  CHECK(missing.empty());
}

TEST_CASE("campaign schema: the description walk finds a property without one") {
  nlohmann::json schema = campaign_schema();
  schema["properties"]["videos"]["items"]["properties"]["media"].erase("description");
  schema["properties"]["markets"]["additionalProperties"]["properties"]["accounts"].erase("description");
  std::vector<std::string> missing;
  undocumented(schema, "", missing);
  CHECK(missing == std::vector<std::string>{"markets.*.accounts", "videos[].media"});
}

TEST_CASE("ugc schema prints the schema files byte for byte") {
  for (const char* name : {"campaign", "plan"}) {
    CAPTURE(name);
    TempDir elsewhere;  // no schemas/ directory here: the text is compiled in
    RunOptions o;
    o.cwd = elsewhere.path();
    auto r = run_process({UGC_BINARY, "schema", name}, o);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == read_file(source(std::string("schemas/") + name + ".schema.json")));
  }
  auto bad = run_process({UGC_BINARY, "schema", "campain"});
  CHECK(bad.exit_code != 0);
  CHECK(bad.err.find("campaign") != std::string::npos);  // names the valid choices
  auto help = run_process({UGC_BINARY, "schema", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("yaml-language-server") != std::string::npos);
}
