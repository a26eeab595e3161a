// `ugc analytics report` end to end in-process (the command is wired under
// `analytics` at merge): the example campaign file, a real state file with
// pulled snapshots, the report written, replaced, and another file refused.
#include "ugc/cli/analytics_report_command.hpp"

#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/analytics/html_report.hpp"
#include "ugc/analytics/snapshot_record.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/resources.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

const std::string kWaveFile = std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml";

// A state file holding two pulls of three posts of ugc-wave-1, stored as
// `ugc analytics pull` stores them (analytics/snapshot_record.hpp).
void seed_pulled_state(const std::string& path) {
  auto store = state::Store::open(path, {state::Access::read_write, true}, std::make_shared<ugc::testing::FakeClock>());
  REQUIRE(store.ok());
  int n = 0;
  for (const char* market : {"US", "FR", "DE"}) {
    state::KnownBundle b;
    b.external_ref = std::string("ugc-wave-1-") + market + "-tiktok-1";
    b.campaign = "ugc-wave-1";
    b.market = market;
    b.platform = "tiktok";
    b.index = 1;
    b.videos_quantity = 6;
    REQUIRE(store->upsert_bundle(b).ok());
    state::KnownSlot s;
    s.external_ref = std::string("ugc-wave-1-review-week1-") + market + "-tiktok";
    s.bundle_ref = b.external_ref;
    s.position = 1;
    s.campaign_video = "review-week1";
    REQUIRE(store->upsert_slot(s).ok());
    for (int day = 1; day <= 2; ++day) {
      analytics::PostSnapshot post;
      post.post.slot_ref = s.external_ref;
      post.post.bundle_ref = b.external_ref;
      post.post.campaign = b.campaign;
      post.post.market = market;
      post.post.platform = "tiktok";
      post.post.creator = "creator-01";
      post.post.video = "review-week1";
      post.post.scraped_at = "2027-03-2" + std::to_string(day) + "T09:00:00Z";
      post.post.views = 1000 * day + 100 * ++n;
      post.post.likes = 10;
      REQUIRE(state::insert_snapshot(*store, analytics::to_snapshot(post)).ok());
    }
  }
}

Result<int> run_report_command(const std::vector<std::string>& args) {
  CLI::App app("ugc");
  CLI::App* analytics = app.add_subcommand("analytics");
  CommandRun run = define_analytics_report(*analytics, std::make_shared<ugc::testing::FakeClock>());
  std::vector<std::string> argv{"analytics"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::reverse(argv.begin(), argv.end());  // CLI11 takes the arguments last first
  app.parse(argv);
  return run();
}

std::string command_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("analytics report writes the example campaign's report from the pulled snapshots") {
  ugc::testing::TempDir dir;
  seed_pulled_state(dir.file("state.db"));
  const std::string out = dir.file("wave.html");
  auto code = run_report_command({"report", kWaveFile, "-o", out, "--state", dir.file("state.db")});
  INFO((code.ok() ? std::string() : code.error().message()));
  REQUIRE(code.ok());
  CHECK(*code == kExitOk);
  const std::string html = command_file(out);
  CHECK(html.find(analytics::kReportMarker) != std::string::npos);
  CHECK(html.find("<h1>UGC Wave 1</h1>") != std::string::npos);
  CHECK(html.find("Jane Doe") != std::string::npos);  // creator from the video's media, name from the file
  CHECK(html.find("3 posts in 3 markets &middot; 6 snapshots") != std::string::npos);
  CHECK(html.find("Report generated at <time datetime=\"2027-01-15T12:00:00Z\"") != std::string::npos);

  // Made again: the earlier report is replaced without --force.
  REQUIRE(run_report_command({"report", kWaveFile, "-o", out, "--state", dir.file("state.db")}).ok());
}

TEST_CASE("analytics report refuses to overwrite a file that is not a report, and needs pulled snapshots") {
  ugc::testing::TempDir dir;
  seed_pulled_state(dir.file("state.db"));
  std::ofstream(dir.file("notes.txt")) << "keep me\n";
  auto refused =
      run_report_command({"report", kWaveFile, "-o", dir.file("notes.txt"), "--state", dir.file("state.db")});
  REQUIRE_FALSE(refused.ok());
  INFO(refused.error().message());
  CHECK(refused.error().kind() == ErrorKind::conflict);
  CHECK(command_file(dir.file("notes.txt")) == "keep me\n");
  CHECK(
      run_report_command({"report", kWaveFile, "-o", dir.file("notes.txt"), "--state", dir.file("state.db"), "--force"})
          .ok());

  auto empty_state = dir.file("empty.db");
  {
    auto s =
        state::Store::open(empty_state, {state::Access::read_write, true}, std::make_shared<ugc::testing::FakeClock>());
  }
  auto none = run_report_command({"report", kWaveFile, "-o", dir.file("r.html"), "--state", empty_state});
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind() == ErrorKind::not_found);
  CHECK(none.error().message().find("pull analytics first") != std::string::npos);
}

}  // namespace ugc::cli
