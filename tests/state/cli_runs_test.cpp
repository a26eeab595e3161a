// `ugc runs` and `ugc runs show ID` against the history real `ugc apply`
// processes recorded while applying a campaign (in a git work tree) to a
// `ugc sim` child: time, host and user, campaign hash and commit, counts,
// outcome; the plan and results come back; unknown ids are clear errors.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/core/json.hpp"

using ugc::Json;
using ugc::testing::RunOptions;
using ugc::testing::RunResult;
using ugc::testing::SimProcess;
using ugc::testing::TempDir;

namespace {

namespace fs = std::filesystem;

// A copy of the small apply campaign, committed to a fresh git repository.
struct RunsWorkTree {
  TempDir dir;
  SimProcess sim{{"--clock", "2027-01-15"}};
  std::string campaign = dir.file("campaign.yaml");
  std::string state = dir.file("state.db");

  RunsWorkTree() {
    const fs::path src = fs::path(UGC_TEST_DATA) / "apply" / "small";
    fs::copy(src / "media", fs::path(dir.path()) / "media", fs::copy_options::recursive);
    fs::copy_file(src / "campaign.yaml", campaign);
    REQUIRE_MESSAGE(!sim.base_url().empty(), sim.error());
  }

  RunResult sh(const std::string& script) const {
    RunOptions o;
    o.cwd = dir.path();
    return ugc::testing::run_process({"/bin/sh", "-c", script}, o);
  }

  RunResult ugc(std::vector<std::string> args) const {
    args.insert(args.begin(), UGC_BINARY);
    RunOptions o;
    o.cwd = dir.path();
    o.env = {{"TOKPORTAL_API_KEY", ugc::testing::kTestApiKey},
             {"TOKPORTAL_BASE_URL", sim.base_url()},
             {"NO_COLOR", "1"},
             {"USER", "runs-tester"}};
    return ugc::testing::run_process(args, o);
  }

  Json runs_json(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"runs", "--state", state, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = ugc(args);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return Json::parse(r.out);
  }
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("ugc runs lists every apply with where it ran, the file's hash and commit, counts and outcome") {
  RunsWorkTree w;
  REQUIRE(w.sh("git init -q . && git add campaign.yaml media && "
               "git -c user.email=t@example.com -c user.name=T commit -qm campaign").exit_code == 0);
  const std::string head = trimmed(w.sh("git rev-parse HEAD").out);
  REQUIRE(head.size() == 40);

  RunResult first = w.ugc({"apply", w.campaign, "--auto-approve", "--state", w.state});
  INFO("apply stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  RunResult second = w.ugc({"apply", w.campaign, "--auto-approve", "--state", w.state});
  REQUIRE(second.exit_code == 0);

  Json doc = w.runs_json();
  REQUIRE(doc["runs"].size() == 2);
  const Json& newest = doc["runs"][0];
  const Json& applied = doc["runs"][1];
  CHECK(newest["outcome"] == "no changes");
  CHECK(newest["actions"] == 0);
  CHECK(applied["outcome"] == "applied");
  CHECK(applied["command"] == "apply");
  CHECK(applied["id"].get<long long>() < newest["id"].get<long long>());
  CHECK(applied["git_commit"] == head);
  CHECK(applied["campaign"] == "apply-e2e");
  CHECK(applied["campaign_sha256"] == *ugc::sha256_file_hex(w.campaign));
  CHECK(applied["user"] == "runs-tester");
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  CHECK(applied["host"] == std::string(host));
  CHECK(applied["actions"].get<int>() > 0);
  CHECK(applied["actions_failed"] == 0);
  CHECK(applied["credits_charged"].get<long long>() > 0);
  CHECK(applied["credits_charged"] == applied["credits_planned"]);
  CHECK(applied["requests_made"].get<int>() >= applied["requests_planned"].get<int>());
  CHECK_FALSE(applied["started_at"].get<std::string>().empty());

  // --limit keeps the newest; the text table names the outcome and the commit.
  Json limited = w.runs_json({"--limit", "1"});
  REQUIRE(limited["runs"].size() == 1);
  CHECK(limited["runs"][0]["outcome"] == "no changes");
  RunResult table = w.ugc({"runs", "--state", w.state});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("applied") != std::string::npos);
  CHECK(table.out.find(head.substr(0, 12)) != std::string::npos);

  // An edited, uncommitted file is not what the commit holds.
  REQUIRE(w.sh("sed -i 's/first week with the serum/first month with the serum/' campaign.yaml").exit_code == 0);
  REQUIRE(w.ugc({"apply", w.campaign, "--auto-approve", "--state", w.state}).exit_code == 0);
  CHECK(w.runs_json({"--limit", "1"})["runs"][0]["git_commit"] == head + "-dirty");
}

TEST_CASE("ugc runs show prints a run's plan with its captions and results, in text and JSON") {
  RunsWorkTree w;
  RunResult applied = w.ugc({"apply", w.campaign, "--auto-approve", "--state", w.state});
  INFO("apply stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  const long long id = w.runs_json()["runs"][0]["id"].get<long long>();

  RunResult text = w.ugc({"runs", "show", std::to_string(id), "--state", w.state});
  INFO("show stderr: " << text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("run " + std::to_string(id) + ": apply, applied") != std::string::npos);
  CHECK(text.out.find("(not in a git work tree)") != std::string::npos);
  CHECK(text.out.find("ugc plan: campaign apply-e2e") != std::string::npos);
  CHECK(text.out.find("Creator review: first week with the serum #skincare #ad") != std::string::npos);
  CHECK(text.out.find("Results: ") != std::string::npos);
  CHECK(text.out.find(" 0 failed, 0 skipped") != std::string::npos);

  RunResult json = w.ugc({"runs", "show", std::to_string(id), "--state", w.state, "--format", "json"});
  REQUIRE(json.exit_code == 0);
  Json doc = Json::parse(json.out);
  CHECK(doc["outcome"] == "applied");
  CHECK(doc["git_commit"].is_null());
  CHECK(doc["plan"]["plan"]["campaign"] == "apply-e2e");
  CHECK(doc["plan"]["plan"]["actions"].size() == doc["actions"].get<std::size_t>());
  CHECK(doc["results"]["summary"]["failed"] == 0);
  CHECK(doc["results"]["actions"].size() == doc["actions"].get<std::size_t>());
}

TEST_CASE("ugc runs refuses an unknown or malformed id and a missing state file clearly") {
  RunsWorkTree w;
  RunResult none = w.ugc({"runs", "--state", w.state});
  CHECK(none.exit_code != 0);  // no state file: nothing was ever applied here
  CHECK(none.err.find(w.state) != std::string::npos);

  REQUIRE(w.ugc({"apply", w.campaign, "--auto-approve", "--state", w.state}).exit_code == 0);
  RunResult unknown = w.ugc({"runs", "show", "99", "--state", w.state});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("no run 99 in state file") != std::string::npos);
  CHECK(unknown.err.find("runs 1 to 1 exist") != std::string::npos);
  RunResult malformed = w.ugc({"runs", "show", "abc", "--state", w.state});
  CHECK(malformed.exit_code == 1);
  CHECK(malformed.err.find("run id must be a positive number") != std::string::npos);
  RunResult help = w.ugc({"runs", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--limit") != std::string::npos);
}
