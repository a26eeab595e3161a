// `ugc validate` and `ugc lint` as a user runs them: the real binary, exit codes,
// text and JSON output.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"

using namespace manifest_test;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

// Runs `ugc ARGS` with stdout captured (stderr merged), NO_COLOR unset: the pipe is no TTY.
Run run_ugc(const std::string& args) {
  std::string cmd = std::string("cd '") + UGC_SOURCE_DIR + "' && '" + UGC_BINARY + "' " + args + " 2>&1";
  Run r;
  std::FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string rule_file(const std::string& name) { return "tests/data/manifest/rules/" + name + ".yaml"; }

}  // namespace

TEST_CASE("ugc validate accepts the example campaigns") {
  auto r = run_ugc("validate campaigns/ugc-wave-1.yaml campaigns/dtc-launch.yaml");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2 files checked: 0 errors, 0 warnings") != std::string::npos);
  auto lint = run_ugc("lint --strict --as-of 2026-11-25 campaigns/ugc-wave-1.yaml campaigns/dtc-launch.yaml");
  INFO(lint.out);
  CHECK(lint.exit_code == 0);
}

TEST_CASE("ugc validate exits 1 with file:line:col errors and keeps going over files") {
  auto r = run_ugc("validate " + rule_file("caption-not-localized.bad") + " campaigns/ugc-wave-1.yaml");
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("caption-not-localized.bad.yaml:26:11: error[caption-not-localized]: video 'review'") !=
        std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour off a TTY
  CHECK(r.out.find("2 files checked: 1 error, 0 warnings") != std::string::npos);
}

TEST_CASE("validate shows errors only, lint adds warnings, which fail only with --strict") {
  auto v = run_ugc("validate " + rule_file("promises-reach.bad"));
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("promises-reach") == std::string::npos);
  auto l = run_ugc("lint " + rule_file("promises-reach.bad"));
  INFO(l.out);
  CHECK(l.exit_code == 0);
  CHECK(l.out.find("warning[promises-reach]") != std::string::npos);
  auto strict = run_ugc("lint --strict " + rule_file("promises-reach.bad"));
  CHECK(strict.exit_code == 1);
}

TEST_CASE("--format json has files, diagnostics and counts") {
  auto r = run_ugc("lint --format json " + rule_file("missing-disclosure.bad") + " " + rule_file("identical-caption.bad"));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["errors"] == 1);
  CHECK(doc["warnings"].get<int>() >= 1);
  REQUIRE(doc["files"].size() == 2);
  auto find_rule = [](const nlohmann::json& file, const std::string& rule) {
    for (const auto& d : file["diagnostics"])
      if (d["rule"] == rule) return d;
    return nlohmann::json();
  };
  auto d = find_rule(doc["files"][0], "missing-disclosure");
  REQUIRE_FALSE(d.is_null());
  CHECK(d["severity"] == "error");
  CHECK(d["line"] == 26);
  CHECK(d["column"].get<int>() > 0);
  CHECK(d["file"].get<std::string>().find("missing-disclosure.bad.yaml") != std::string::npos);
  auto w = find_rule(doc["files"][1], "identical-caption");
  REQUIRE_FALSE(w.is_null());
  CHECK(w["severity"] == "warning");
}

TEST_CASE("--as-of turns on the date rules and is itself checked") {
  auto plain = run_ugc("validate " + rule_file("publish-lead-time.bad"));
  CHECK(plain.exit_code == 0);
  auto dated = run_ugc("validate --as-of 2027-03-10 " + rule_file("publish-lead-time.bad"));
  INFO(dated.out);
  CHECK(dated.exit_code == 1);
  CHECK(dated.out.find("error[publish-lead-time]") != std::string::npos);
  auto bad = run_ugc("validate --as-of 2027-02-30 campaigns/ugc-wave-1.yaml");
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("the per-day cap is checked on the real slot assignment") {
  // Three videos for one US account on the same day pass (a warning); a fourth fails.
  auto ok = run_ugc("lint " + rule_file("too-many-posts-per-day.bad"));
  INFO(ok.out);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("warning[too-many-posts-per-day]") != std::string::npos);
  auto over = run_ugc("validate " + rule_file("videos-per-day-exceeded.bad"));
  INFO(over.out);
  CHECK(over.exit_code == 1);
  CHECK(over.out.find("error[videos-per-day-exceeded]") != std::string::npos);
  CHECK(over.out.find("US/tiktok/1") != std::string::npos);
}

TEST_CASE("bad input exits 1 with a located error, never a crash") {
  for (const char* file : {"tests/data/manifest/does-not-exist.yaml", "tests/data/manifest/media/clip.mp4",
                           "tests/data/manifest/media/logo.png"}) {
    auto r = run_ugc(std::string("validate ") + file);
    INFO(file << "\n" << r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("error[") != std::string::npos);
  }
}

TEST_CASE("ugc lint --list-rules prints the rule table") {
  auto r = run_ugc("lint --list-rules");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("caption-not-localized") != std::string::npos);
  CHECK(r.out.find("same-day-all-markets") != std::string::npos);
  CHECK(r.out.find("warning") != std::string::npos);
  auto j = run_ugc("lint --list-rules --format json");
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc.size() > 40);
  CHECK(doc[0].contains("id"));
  auto none = run_ugc("lint");
  CHECK(none.exit_code == 1);
}
