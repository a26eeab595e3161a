// ugc analytics report FILE -o report.html: the campaign's stored analytics
// snapshots as one self-contained HTML report (analytics/html_report.hpp) with
// insights (analytics/insights.hpp). Reads the state file only (never the
// API, never writes the state); the report is written atomically and replaces
// only a report ugc wrote before, unless --force.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include "ugc/analytics/campaign_names.hpp"
#include "ugc/analytics/export_file.hpp"
#include "ugc/analytics/html_report.hpp"
#include "ugc/analytics/insights.hpp"
#include "ugc/analytics/post_history.hpp"
#include "ugc/analytics/post_metrics.hpp"
#include "ugc/cli/analytics_report_command.hpp"
#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace analytics_report {
namespace {

struct ReportFlags {
  std::string file;
  std::string output;
  std::string state = ".ugc/state.db";
  std::string format = "text";
  std::vector<std::string> media_roots;
  bool force = false;
};

std::string utc_iso_now(Clock& clock) {
  const std::time_t t = std::chrono::system_clock::to_time_t(clock.wall_now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::vector<analytics::PostMetrics>> stored_history(const ReportFlags& flags, const std::string& campaign,
                                                           std::shared_ptr<Clock> clock) {
  auto store = state::Store::open(flags.state, {state::Access::read_only, false}, std::move(clock));
  if (!store) return store.error().with_context("opening the state file " + flags.state);
  auto history = analytics::load_post_metrics(*store, campaign);
  if (!history) return history.error();
  if (history->empty())
    return not_found("no analytics snapshot of campaign " + campaign + " in " + flags.state +
                     ": pull analytics first (ugc analytics pull)");
  return history;
}

Result<int> run_report(const ReportFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto campaign = manifest::load_campaign(flags.file, manifest::ParseOptions{flags.media_roots});
  if (!campaign) return campaign.error();
  auto history = stored_history(flags, campaign->id, clock);
  if (!history) return history.error();
  analytics::fill_missing_creators(*history, *campaign);

  analytics::ReportInput input{campaign->id, campaign->title, utc_iso_now(*clock), analytics::creator_names(*campaign),
                               std::move(*history)};
  const std::string html = analytics::render_html_report(input);
  UGC_TRY(analytics::write_export_file(flags.output, html, analytics::kReportMarker, flags.force)
              .context("writing the report"));

  const auto latest = analytics::latest_per_post(input.history);
  const auto insights = analytics::compute_insights(input.history, input.creator_names);
  const auto age = analytics::scrape_range(latest);
  if (flags.format == "json") {
    OrderedJson doc{{"report", flags.output},
                    {"campaign", campaign->id},
                    {"posts", latest.size()},
                    {"snapshots", input.history.size()},
                    {"insights", insights.size()},
                    {"scraped_at", age.newest},
                    {"generated_at", input.generated_at}};
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("wrote %s: %zu posts, %zu snapshots, %zu insights; data scraped at %s\n", flags.output.c_str(),
                latest.size(), input.history.size(), insights.size(), age.newest.c_str());
  }
  return kExitOk;
}

}  // namespace
}  // namespace analytics_report

CommandRun define_analytics_report(CLI::App& analytics, std::shared_ptr<Clock> clock) {
  using namespace analytics_report;
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* sub = analytics.add_subcommand(
      "report", "Write the campaign's analytics as one self-contained HTML report with charts and insights");
  sub->add_option("FILE", flags->file, "Campaign file (YAML)")->required();
  sub->add_option("-o,--output", flags->output, "HTML file to write")->required();
  add_state_option(*sub, flags->state, "State holding the pulled analytics");
  sub->add_option("--format", flags->format, "What is printed about the written report: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_flag("--force", flags->force, "Replace --output even when it is not a report ugc wrote");
  add_media_root_option(*sub, flags->media_roots);
  sub->footer(
      "The report is written atomically; an existing report made by ugc is replaced, any other file only with "
      "--force.\nExit codes: 0 written; 1 error (bad campaign file, no analytics stored yet, unwritable output, "
      "an existing file that is not a report).");
  return [flags, clock, sub]() -> Result<int> {
    if (!sub->parsed()) return invalid_input("ugc analytics: name a subcommand (see ugc analytics --help)");
    return run_report(*flags, clock);
  };
}

}  // namespace ugc::cli
