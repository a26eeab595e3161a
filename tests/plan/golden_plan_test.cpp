// Golden plans: `ugc plan` on the example campaigns must print exactly the
// bytes recorded in tests/data/plan/golden/, in text, JSON and markdown, from an
// empty state and from an applied state with an edited campaign. A refactor of
// the planner or the renderers that changes one byte fails here.
// To accept an intended change: UGC_UPDATE_GOLDEN=1 ctest -R 'golden', then
// review the diff of tests/data/plan/golden/ like any other code change.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "plan_fixture.hpp"
#include "support/child_process.hpp"
#include "ugc/manifest/parse.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

const std::string kGoldenDir = std::string(UGC_TEST_DATA) + "/plan/golden";

std::string read_golden_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The first line where the two texts differ, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, la));
    bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "texts differ only in their last newline";
    if (la != lb || more_a != more_b)
      return "line " + std::to_string(line) + ":\n  golden: " + (more_a ? la : "<end>") +
             "\n  now:    " + (more_b ? lb : "<end>");
  }
}

void check_golden(const std::string& name, const std::string& output) {
  const std::string path = kGoldenDir + "/" + name;
  if (std::getenv("UGC_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(kGoldenDir);
    std::ofstream(path, std::ios::binary) << output;
  }
  const std::string want = read_golden_file(path);
  REQUIRE_MESSAGE(!want.empty(), "no golden file " << path << " (UGC_UPDATE_GOLDEN=1 writes it)");
  CHECK_MESSAGE(want == output, name << " differs from its golden file, " << first_difference(want, output));
}

ugc::testing::RunResult run_plan(const std::string& cwd, const std::string& campaign, const std::string& state,
                                 const std::string& format) {
  ugc::testing::RunOptions options;
  options.cwd = cwd;
  options.env = {{"NO_COLOR", "1"}};
  return ugc::testing::run_process(
      {UGC_BINARY, "plan", campaign, "--as-of", "2027-01-15", "--state", state, "--format", format}, options);
}

const char* extension(const std::string& format) {
  return format == "json" ? "json" : format == "markdown" ? "md" : "txt";
}

}  // namespace

TEST_CASE("golden: the example campaigns plan byte-identically from an empty state") {
  for (const std::string campaign : {"ugc-wave-1", "dtc-launch"}) {
    for (const std::string format : {"text", "json", "markdown"}) {
      TempDir dir;
      auto run = run_plan(UGC_SOURCE_DIR, "campaigns/" + campaign + ".yaml", dir.file("state.db"), format);
      REQUIRE_MESSAGE(run.exit_code == 0, run.err);
      check_golden(campaign + "-empty." + extension(format), run.out);
    }
  }
}

TEST_CASE("golden: an edited campaign over an applied state plans byte-identically") {
  TempDir dir;
  const std::string state = dir.file("state.db");
  auto original = manifest::load_campaign(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml");
  REQUIRE(original.ok());
  auto applied = plan_campaign(*original, {}, inputs_as_of("2027-01-15"));
  REQUIRE(applied.ok());
  {
    auto store = open_store(state);
    REQUIRE(store.ok());
    REQUIRE(record_applied(*store, *applied).ok());
  }
  // The edited copy (a caption, a date, a new video, DE dropped) needs the media beside it.
  std::filesystem::copy(std::string(UGC_SOURCE_DIR) + "/campaigns/media", dir.file("media"));
  std::filesystem::copy_file(kGoldenDir + "/ugc-wave-1-edited.yaml", dir.file("ugc-wave-1.yaml"));
  for (const std::string format : {"text", "json", "markdown"}) {
    auto run = run_plan(dir.path(), "ugc-wave-1.yaml", state, format);
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    check_golden(std::string("ugc-wave-1-edited.") + extension(format), run.out);
  }
}
