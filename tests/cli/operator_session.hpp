#pragma once
// An operator's session for the CLI tests: a `ugc sim` child, a copy of
// tests/data/apply/small (campaign.yaml and media/) in a temp dir, and `ugc`
// runs with the demo key and the simulator's URL in the environment.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace ugc::testing {

class OperatorSession {
 public:
  OperatorSession() {
    namespace fs = std::filesystem;
    const fs::path source = fs::path(UGC_TEST_DATA) / "apply" / "small";
    fs::copy(source / "media", fs::path(dir_.path()) / "media", fs::copy_options::recursive);
    fs::copy_file(source / "campaign.yaml", campaign());
    sim_ = std::make_unique<SimProcess>(std::vector<std::string>{"--clock", "2027-01-15"});
    REQUIRE_MESSAGE(!sim_->base_url().empty(), sim_->error());
  }

  std::string campaign() const { return dir_.file("campaign.yaml"); }
  std::string state() const { return dir_.file("state.db"); }
  std::string file(const std::string& name) const { return dir_.file(name); }
  SimProcess& sim() { return *sim_; }

  RunResult ugc(std::vector<std::string> args, std::map<std::string, std::string> env = {}) const {
    args.insert(args.begin(), UGC_BINARY);
    RunOptions o;
    o.env = std::move(env);
    o.env["TOKPORTAL_API_KEY"] = kTestApiKey;
    o.env["TOKPORTAL_BASE_URL"] = sim_->base_url();
    o.env.emplace("NO_COLOR", "1");
    o.cwd = dir_.path();
    return run_process(args, o);
  }

  // Bundles the simulator holds for the test key (first page is enough here).
  std::vector<std::string> bundle_refs() const {
    Json page = sim_->get("/api/ext/bundles?per_page=100", true);
    std::vector<std::string> refs;
    const Json data = page.value("data", Json::array());
    for (const Json& b : data) refs.push_back(b.value("external_ref", ""));
    return refs;
  }

  static std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  TempDir dir_;
  std::unique_ptr<SimProcess> sim_;
};

}  // namespace ugc::testing
