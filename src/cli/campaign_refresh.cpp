#include "ugc/cli/campaign_refresh.hpp"

#include <filesystem>

namespace ugc::cli {

Result<events::RefreshReport> refresh_campaign_state(const CampaignRefresh& request, std::shared_ptr<Clock> clock) {
  auto desired = desired_of_file(request.campaign_file, request.media_roots);
  if (!desired.ok()) return desired.error();
  std::error_code ec;
  if (!std::filesystem::exists(request.state_file, ec))
    return not_found("no state file " + request.state_file +
                     ": nothing to refresh (`ugc import " + request.campaign_file +
                     "` adopts bundles that already exist at TokPortal)");
  auto client = online_client(request.online, clock);
  if (!client.ok()) return client.error();
  auto held = open_locked_state(request.state_file, false, request.online, request.command, clock);
  if (!held.ok()) return held.error();
  events::RefreshRequest refresh;
  refresh.campaign = desired->campaign;
  for (const auto& b : desired->bundles) refresh.desired_bundle_refs.push_back(b.external_ref);
  auto report = events::refresh_campaign(*held->store, **client, refresh);
  if (!report.ok()) return report.error().with_context("refreshing " + request.state_file);
  return report;
}

}  // namespace ugc::cli
