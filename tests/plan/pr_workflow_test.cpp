// The pull-request workflow of docs/github/ugc-plan.yml, run here rather than
// on a hosted runner: its `run:` steps are read from the YAML (yaml-cpp) and
// run in order with bash -eo pipefail, as Actions runs them, in a copy of the
// repository's campaigns with a temp state, the `ugc` binary on PATH and a
// `ugc sim` child as the API. Steps that need a hosted runner (building ugc,
// posting the comment with gh) are skipped by id; `uses:` steps have no run.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "ugc/plan/render.hpp"

using ugc::testing::RunOptions;
using ugc::testing::RunResult;
using ugc::testing::SimProcess;
using ugc::testing::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kWorkflow = std::string(UGC_SOURCE_DIR) + "/docs/github/ugc-plan.yml";
const std::set<std::string> kHostedOnlySteps = {"install", "comment"};

struct WorkflowStep {
  std::string id;
  std::string run;
  std::map<std::string, std::string> env;
};

// Expressions only GitHub evaluates: the API key becomes the test key, the rest a stand-in URL.
std::string evaluated(const std::string& value) {
  if (value.find("${{") == std::string::npos) return value;
  if (value.find("secrets.TOKPORTAL_API_KEY") != std::string::npos) return ugc::testing::kTestApiKey;
  return "https://github.invalid/acme/campaigns/actions/runs/1";
}

std::map<std::string, std::string> env_of(const YAML::Node& node) {
  std::map<std::string, std::string> env;
  if (node && node.IsMap())
    for (const auto& kv : node) env[kv.first.as<std::string>()] = evaluated(kv.second.as<std::string>());
  return env;
}

