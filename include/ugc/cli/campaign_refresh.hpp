#pragma once
// One refresh of a campaign's state, as `ugc refresh` and `ugc plan --refresh`
// run it: expand the file, open the existing state under its lock, read
// TokPortal (events::refresh_campaign) and write what it observed. The lock is
// released when this returns, before the plan is made.
#include <memory>
#include <string>
#include <vector>

#include "ugc/cli/online_state.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/events/refresh.hpp"

namespace ugc::cli {

struct CampaignRefresh {
  std::string campaign_file;
  std::string state_file;
  std::vector<std::string> media_roots;
  OnlineFlags online;
  std::string command = "ugc refresh";  // the lock's holder name
};

// not_found when the state file does not exist (nothing was applied or imported yet).
Result<events::RefreshReport> refresh_campaign_state(const CampaignRefresh& request, std::shared_ptr<Clock> clock);

}  // namespace ugc::cli
