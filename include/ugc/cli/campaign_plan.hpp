#pragma once
// The one planning path of `ugc plan` and `ugc apply`: load the campaign file,
// read what the state knows, choose "today" and the prices, plan, and add the
// notes about the state (an interrupted apply's unsettled requests, prices that
// are the contract's defaults). Both commands plan through here, so a flag or
// a note cannot exist on one and not the other.
//
// Offline (`ugc plan`, no server): today is --as-of or the local clock; prices
// are those the last apply kept in the state, else the defaults (and a note
// says so). Online (`ugc apply`): today is --as-of or the server's Date header;
// prices are GET /credit-costs, kept in the state for later offline plans.
#include <future>
#include <string>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/caption_review.hpp"
#include "ugc/plan/plan.hpp"

namespace CLI {
class App;
}
namespace ugc::api {
class Client;
struct CreditCosts;
}
namespace ugc::state {
class Store;
}

namespace ugc::cli {

struct PlanRequest {
  std::string campaign_file;
  std::string as_of;        // --as-of as typed; empty: not given
  bool bulk_create = true;  // false with --no-bulk
  std::vector<std::string> media_roots;  // --media-root
  // Online: also receives what GET /credit-costs answered. Without a state
  // file apply keeps it only once it has created the file (after confirmation).
  api::CreditCosts* prices_read = nullptr;
  // Also receives the captions the plan posts, with each market's language
  // and the lint findings (as of the plan's today) beside them, for review.
  plan::CaptionReview* captions = nullptr;
};

// `-target REF` / `--target REF` (repeatable) on plan and apply: only the
// bundles and slots whose external_ref starts with REF (plan/targeting.hpp).
void add_target_option(CLI::App& sub, std::vector<std::string>& targets);

// `store`: nullptr when no state file exists yet. `server`: nullptr offline.
Result<plan::Plan> plan_from_file(const PlanRequest& request, state::Store* store, api::Client* server,
                                   Clock& clock);

// The same with the state still being opened (on another thread: opening
// quick-checks every page of the file), while the campaign file is parsed.
// A state that cannot be opened fails the plan before the campaign's errors,
// as if it had been opened first.
Result<plan::Plan> plan_from_file(const PlanRequest& request, std::future<Result<state::Store*>> opening,
                                   api::Client* server, Clock& clock);

}  // namespace ugc::cli