// The steps of `job` that run a command here, in order.
std::vector<WorkflowStep> run_steps(const YAML::Node& workflow, const std::string& job) {
  std::vector<WorkflowStep> out;
  for (const auto& step : workflow["jobs"][job]["steps"]) {
    if (!step["run"]) continue;
    WorkflowStep s{step["id"] ? step["id"].as<std::string>() : "", step["run"].as<std::string>(), env_of(step["env"])};
    if (!kHostedOnlySteps.count(s.id)) out.push_back(std::move(s));
  }
  return out;
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A checkout of the campaigns, a runner temp dir and a bin dir holding `ugc`.
class WorkflowRunner {
 public:
  WorkflowRunner() : workflow_(YAML::LoadFile(kWorkflow)) {
    fs::create_directories(checkout());  // fs::copy creates the target directory, not its parents
    fs::copy(fs::path(UGC_SOURCE_DIR) / "campaigns", fs::path(checkout()) / "campaigns",
             fs::copy_options::recursive);
    fs::create_directories(runner_temp());
    fs::create_directories(dir_.file("bin"));
    fs::create_symlink(UGC_BINARY, dir_.file("bin/ugc"));
  }

  std::string checkout() const { return dir_.file("checkout"); }
  std::string runner_temp() const { return dir_.file("runner-temp"); }
  std::string state() const { return checkout() + "/" + env_.at("UGC_STATE"); }
  std::map<std::string, std::string>& env() { return env_; }

  // Runs the job's steps in order and stops at the first that fails, as Actions does.
  std::vector<std::pair<std::string, RunResult>> run_job(const std::string& job) {
    std::vector<std::pair<std::string, RunResult>> results;
    for (const auto& step : run_steps(workflow_, job)) {
      RunOptions o;
      o.cwd = checkout();
      o.env = env_;
      for (const auto& [k, v] : step.env) o.env[k] = v;
      RunResult r = ugc::testing::run_process({"/bin/bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.run}, o);
      results.emplace_back(step.id, r);
      if (r.exit_code != 0) break;
    }
    return results;
  }

 private:
  TempDir dir_;
  YAML::Node workflow_;
  std::map<std::string, std::string> env_ = [this] {
    auto env = env_of(workflow_["env"]);
    const char* path = std::getenv("PATH");
    env["PATH"] = dir_.file("bin") + ":" + (path ? path : "/usr/bin:/bin");
    env["RUNNER_TEMP"] = runner_temp();
    env["NO_COLOR"] = "1";
    return env;
  }();
};

std::string failure_report(const std::vector<std::pair<std::string, RunResult>>& steps) {
  std::string out;
  for (const auto& [id, r] : steps)
    out += "step " + id + ": exit " + std::to_string(r.exit_code) + "\n" + r.out + r.err + "\n";
  return out;
}

bool all_passed(const std::vector<std::pair<std::string, RunResult>>& steps) {
  for (const auto& s : steps)
    if (s.second.exit_code != 0) return false;
  return !steps.empty();
}

}  // namespace

TEST_CASE("pull-request workflow: the plan job validates, plans and writes a comment that fits and opens with the summary") {
  WorkflowRunner w;
  auto steps = w.run_job("plan");
  INFO(failure_report(steps));
  REQUIRE(all_passed(steps));
  std::vector<std::string> ran;
  for (const auto& s : steps) ran.push_back(s.first);
  CHECK(ran == std::vector<std::string>{"validate", "plan"});

  const std::string comment = read_file_text(w.runner_temp() + "/ugc/comment.md");
  REQUIRE_FALSE(comment.empty());
  CHECK(comment.size() <= ugc::plan::kGitHubCommentLimit);
  CHECK(comment.rfind("### ugc plan: `ugc-wave-1`\n\n| credits | API requests | actions | blocked |", 0) == 0);
  CHECK(comment.find("<summary>Captions to review:") != std::string::npos);
  CHECK(comment.find("Creator review: first week with the serum #skincare #review #ad") != std::string::npos);
  CHECK(read_file_text(w.runner_temp() + "/ugc/plan.txt").find("Captions to review (") != std::string::npos);
  CHECK(fs::exists(w.runner_temp() + "/ugc/plan.json"));  // the artefact holds the whole plan
  CHECK_FALSE(fs::exists(w.state()));                        // planning never creates a state
}

TEST_CASE("pull-request workflow: the apply job applies the saved plan against ugc sim and records the run") {
  SimProcess sim({"--clock", "2027-01-15"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), sim.error());
  WorkflowRunner w;
  w.env()["TOKPORTAL_BASE_URL"] = sim.base_url();
  auto steps = w.run_job("apply");
  INFO(failure_report(steps));
  REQUIRE(all_passed(steps));
  std::vector<std::string> ran;
  for (const auto& s : steps) ran.push_back(s.first);
  CHECK(ran == std::vector<std::string>{"validate", "plan", "guardrails", "apply", "history"});
  CHECK(steps[2].second.out.find("plan: ") != std::string::npos);
  const std::string history = steps.back().second.out;
  CHECK(history.find("campaigns/ugc-wave-1.yaml") != std::string::npos);
  CHECK(history.find("applied") != std::string::npos);
}

TEST_CASE("pull-request workflow: a plan over the credit guardrail stops the apply job before any request") {
  SimProcess sim({"--clock", "2027-01-15"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), sim.error());
  WorkflowRunner w;
  w.env()["TOKPORTAL_BASE_URL"] = sim.base_url();
  w.env()["UGC_MAX_CREDITS"] = "10";
  auto steps = w.run_job("apply");
  REQUIRE_FALSE(steps.empty());
  CHECK(steps.back().first == "guardrails");
  CHECK(steps.back().second.exit_code != 0);
  CHECK(steps.back().second.out.find("more than UGC_MAX_CREDITS=10") != std::string::npos);
  CHECK_FALSE(fs::exists(w.state()));
  const ugc::Json log = sim.get("/__sim/requests");
  int mutating = 0;
  for (const auto& r : log.value("data", ugc::Json::array())) mutating += r.value("method", "GET") != "GET";
  CHECK(mutating == 0);
}
