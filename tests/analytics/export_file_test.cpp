// Writing the report: atomic, replaces an earlier report, refuses to destroy
// any other file unless forced.
#include "ugc/analytics/export_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"
#include "ugc/analytics/html_report.hpp"

namespace ugc::analytics {
namespace {

std::string export_read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void export_write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

const std::string kReportV1 = std::string("<!DOCTYPE html><html><head>") + kReportMarker + "v1";
const std::string kReportV2 = std::string("<!DOCTYPE html><html><head>") + kReportMarker + "v2";

}  // namespace

TEST_CASE("a report is written whole and replaces the report made before it") {
  ugc::testing::TempDir dir;
  const std::string path = dir.file("report.html");
  REQUIRE(write_export_file(path, kReportV1, kReportMarker, false).ok());
  CHECK(export_read(path) == kReportV1);
  REQUIRE(write_export_file(path, kReportV2, kReportMarker, false).ok());
  CHECK(export_read(path) == kReportV2);
  // No temp file left beside it.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("a file that is not a report is kept unless --force") {
  ugc::testing::TempDir dir;
  const std::string path = dir.file("campaign.yaml");
  export_write(path, "version: 1\ncampaign: precious\n");
  auto refused = write_export_file(path, kReportV1, kReportMarker, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind() == ErrorKind::conflict);
  CHECK(refused.error().message().find("--force") != std::string::npos);
  CHECK(export_read(path) == "version: 1\ncampaign: precious\n");

  REQUIRE(write_export_file(path, kReportV1, kReportMarker, true).ok());
  CHECK(export_read(path) == kReportV1);
}

TEST_CASE("writing a report into a directory or a missing directory fails with a clear error") {
  ugc::testing::TempDir dir;
  auto into_dir = write_export_file(dir.path(), kReportV1, kReportMarker, true);
  REQUIRE_FALSE(into_dir.ok());
  CHECK(into_dir.error().message().find("is a directory") != std::string::npos);
  auto missing = write_export_file(dir.file("no/such/dir/r.html"), kReportV1, kReportMarker, false);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind() == ErrorKind::io);
  CHECK(missing.error().message().find("cannot create") != std::string::npos);
}

}  // namespace ugc::analytics
