// ugc refresh FILE: read what TokPortal reports for the campaign's bundles,
// slots and bans, record it in the state and show where it differs (drift),
// with what `ugc apply FILE` would then do about it (docs/refresh.md).
#include <cstdio>
#include <memory>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/campaign_plan.hpp"
#include "ugc/cli/campaign_refresh.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/drift_report.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

constexpr const char* kRefreshHelp =
    "Reads GET /bundles (every page), GET /account-bans since the last poll, and the slot list of each bundle "
    "whose counters changed or whose slots can still be edited; records what it saw in the state (bundle and "
    "account status, saved account id, slot caption/date/status) and polled bans as events. The plan made "
    "afterwards proposes what restores the file's values. Exit codes: 0 refreshed (drift or not); 1 error "
    "(bad input, no state file, lock held, API error: nothing recorded).";

struct RefreshFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  std::string format = "text";
  std::vector<std::string> media_roots;
  OnlineFlags online;
};

// What apply would do: an offline plan of the refreshed state (no request).
Result<plan::Plan> plan_after_refresh(const RefreshFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto store = state::Store::open(flags.state, {state::Access::read_only, false}, clock);
  if (!store.ok()) return store.error();
  PlanRequest request{flags.file, "", true, flags.media_roots};
  return plan_from_file(request, &*store, nullptr, *clock);
}

Result<int> run_refresh(const RefreshFlags& flags, const std::shared_ptr<Clock>& clock) {
  CampaignRefresh request{flags.file, flags.state, flags.media_roots, flags.online, "ugc refresh"};
  auto report = refresh_campaign_state(request, clock);
  if (!report.ok()) return report.error();
  auto plan = plan_after_refresh(flags, clock);
  if (!plan.ok()) return plan.error().with_context("planning after the refresh");
  attach_remedies(*report, *plan);
  if (flags.format == "json") {
    std::printf("%s\n", drift_json(*report).dump(2).c_str());
  } else {
    std::fputs(render_drift_text(*report).c_str(), stdout);
    if (plan->has_changes())
      std::fputs(("`ugc plan " + flags.file + "` shows the whole plan; `ugc apply " + flags.file +
                  "` carries it out.\n")
                     .c_str(),
                 stdout);
  }
  return kExitOk;
}

}  // namespace

CommandRun define_refresh(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<RefreshFlags>();
  sub.footer(kRefreshHelp);
  sub.add_option("file", flags->file, "Campaign file (YAML)")->required();
  add_state_option(sub, flags->state, "State");
  sub.add_option("--format", flags->format, "text | json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_media_root_option(sub, flags->media_roots);
  add_online_options(sub, flags->online);
  return [flags, clock]() -> Result<int> { return run_refresh(*flags, clock); };
}

}  // namespace ugc::cli
