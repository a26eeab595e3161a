// ugc analytics FILE --by ... : compare the stored analytics snapshots of a
// campaign (ugc/analytics/comparison.hpp) as a table, CSV or JSON.
// ugc analytics pull FILE : fetch account and post analytics of every
// delivered account of the campaign and store them as snapshots
// (ugc/analytics/analytics_pull.hpp). See docs/analytics.md.
#include <cstdio>
#include <memory>
#include <optional>

#include "ugc/analytics/analytics_pull.hpp"
#include "ugc/analytics/comparison.hpp"
#include "ugc/analytics/comparison_format.hpp"
#include "ugc/analytics/post_metrics.hpp"
#include "ugc/analytics/timestamp.hpp"
#include "ugc/api/client.hpp"
#include "ugc/cli/analytics_report_command.hpp"
#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/online_state.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
// Named: the unity build batches this file with other commands.
namespace analytics_command {
namespace {

struct CompareFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  std::string by = "market";
  std::string metric = "views";
  std::string since;
  std::string format = "table";
  std::vector<std::string> media_roots;
};

struct PullFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  std::string format = "text";
  bool no_refresh = false;
  std::string api_url, api_key_file;
  std::vector<std::string> media_roots;
};

Result<state::Store> open_state(const std::string& path, state::Access access, std::shared_ptr<Clock> clock) {
  return state::Store::open(path, {access, false}, std::move(clock));
}

// --- compare -------------------------------------------------------------------

Result<analytics::ComparisonOptions> comparison_options(const CompareFlags& flags) {
  analytics::ComparisonOptions o;
  auto by = analytics::parse_group_by(flags.by);
  if (!by) return invalid_input("--by " + flags.by + ": expected market, platform, creator, video, caption or campaign");
  o.by = *by;
  auto metric = analytics::parse_metric(flags.metric);
  if (!metric)
    return invalid_input("--metric " + flags.metric + ": expected views, likes, comments, shares or engagement_rate");
  o.metric = *metric;
  if (!flags.since.empty()) {
    o.since = analytics::parse_timestamp(flags.since);
    if (!o.since) return invalid_input("--since " + flags.since + ": expected a date (YYYY-MM-DD) or an ISO 8601 time");
  }
  return o;
}

Result<int> run_compare(const CompareFlags& flags, const std::shared_ptr<Clock>& clock) {
  if (flags.file.empty()) return invalid_input("ugc analytics: name a campaign FILE (or a subcommand: pull)");
  auto options = comparison_options(flags);
  if (!options) return options.error();
  auto format = analytics::parse_comparison_format(flags.format);
  if (!format) return invalid_input("--format " + flags.format + ": expected table, csv or json");
  auto campaign = manifest::load_campaign(flags.file, manifest::ParseOptions{flags.media_roots});
  if (!campaign) return campaign.error();
  auto store = open_state(flags.state, state::Access::read_only, clock);
  if (!store) return store.error();
  auto posts = analytics::load_post_metrics(*store, campaign->id);
  if (!posts) return posts.error();
  auto scrapes = analytics::load_bundle_scrapes(*store, campaign->id);
  if (!scrapes) return scrapes.error();
  const auto comparison = analytics::compare(campaign->id, *posts, *options, *scrapes);
  const analytics::Seconds now = std::chrono::floor<std::chrono::seconds>(clock->wall_now());
  std::fputs(analytics::render_comparison(comparison, *format, now).c_str(), stdout);
  return kExitOk;
}

// --- pull ------------------------------------------------------------------------

std::optional<std::int64_t> age_seconds(const std::string& scraped_at, std::optional<analytics::Seconds> now) {
  auto t = analytics::parse_timestamp(scraped_at);
  if (!t || !now || *now < *t) return std::nullopt;
  return (*now - *t).count();
}

std::string dash_if_empty(const std::string& s) { return s.empty() ? "-" : s; }

void print_pull_text(const analytics::PullReport& r) {
  const auto now = analytics::parse_http_date(r.server_date);
  std::printf("Analytics of campaign %s: %zu account(s), %llu request(s) (rate limit: %.0f, refilled %.1f/s; %llu "
              "answered 429), server time %s\n",
              r.campaign.c_str(), r.accounts.size(), static_cast<unsigned long long>(r.requests), r.rate_capacity,
              r.rate_refill_per_second, static_cast<unsigned long long>(r.rate_limited),
              dash_if_empty(r.server_date).c_str());
  std::printf("%-34s %-10s %5s %5s %-22s %-14s %s\n", "BUNDLE", "RESULT", "POSTS", "NEW", "SCRAPED_AT", "AGE",
              "NEXT_REFRESH_AT");
  for (const auto& a : r.accounts) {
    auto age = age_seconds(a.scraped_at, now);
    std::printf("%-34s %-10s %5d %5d %-22s %-14s %s\n", a.bundle_ref.c_str(), analytics::to_string(a.outcome),
                a.posts, a.stored, dash_if_empty(a.scraped_at).c_str(),
                age ? analytics::age_text(std::chrono::seconds(*age)).c_str() : "-",
                dash_if_empty(a.next_refresh_at).c_str());
    if (!a.error.empty()) std::printf("  error: %s\n", a.error.c_str());
    if (a.unmatched) std::printf("  %d post(s) on this account are not slots of this campaign (not stored)\n", a.unmatched);
  }
}

