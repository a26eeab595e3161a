// ugc-project.yaml: the state a team shares, chosen by a checked-in file
// found in the current directory or a parent. The flag and UGC_STATE still
// win; the file is strict (it arrives through pull requests): no password,
// no unknown key, errors at file:line.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "ugc/core/json.hpp"

using ugc::Json;
using ugc::testing::RunOptions;
using ugc::testing::RunResult;
using ugc::testing::TempDir;

namespace {

// A project: `config` written to ugc-project.yaml at its root, and a
// nested directory a command runs from.
struct ProjectTree {
  TempDir dir;
  std::string root;
  std::string nested;
  explicit ProjectTree(const std::string& config) {
    root = std::filesystem::canonical(dir.path()).string();
    nested = root + "/campaigns/wave-1";
    std::filesystem::create_directories(nested);
    std::ofstream(root + "/ugc-project.yaml") << config;
  }
  std::string config_path() const { return root + "/ugc-project.yaml"; }
};

RunResult project_ugc(const std::string& cwd, std::vector<std::string> args, const std::string& env_state = "") {
  args.insert(args.begin(), UGC_BINARY);
  RunOptions o;
  o.cwd = cwd;
  o.env["UGC_STATE"] = env_state;  // empty: unset for ugc
  return ugc::testing::run_process(args, o);
}

Json where_json(const std::string& cwd, std::vector<std::string> extra = {}, const std::string& env_state = "") {
  std::vector<std::string> args = {"state", "where", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = project_ugc(cwd, args, env_state);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return Json::parse(r.out);
}

}  // namespace

TEST_CASE("project config: found in a parent directory, its SQLite path taken relative to the file") {
  ProjectTree p("# the team's state\nstate: shared/team.db\n");
  Json where = where_json(p.nested);
  CHECK(where["state"] == p.root + "/shared/team.db");
  CHECK(where["source"] == p.config_path() + ":2");
  CHECK(where["config"] == p.config_path());

  RunResult text = project_ugc(p.nested, {"state", "where"});
  CHECK(text.out == p.root + "/shared/team.db (from " + p.config_path() + ":2)\n");

  // Every state command uses it: a read of the missing file names that file.
  RunResult list = project_ugc(p.nested, {"state", "list"});
  CHECK(list.exit_code != 0);
  CHECK(list.err.find(p.root + "/shared/team.db") != std::string::npos);
}

TEST_CASE("project config: --state wins over UGC_STATE, which wins over the file, which wins over the default") {
  ProjectTree p("state: postgres://db.internal/ugc\n");
  CHECK(where_json(p.nested, {"--state", "flag.db"}, "env.db")["source"] == "--state");
  CHECK(where_json(p.nested, {"--state", "flag.db"}, "env.db")["state"] == "flag.db");
  CHECK(where_json(p.nested, {}, "env.db")["source"] == "UGC_STATE");
  CHECK(where_json(p.nested, {}, "env.db")["state"] == "env.db");
  CHECK(where_json(p.nested, {})["state"] == "postgres://db.internal/ugc");

  TempDir elsewhere;  // no project config here or above
  Json fallback = where_json(elsewhere.path());
  CHECK(fallback["source"] == "default");
  CHECK(fallback["state"] == ".ugc/state.db");
  CHECK(fallback["config"].is_null());
}

TEST_CASE("project config: a password in the state URI is refused, pointing to PGPASSWORD, ~/.pgpass, PGSERVICE") {
  for (const std::string uri : {"postgres://ugc:s3cret-pw@db.internal/ugc", "postgres://db.internal/ugc?password=s3cret-pw"}) {
    ProjectTree p("state: " + uri + "\n");
    RunResult r = project_ugc(p.nested, {"state", "where"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("error: " + p.config_path() + ":1: the state URI holds a password") != std::string::npos);
    CHECK(r.err.find("PGPASSWORD, ~/.pgpass or PGSERVICE") != std::string::npos);
    CHECK(r.err.find("s3cret-pw") == std::string::npos);  // never echoed
    CHECK(r.out.empty());
    // The flag is not read from the file: it still works.
    CHECK(project_ugc(p.nested, {"state", "where", "--state", "x.db"}).exit_code == 0);
  }
}

TEST_CASE("project config: unknown keys, a second state, bad values and bad YAML fail at file:line") {
  struct Bad {
    std::string text;
    std::string expected;
  };
  for (const Bad& bad : {Bad{"state: a.db\nstat: b.db\n", ":2: unknown key `stat`"},
                         Bad{"state: a.db\nstate: b.db\n", ":2: `state` is given twice (first on line 1)"},
                         Bad{"state:\n  - a.db\n", ":2: `state` must be an SQLite path or a postgres:// URI"},
                         Bad{"- state\n", ":1: a project config is a mapping"},
                         Bad{"state: a.db\nx: [1, 2\n", ": not valid YAML: "}}) {
    ProjectTree p(bad.text);
    RunResult r = project_ugc(p.nested, {"plan", "campaign.yaml"});
    INFO(bad.text << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("error: " + p.config_path()) != std::string::npos);
    CHECK(r.err.find(bad.expected) != std::string::npos);
  }
}

TEST_CASE("project config: a campaign directory beside it is read without it") {
  TempDir dir;
  const std::string campaigns = dir.file("campaigns");
  std::filesystem::copy(std::string(UGC_TEST_DATA) + "/apply/small", campaigns, std::filesystem::copy_options::recursive);
  std::ofstream(campaigns + "/ugc-project.yaml") << "state: team.db\n";
  RunResult r = project_ugc(dir.path(), {"plan", campaigns, "--state", dir.file("none.db")});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ugc-project.yaml") == std::string::npos);
}
