// `ugc --version`: the version and the git commit the binary was built from,
// recorded by scripts/build_info.cmake ("unknown" when built outside a git
// checkout, a release tarball), and the heap it runs on.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using ugc::testing::run_process;
using ugc::testing::RunResult;
using ugc::testing::TempDir;

namespace {

std::string version_test_slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("ugc --version prints the version, the commit it was built from and its heap") {
  RunResult r = run_process({UGC_BINARY, "--version"});
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(r.out, m, std::regex(R"(^ugc (\d+\.\d+\.\d+) \(commit ([0-9a-f]{12}(-dirty)?|unknown), heap (mimalloc \d+\.\d+\.\d+|glibc malloc)\)\n$)")),
                  r.out);
  CHECK(m[1] == UGC_VERSION);
  // A build with UGC_MIMALLOC (the default without sanitizers) runs on it.
  CHECK(m[4].str().rfind(UGC_EXPECT_MIMALLOC ? "mimalloc" : "glibc", 0) == 0);
  RunResult head = run_process({"/usr/bin/git", "-C", UGC_SOURCE_DIR, "rev-parse", "--short=12", "HEAD"});
  if (head.exit_code == 0) CHECK(m[2].str().rfind(head.out.substr(0, 12), 0) == 0);
}

TEST_CASE("the build info script writes commit unknown outside a git checkout") {
  TempDir dir;
  const std::string out = dir.file("build_info.cpp");
  RunResult r = run_process({UGC_CMAKE_COMMAND, "-DSOURCE_DIR=" + dir.path(), "-DVERSION=9.8.7", "-DOUT=" + out, "-P",
                             std::string(UGC_SOURCE_DIR) + "/scripts/build_info.cmake"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const std::string text = version_test_slurp(out);
  CHECK(text.find("return \"9.8.7\";") != std::string::npos);
  CHECK(text.find("return \"unknown\";") != std::string::npos);
}
