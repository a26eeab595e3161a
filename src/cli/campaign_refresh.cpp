#include "ugc/cli/campaign_refresh.hpp"

#include "ugc/state/state_uri.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {

Result<events::RefreshReport> refresh_campaign_state(const CampaignRefresh& request, std::shared_ptr<Clock> clock) {
  auto desired = desired_of_file(request.campaign_file, request.media_roots);
  if (!desired.ok()) return desired.error();
  auto applied = state::Store::open_if_applied(request.state_file, clock);
  if (!applied) return applied.error();
  if (!*applied)
    return not_found("no state at " + state::redact_state_uri(request.state_file) +
                     ": nothing to refresh (`ugc import " + request.campaign_file +
                     "` adopts bundles that already exist at TokPortal)");
  applied->reset();  // the refresh below takes the lock and opens it for writing
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
