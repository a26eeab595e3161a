// `ugc init`: the scaffolded campaign validates as written, names its schema
// in the editor modeline, and init never overwrites a file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "fixtures.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using namespace manifest_test;
using ugc::testing::run_process;
using ugc::testing::TempDir;

TEST_CASE("ugc init scaffolds a campaign that ugc validate and ugc lint accept") {
  TempDir dir;
  const std::string target = dir.file("spring-wave");
  auto r = run_process({UGC_BINARY, "init", target});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string yaml = read_file(target + "/campaign.yaml");
  CHECK(yaml.rfind("# yaml-language-server: $schema=campaign.schema.json\n", 0) == 0);
  CHECK(yaml.find("campaign: spring-wave") != std::string::npos);  // from the directory's name
  CHECK(read_file(target + "/campaign.schema.json") == read_file(source("schemas/campaign.schema.json")));
  CHECK(std::filesystem::is_directory(target + "/media"));
  CHECK(read_file(target + "/.gitignore").find(".ugc/") != std::string::npos);

  auto valid = run_process({UGC_BINARY, "validate", target + "/campaign.yaml"});
  INFO(valid.out << valid.err);
  CHECK(valid.exit_code == 0);
  auto lint = run_process({UGC_BINARY, "lint", "--strict", target + "/campaign.yaml"});
  INFO(lint.out << lint.err);
  CHECK(lint.exit_code == 0);
}

TEST_CASE("ugc init refuses to overwrite and writes nothing") {
  TempDir dir;
  { std::ofstream(dir.file(".gitignore")) << "mine\n"; }
  auto r = run_process({UGC_BINARY, "init", dir.path()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(".gitignore exists") != std::string::npos);
  CHECK(r.err.find("nothing was written") != std::string::npos);
  CHECK(read_file(dir.file(".gitignore")) == "mine\n");
  CHECK_FALSE(std::filesystem::exists(dir.file("campaign.yaml")));
  CHECK_FALSE(std::filesystem::exists(dir.file("media")));

  auto bad_id = run_process({UGC_BINARY, "init", dir.file("x"), "--campaign", "no spaces"});
  CHECK(bad_id.exit_code != 0);
  CHECK(bad_id.err.find("campaign id") != std::string::npos);
}