void print_pull_json(const analytics::PullReport& r) {
  const auto now = analytics::parse_http_date(r.server_date);
  Json accounts = Json::array();
  for (const auto& a : r.accounts) {
    auto age = age_seconds(a.scraped_at, now);
    accounts.push_back({{"bundle_ref", a.bundle_ref},
                        {"account_id", a.account_id},
                        {"outcome", analytics::to_string(a.outcome)},
                        {"scraped_at", a.scraped_at.empty() ? Json(nullptr) : Json(a.scraped_at)},
                        {"age_seconds", age ? Json(*age) : Json(nullptr)},
                        {"next_refresh_at", a.next_refresh_at.empty() ? Json(nullptr) : Json(a.next_refresh_at)},
                        {"posts", a.posts},
                        {"stored", a.stored},
                        {"pages", a.pages},
                        {"unmatched", a.unmatched},
                        {"requests", a.requests},
                        {"error", a.error.empty() ? Json(nullptr) : Json(a.error)}});
  }
  Json doc = {{"campaign", r.campaign},
              {"server_date", r.server_date},
              {"requests", r.requests},
              {"rate_limited", r.rate_limited},
              {"rate_limit", {{"capacity", r.rate_capacity}, {"refill_per_second", r.rate_refill_per_second}}},
              {"complete", r.complete()},
              {"accounts", accounts}};
  std::printf("%s\n", doc.dump(2).c_str());
}

Result<int> run_pull(const PullFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto campaign = manifest::load_campaign(flags.file, manifest::ParseOptions{flags.media_roots});
  if (!campaign) return campaign.error();
  auto client = online_client(flags.api_url, flags.api_key_file, clock);
  if (!client) return client.error();
  auto store = open_state(flags.state, state::Access::read_write, clock);
  if (!store) return store.error();
  analytics::PullOptions options;
  options.refresh = !flags.no_refresh;
  auto report = analytics::pull_analytics(*campaign, *store, **client, options);
  if (!report) return report.error();
  if (flags.format == "json") print_pull_json(*report);
  else print_pull_text(*report);
  return report->complete() ? kExitOk : kExitPartial;
}

constexpr const char* kCompareHelp =
    "Groups every post's newest snapshot by --by and prints, per group: posts, total, median and average per post "
    "of --metric, and the change since each post's previous snapshot (or since --since), ranked by total. The "
    "header (table), the scraped_at columns (CSV, JSON) say how old the data is. Nothing is asked of the API: run "
    "`ugc analytics pull FILE` to store new snapshots.\nExit codes: 0 printed; 1 error (bad flags, unreadable file "
    "or state).";

constexpr const char* kPullHelp =
    "Per delivered account: GET can-refresh, POST refresh only when allowed (never inside a cooldown), then the "
    "account totals and its posts (paginated, newest first). ANALYTICS_NOT_FOUND means no data yet. A scrape "
    "already stored is not stored again; an account whose stored scrape is still inside its cooldown is not asked "
    "again. The bundle's current account comes from GET /bundles, so a remade account continues the bundle's "
    "history.\nExit codes: 0 every account pulled; 1 error before any account (bad input, no state, API error "
    "listing bundles); 3 partial: some accounts failed (listed), the others were stored.";

}  // namespace
}  // namespace analytics_command

CommandRun define_analytics(CLI::App& sub, std::shared_ptr<Clock> clock) {
  using namespace analytics_command;
  auto compare = std::make_shared<CompareFlags>();
  sub.add_option("file", compare->file, "Campaign file (YAML) whose stored analytics to compare");
  add_state_option(sub, compare->state, "State");
  sub.add_option("--by", compare->by, "Group by market, platform, creator, video, caption or campaign")
      ->check(CLI::IsMember({"market", "platform", "creator", "video", "caption", "campaign"}))
      ->capture_default_str();
  sub.add_option("--metric", compare->metric, "views, likes, comments, shares or engagement_rate")
      ->check(CLI::IsMember({"views", "likes", "comments", "shares", "engagement_rate"}))
      ->capture_default_str();
  sub.add_option("--since", compare->since, "Change since this date (YYYY-MM-DD, UTC) instead of the previous snapshot");
  sub.add_option("--format", compare->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "text", "csv", "json"}))
      ->capture_default_str();
  add_media_root_option(sub, compare->media_roots);
  sub.footer(kCompareHelp);
  sub.require_subcommand(0, 1);

  auto pull_flags = std::make_shared<PullFlags>();
  CLI::App* pull = sub.add_subcommand("pull", "Fetch and store account and post analytics of a campaign");
  pull->add_option("file", pull_flags->file, "Campaign file (YAML)")->required();
  add_state_option(*pull, pull_flags->state, "State");
  pull->add_option("--format", pull_flags->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  pull->add_flag("--no-refresh", pull_flags->no_refresh, "Only read what the server holds; never ask for a scrape");
  pull->add_option("--api-url", pull_flags->api_url, "API base URL (default: TOKPORTAL_BASE_URL or the TokPortal API)");
  pull->add_option("--api-key-file", pull_flags->api_key_file, "File holding the API key (default: TOKPORTAL_API_KEY)");
  add_media_root_option(*pull, pull_flags->media_roots);
  pull->footer(kPullHelp);

  CommandRun report = define_analytics_report(sub, clock);
  CLI::App* report_sub = sub.get_subcommand("report");
  return [=]() -> Result<int> {
    if (pull->parsed()) return run_pull(*pull_flags, clock);
    if (report_sub->parsed()) return report();
    return run_compare(*compare, clock);
  };
}

}  // namespace ugc::cli
