// The Debian package: built by cpack from this build tree into a temp dir,
// its metadata and dependencies read with dpkg-deb, extracted (not installed)
// and the extracted ugc run: --version, validate, plan and apply against the
// extracted ugc's own simulator, man pages and shell completion.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using ugc::testing::run_process;
using ugc::testing::RunOptions;
using ugc::testing::RunResult;
using ugc::testing::SimProcess;
using ugc::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string package_field(const std::string& deb, const std::string& field) {
  RunResult r = run_process({"/usr/bin/dpkg-deb", "-f", deb, field});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out.substr(0, r.out.find_last_not_of('\n') + 1);
}

std::string built_deb(const TempDir& dir) {
  RunResult r = run_process({UGC_CPACK_COMMAND, "-G", "DEB", "--config", std::string(UGC_BUILD_DIR) + "/CPackConfig.cmake",
                             "-B", dir.file("pkg")});
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
  for (const auto& entry : fs::directory_iterator(dir.file("pkg")))
    if (entry.path().extension() == ".deb") return entry.path().string();
  FAIL("cpack wrote no .deb: " << r.out);
  return "";
}

}  // namespace

TEST_CASE("the .deb holds ugc, its man pages, completions and schemas, depends on Debian libraries and runs") {
  TempDir dir;
  const std::string deb = built_deb(dir);

  CHECK(package_field(deb, "Package") == "ugc");
  CHECK(package_field(deb, "Version") == UGC_VERSION);
  const std::string depends = package_field(deb, "Depends");
  INFO("Depends: " << depends);
  for (const char* library : {"libc6", "libcurl4", "libsqlite3-0", "libyaml-cpp", "libssl3", "zlib1g"})
    CHECK(depends.find(library) != std::string::npos);
  RunResult info = run_process({"/usr/bin/dpkg-deb", "-I", deb});
  CHECK(info.out.find("Description: Distribute approved creator videos") != std::string::npos);

  const std::string root = dir.file("root");
  RunResult x = run_process({"/usr/bin/dpkg-deb", "-x", deb, root});
  REQUIRE_MESSAGE(x.exit_code == 0, x.err);
  const std::string ugc = root + "/usr/bin/ugc";
  for (const char* path : {"/usr/bin/ugc", "/usr/share/man/man1/ugc.1.gz", "/usr/share/man/man1/ugc-plan.1.gz",
                           "/usr/share/man/man1/ugc-apply.1.gz", "/usr/share/man/man1/ugc-show.1.gz",
                           "/usr/share/bash-completion/completions/ugc", "/usr/share/zsh/vendor-completions/_ugc",
                           "/usr/share/ugc/schemas/campaign.schema.json", "/usr/share/ugc/schemas/plan.schema.json"}) {
    INFO("missing " << path);
    CHECK(fs::exists(root + path));
  }

  RunResult version = run_process({ugc, "--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind(std::string("ugc ") + UGC_VERSION + " (commit ", 0) == 0);

  // The man page of plan is its --help, as roff.
  RunResult man = run_process({"/bin/bash", "-c", "gzip -dc '" + root + "/usr/share/man/man1/ugc-plan.1.gz'"});
  CHECK(man.out.rfind(".TH \"UGC-PLAN\" 1", 0) == 0);
  CHECK(man.out.find("--target") != std::string::npos);

  // Completion from the extracted ugc: `ugc pl<TAB>` and `ugc apply --auto<TAB>`.
  RunOptions in_path;
  in_path.env["PATH"] = root + "/usr/bin:/usr/bin:/bin";
  RunResult completion = run_process(
      {"/bin/bash", "-c",
       "source '" + root + "/usr/share/bash-completion/completions/ugc'; "
       "COMP_WORDS=(ugc pl); COMP_CWORD=1; _ugc; echo \"${COMPREPLY[*]}\"; "
       "COMP_WORDS=(ugc apply --auto); COMP_CWORD=2; _ugc; echo \"${COMPREPLY[*]}\""},
      in_path);
  CHECK(completion.out == "plan\n--auto-approve\n");

  const std::string campaigns = std::string(UGC_SOURCE_DIR) + "/campaigns";
  RunResult valid = run_process({ugc, "validate", campaigns + "/ugc-wave-1.yaml"});
  CHECK_MESSAGE(valid.exit_code == 0, valid.err);

  // Plan against the extracted ugc's simulator, then apply that plan there.
  SimProcess sim(ugc, {"--clock", "2027-01-15"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), sim.error());
  RunOptions online;
  online.env = {{"TOKPORTAL_API_KEY", ugc::testing::kTestApiKey}, {"TOKPORTAL_BASE_URL", sim.base_url()}};
  online.cwd = dir.path();
  const std::string campaign = std::string(UGC_TEST_DATA) + "/apply/small/campaign.yaml";
  RunResult plan = run_process({ugc, "plan", campaign, "-out=" + dir.file("p.json"), "--state",
                                dir.file("s.db"), "--as-of", "2027-01-15", "-detailed-exitcode"},
                               online);
  CHECK_MESSAGE(plan.exit_code == 2, plan.err);
  RunResult apply = run_process({ugc, "apply", dir.file("p.json"), "--state", dir.file("s.db")}, online);
  CHECK_MESSAGE(apply.exit_code == 0, apply.err);
}
