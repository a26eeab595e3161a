// The HTML report: self-contained, every section present, user text inert,
// the data age shown, an empty history still a valid page.
#include "ugc/analytics/html_report.hpp"

#include <doctest/doctest.h>

#include <regex>

#include "ugc/analytics/html_escape.hpp"
#include "wave_history.hpp"

namespace ugc::analytics {
namespace {

ReportInput wave_report_input() {
  return ReportInput{"ugc-wave-1", "UGC Wave 1", "2027-03-25T10:00:00Z", testing::wave_creator_names(),
                     testing::wave_history()};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the report holds every chart and table of the campaign") {
  const std::string html = render_html_report(wave_report_input());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* id :
       {"id=\"insights\"", "id=\"views-over-time\"", "id=\"top-videos\"", "id=\"creator-market\"", "id=\"tables\""})
    CHECK(html.find(id) != std::string::npos);
  CHECK(occurrences(html, "<svg class=\"chart line-chart\"") == 1);
  CHECK(occurrences(html, "<svg class=\"chart bar-chart\"") == 4);  // one per market
  CHECK(occurrences(html, "<svg class=\"chart heat-map\"") == 1);
  CHECK(occurrences(html, "<polyline") == 4);         // one line per market
  CHECK(occurrences(html, "<table>") == 3);           // markets, creators, posts
  CHECK(html.find("Jane Doe") != std::string::npos);  // names from the campaign, not keys
  CHECK(html.find(kReportMarker) < 200);              // where export_file looks for it
}

TEST_CASE("the report states when its data was scraped and when it was made") {
  const std::string html = render_html_report(wave_report_input());
  CHECK(html.find("Data scraped at <strong><time datetime=\"2027-03-25T09:05:00Z\" data-local>2027-03-25 09:05 UTC") !=
        std::string::npos);
  CHECK(html.find("the oldest figure shown was scraped at <time datetime=\"2027-03-25T09:00:00Z\"") !=
        std::string::npos);
  CHECK(html.find("Report generated at <time datetime=\"2027-03-25T10:00:00Z\"") != std::string::npos);
}

TEST_CASE("the report loads nothing from elsewhere") {
  const std::string html = render_html_report(wave_report_input());
  // No attribute that fetches, and no URL at all but the SVG namespace name.
  CHECK(std::regex_search(html, std::regex(R"((src|href|srcset|poster|action)\s*=)", std::regex::icase)) == false);
  CHECK(std::regex_search(html, std::regex(R"(@import|url\()", std::regex::icase)) == false);
  std::string without_ns = std::regex_replace(html, std::regex(R"(xmlns="http://www\.w3\.org/2000/svg")"), "");
  CHECK(without_ns.find("http://") == std::string::npos);
  CHECK(without_ns.find("https://") == std::string::npos);
  CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none';") != std::string::npos);
}

TEST_CASE("a script tag in a creator name, video key or caption variant is shown as text, never run") {
  ReportInput input = wave_report_input();
  const std::string evil = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
  input.creator_names["creator-02"] = evil;
  input.title = "Wave \"1\" </title><script>alert(2)</script>";
  for (auto& p : input.history) {
    if (p.market == "FR") p.video = evil;
    if (!p.caption_variant.empty()) p.caption_variant = "\"><svg onload=alert(3)>";
    if (p.market == "DE") p.market = "D<E>";
  }
  const std::string html = render_html_report(input);
  // The one script element is ours, at the end; no user text opened a tag.
  CHECK(occurrences(html, "<script") == 1);
  CHECK(html.find("<script>", html.size() - 2000) != std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<svg onload") == std::string::npos);
  CHECK(html.find("&quot;&gt;&lt;svg onload=alert(3)&gt;") != std::string::npos);  // no attribute closed early
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(html.find("<E>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("a report without snapshots says so and draws no chart") {
  const std::string html = render_html_report(ReportInput{"empty", "", "2027-03-25T10:00:00Z", {}, {}});
  CHECK(html.find("id=\"no-data\"") != std::string::npos);
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("<h1>empty</h1>") != std::string::npos);  // the key stands in for a missing title
}

TEST_CASE("html_escape makes markup characters inert and drops control characters") {
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(html_escape(std::string("x\x01y\tz\n", 6)) == "xy\tz\n");
  CHECK(html_escape("caf\xC3\xA9") == "caf\xC3\xA9");
}

}  // namespace ugc::analytics
