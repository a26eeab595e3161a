// The report of the example campaign in a real headless Chromium: it renders,
// its script runs, its charts are in the DOM, and the page logs nothing to
// the console (no script error, no blocked or failed load). The screenshots
// stay in the build directory as artefacts (paths printed). Chromium is
// required: scripts/setup.sh installs it, so a missing one fails.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "headless_browser.hpp"
#include "support/temp_dir.hpp"
#include "ugc/analytics/campaign_names.hpp"
#include "ugc/analytics/html_report.hpp"
#include "ugc/manifest/parse.hpp"
#include "wave_history.hpp"

namespace ugc::analytics {
namespace {

// build-dev/tests/analytics-artefacts: beside the test runner, kept after the run.
std::filesystem::path artefact_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  auto dir = (ec ? std::filesystem::current_path() : exe.parent_path()) / "analytics-artefacts";
  std::filesystem::create_directories(dir, ec);
  return dir;
}

std::string browser_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t dom_count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("the example campaign's report renders in headless Chromium with no console message") {
  const std::string chromium = testing::find_chromium();
  REQUIRE_MESSAGE(!chromium.empty(), "chromium is not on PATH: run scripts/setup.sh");

  auto campaign = manifest::load_campaign(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml");
  REQUIRE(campaign.ok());
  const auto dir = artefact_dir();
  const std::string html_path = (dir / "ugc-wave-1-report.html").string();
  std::ofstream(html_path, std::ios::binary) << render_html_report(
      {campaign->id, campaign->title, "2027-03-25T10:00:00Z", creator_names(*campaign), testing::wave_history()});

  ugc::testing::TempDir profiles;
  const std::string desktop_png = (dir / "ugc-wave-1-report-desktop.png").string();
  const std::string phone_png = (dir / "ugc-wave-1-report-phone.png").string();
  std::filesystem::remove(desktop_png);
  std::filesystem::remove(phone_png);
  // Two browsers at once: a desktop window tall enough for the whole report, and a phone.
  auto phone = std::async(std::launch::async, [&] {
    return testing::open_in_chromium(chromium, html_path, phone_png, 390, 3200, profiles.file("phone"));
  });
  auto desktop = testing::open_in_chromium(chromium, html_path, desktop_png, 1280, 3000, profiles.file("desktop"));
  auto small = phone.get();
  MESSAGE("report artefacts: " << html_path << " " << desktop_png << " " << phone_png);

  for (const testing::BrowserRun* run : {&desktop, &small}) {
    INFO(run->process.err.substr(0, 4000));
    CHECK(run->process.exit_code == 0);
    CHECK_MESSAGE(run->page_console.empty(), "the page logged:\n" << joined_lines(run->page_console));
    // The inline script ran to its end: the page had no script error before it.
    CHECK(run->dom.find("data-report-script=\"ran\"") != std::string::npos);
    CHECK(dom_count(run->dom, "class=\"local-time\"") >= 2);
    // Every chart made it into the rendered document.
    CHECK(dom_count(run->dom, "<svg class=\"chart line-chart\"") == 1);
    CHECK(dom_count(run->dom, "<svg class=\"chart bar-chart\"") == 4);
    CHECK(dom_count(run->dom, "<svg class=\"chart heat-map\"") == 1);
    CHECK(dom_count(run->dom, "<polyline") == 4);
    CHECK(run->dom.find("Jane Doe") != std::string::npos);
  }

  const std::string desktop_bytes = browser_file(desktop_png), phone_bytes = browser_file(phone_png);
  CHECK(testing::png_size(desktop_bytes) == std::pair<unsigned, unsigned>{1280, 3000});
  CHECK(testing::png_size(phone_bytes).first == 390);
  // A page of one colour compresses to a few kilobytes; charts, text and tables do not.
  CHECK(desktop_bytes.size() > 100000);
  CHECK(phone_bytes.size() > 50000);
}

TEST_CASE("the headless Chromium check sees a script error and a blocked external load") {
  // Proves the test above can fail: the same check on a page that breaks both rules.
  const std::string chromium = testing::find_chromium();
  REQUIRE_MESSAGE(!chromium.empty(), "chromium is not on PATH: run scripts/setup.sh");
  ugc::testing::TempDir dir;
  const std::string html = render_html_report({"broken", "", "2027-03-25T10:00:00Z", {}, testing::wave_history()});
  const std::string broken = html.substr(0, html.find("</main>")) +
                             "<img src=\"https://example.com/pixel.png\"><script>no_such();</script>" +
                             html.substr(html.find("</main>"));
  std::ofstream(dir.file("broken.html"), std::ios::binary) << broken;
  auto run = testing::open_in_chromium(chromium, dir.file("broken.html"), dir.file("broken.png"), 800, 600,
                                       dir.file("profile"));
  INFO(joined_lines(run.page_console));
  CHECK(run.page_console.size() == 2);
  CHECK(joined_lines(run.page_console).find("no_such is not defined") != std::string::npos);
  CHECK(joined_lines(run.page_console).find("Content Security Policy") != std::string::npos);
}

}  // namespace ugc::analytics
