// Terraform habits: single-dash long flags, global flags in any position,
// UGC_LOG_LEVEL, `ugc show PLANFILE`, and a saved plan applied without a
// prompt. The real `ugc` binary against `ugc sim`.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "cli/operator_session.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/single_dash_flags.hpp"
#include "ugc/core/json.hpp"

using ugc::Json;
using ugc::testing::OperatorSession;
using ugc::testing::RunResult;

namespace {

// A CLI11 app with the options the translation needs to know about.
std::vector<std::string> translated(const std::vector<std::string>& args) {
  CLI::App app;
  std::string s;
  bool b = false;
  app.add_flag("-v,--verbose", b);
  CLI::App* plan = app.add_subcommand("plan");
  plan->add_option("--out,-o", s);
  plan->add_option("--target", s);
  plan->add_flag("--detailed-exitcode", b);
  CLI::App* apply = app.add_subcommand("apply");
  apply->add_flag("--auto-approve", b);
  apply->add_option("--lock-timeout", s);
  apply->add_option("--caption", s);
  return ugc::cli::double_dash_long_flags(app, args);
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

TEST_CASE("single-dash long flags become double-dash ones, values never") {
  CHECK(joined(translated({"plan", "f.yaml", "-out=p.json", "-detailed-exitcode", "-target", "ref-US"})) ==
        "plan f.yaml --out=p.json --detailed-exitcode --target ref-US");
  CHECK(joined(translated({"apply", "f.yaml", "-auto-approve", "-lock-timeout=30s"})) ==
        "apply f.yaml --auto-approve --lock-timeout=30s");
  // A value that looks like a flag stays a value: after an option taking one, and after `--`.
  CHECK(joined(translated({"apply", "--caption", "-auto-approve", "-o", "-target"})) ==
        "apply --caption -auto-approve -o -target");
  CHECK(joined(translated({"apply", "--", "-auto-approve"})) == "apply -- -auto-approve");
  // Unknown names, short flags and numbers are left to CLI11.
  CHECK(joined(translated({"plan", "-vv", "-5", "-unknown-flag", "-o", "x"})) == "plan -vv -5 -unknown-flag -o x");
}

TEST_CASE("every command accepts --no-color and --log-level anywhere, and its help lists the exit codes") {
  for (const auto& spec : ugc::cli::command_table()) {
    INFO("command: " << spec.name);
    RunResult help = ugc::testing::run_process({UGC_BINARY, spec.name, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Exit codes") != std::string::npos);
    // Before the command and after it: whatever fails, it is not these flags.
    RunResult after = ugc::testing::run_process({UGC_BINARY, "-no-color", spec.name, "--no-color", "--log-level",
                                                 "error", "-log-format=text", "--help"});
    CHECK(after.exit_code == 0);
    CHECK(after.err.find("not expected") == std::string::npos);
  }
  RunResult bad = ugc::testing::run_process({UGC_BINARY, "validate", "x.yaml", "--log-level", "loud"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("--log-level") != std::string::npos);
}

TEST_CASE("Terraform spellings on plan and apply, UGC_LOG_LEVEL, and a saved plan applied without a prompt") {
  OperatorSession s;
  const std::string saved = s.file("wave.plan");
  RunResult plan = s.ugc({"plan", s.campaign(), "-out=" + saved, "-detailed-exitcode", "-no-color", "--state",
                          s.state(), "--as-of", "2027-01-15"});
  INFO("plan stderr: " << plan.err);
  CHECK(plan.exit_code == 2);
  REQUIRE(std::filesystem::exists(saved));

  // stdin is /dev/null: a prompt would refuse ("stdin is not a terminal"); a saved plan is not asked about.
  RunResult apply = s.ugc({"apply", saved, "--state", s.state(), "-lock-timeout=30s", "-no-color"});
  INFO("apply stderr: " << apply.err);
  CHECK(apply.exit_code == 0);
  CHECK(apply.err.find("confirmation") == std::string::npos);
  CHECK(s.bundle_refs().size() == 2);

  // A campaign file with Terraform's -auto-approve; UGC_LOG_LEVEL=info shows apply's info lines.
  RunResult again = s.ugc({"apply", s.campaign(), "-auto-approve", "--state", s.state()}, {{"UGC_LOG_LEVEL", "info"}});
  INFO("again stderr: " << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("backed up the state") != std::string::npos);
  RunResult quiet = s.ugc({"apply", s.campaign(), "-auto-approve", "--state", s.state()});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.find("backed up the state") == std::string::npos);
  RunResult wrong = s.ugc({"validate", s.campaign()}, {{"UGC_LOG_LEVEL", "loud"}});
  CHECK(wrong.exit_code == 1);
}

TEST_CASE("ugc show prints a saved plan as plan printed it: JSON identical, text and markdown with its figures") {
  OperatorSession s;
  const std::string saved = s.file("wave.plan");
  const std::vector<std::string> common = {"--state", s.state(), "--as-of", "2027-01-15"};
  std::vector<std::string> plan_json = {"plan", s.campaign(), "--format", "json", "--out", saved};
  plan_json.insert(plan_json.end(), common.begin(), common.end());
  RunResult planned = s.ugc(plan_json);
  REQUIRE_MESSAGE(planned.exit_code == 0, planned.err);

  RunResult json = s.ugc({"show", saved, "--format", "json"});
  REQUIRE_MESSAGE(json.exit_code == 0, json.err);
  CHECK(Json::parse(json.out) == Json::parse(planned.out));
  CHECK(json.out == planned.out);

  const std::string credits = std::to_string(Json::parse(planned.out)["totals"]["credits"].get<int>());
  for (const char* format : {"text", "markdown"}) {
    INFO("format: " << format);
    std::vector<std::string> plan_args = {"plan", s.campaign(), "--format", format};
    plan_args.insert(plan_args.end(), common.begin(), common.end());
    RunResult fresh = s.ugc(plan_args);
    RunResult shown = s.ugc({"show", saved, "--format", format});
    REQUIRE(shown.exit_code == 0);
    CHECK(shown.out.find("apply-e2e") != std::string::npos);
    CHECK(shown.out.find(credits) != std::string::npos);
    // The first line (the summary) is the same as the plan's.
    CHECK(shown.out.substr(0, shown.out.find('\n')) == fresh.out.substr(0, fresh.out.find('\n')));
  }

  RunResult missing = s.ugc({"show", s.file("nope.plan")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("nope.plan") != std::string::npos);
  RunResult not_a_plan = s.ugc({"show", s.campaign()});
  CHECK(not_a_plan.exit_code == 1);
}
