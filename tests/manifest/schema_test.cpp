// schemas/campaign.schema.json agrees with `ugc validate`: every campaign the
// tool accepts validates against the schema, every schema-level invalid
// fixture fails it. YAML -> JSON happens here (yaml-cpp -> nlohmann), ajv
// (Debian node-ajv, draft-07) runs through tests/tools/validate_schema.js.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "fixtures.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

using namespace manifest_test;
namespace fs = std::filesystem;

namespace {

// Plain scalars get YAML 1.2 core types; quoted ones stay strings.
nlohmann::json to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json obj = nlohmann::json::object();
    for (const auto& kv : node) obj[kv.first.Scalar()] = to_json(kv.second);
    return obj;
  }
  if (node.IsSequence()) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& item : node) arr.push_back(to_json(item));
    return arr;
  }
  if (!node.IsDefined() || node.IsNull()) return nullptr;
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return s;
  if (s == "true") return true;
  if (s == "false") return false;
  static const std::regex integer("-?[0-9]+");
  if (s.size() < 10 && std::regex_match(s, integer)) return std::stoi(s);
  return s;
}

std::map<std::string, std::string> details_;  // file -> ajv's errors

bool node_available() {
  return std::system("NODE_PATH=/usr/share/nodejs node -e \"require('ajv')\" >/dev/null 2>&1") == 0;
}

// file -> "valid" | "invalid" for each campaign, in one node run.
std::map<std::string, std::string> schema_verdicts(const std::vector<std::string>& campaigns) {
  fs::path dir = fs::temp_directory_path() / ("ugc-schema-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string cmd = "NODE_PATH=/usr/share/nodejs node '" + source("tests/tools/validate_schema.js") + "' '" +
                    source("schemas/campaign.schema.json") + "'";
  std::map<std::string, std::string> json_to_campaign;
  int i = 0;
  for (const auto& c : campaigns) {
    fs::path out = dir / (std::to_string(i++) + ".json");
    std::ofstream(out) << to_json(YAML::LoadFile(c)).dump();
    json_to_campaign[out.string()] = c;
    cmd += " '" + out.string() + "'";
  }
  std::map<std::string, std::string> verdicts;
  std::FILE* pipe = ::popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 1 << 16> line;
  while (std::fgets(line.data(), line.size(), pipe)) {
    std::string l = line.data();
    auto colon = l.find(": ");
    if (colon == std::string::npos) continue;
    auto it = json_to_campaign.find(l.substr(0, colon));
    if (it == json_to_campaign.end()) continue;
    verdicts[it->second] = l.substr(colon + 2, l.find_first_of(" \n", colon + 2) - colon - 2);
    if (verdicts[it->second] != "valid") details_[it->second] = l;
  }
  int status = ::pclose(pipe);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) <= 1);
  fs::remove_all(dir);
  return verdicts;
}

bool ugc_accepts(const std::string& file) {
  auto outcome = ugc::manifest::parse_campaign_file(file);
  if (!outcome.campaign) return false;
  for (const auto& d : ugc::manifest::lint_campaign(*outcome.campaign, {}))
    if (d.severity == ugc::manifest::Severity::error) return false;
  return true;
}

std::vector<std::string> yaml_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the JSON Schema accepts what ugc validate accepts and rejects the invalid fixtures") {
  // scripts/setup.sh installs node-ajv: without it the test fails, never skips.
  REQUIRE_MESSAGE(node_available(), "node with ajv is not installed (scripts/setup.sh installs node-ajv)");
  std::vector<std::string> accepted;
  for (const auto& dir : {source("campaigns"), data("rules")})
    for (const auto& f : yaml_files(dir))
      if (ugc_accepts(f)) accepted.push_back(f);
  CHECK(accepted.size() >= 20);
  auto invalid = yaml_files(data("invalid"));
  REQUIRE(invalid.size() >= 8);
  for (const auto& f : invalid) {
    INFO(f);
    CHECK_FALSE(ugc_accepts(f));
  }
  std::vector<std::string> all = accepted;
  all.insert(all.end(), invalid.begin(), invalid.end());
  auto verdicts = schema_verdicts(all);
  for (const auto& f : accepted) {
    INFO(f << " " << details_[f]);
    CHECK(verdicts[f] == "valid");
  }
  for (const auto& f : invalid) {
    INFO(f);
    CHECK(verdicts[f] == "invalid");
  }
}

TEST_CASE("every example campaign carries the yaml-language-server modeline") {
  for (const auto& f : yaml_files(source("campaigns"))) {
    INFO(f);
    CHECK(read_file(f).rfind("# yaml-language-server: $schema=../schemas/campaign.schema.json\n", 0) == 0);
  }
}
