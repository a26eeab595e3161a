#pragma once
// `ugc apply PLANFILE`: a saved plan is re-verified, not trusted. Its checksum
// is a plain sha256 anyone can recompute, so apply plans again, online, from
// the campaign file the plan names and the current state, with the plan's
// date and options and the server's prices (the one planning path,
// campaign_plan.hpp), and runs only if the fresh plan is exactly the saved one
// (plan/plan_comparison.hpp). Before that, the plan must be bound to this
// state file (its state id), its serial and the campaign file's bytes
// (plan/saved_plan.hpp). No key is needed: re-derivation is the check.
#include <string>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::api {
class Client;
struct CreditCosts;
}
namespace ugc::state {
class Store;
}

namespace ugc::cli {

// The fresh plan (what apply runs and shows) when it matches the saved plan
// at `path`; conflict naming the first difference otherwise. Sends only reads
// (GET /credit-costs). `store`: nullptr when no state file exists yet;
// `media_roots` and `prices_read` as in PlanRequest.
Result<plan::Plan> verify_saved_plan(const std::string& path, state::Store* store, api::Client& server, Clock& clock,
                                     const std::vector<std::string>& media_roots,
                                     api::CreditCosts* prices_read = nullptr);

}  // namespace ugc::cli
