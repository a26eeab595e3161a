#pragma once
// Credit prices for a plan. `ugc apply` reads GET /credit-costs and keeps it in
// the state (credit_costs cache); offline `ugc plan` prices from that copy, so
// the credits a reviewer sees in a pull request are the server's, not the
// contract's defaults. Until a first apply there is no copy, and the plan says so.
#include <optional>

#include "ugc/api/reference.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {

plan::CreditCosts plan_costs(const api::CreditCosts& costs);

// Keeps what GET /credit-costs answered, for later offline plans.
Status remember_prices(state::Store& store, const api::CreditCosts& costs);

struct RememberedPrices {
  plan::CreditCosts costs;
  std::string fetched_at;  // ISO 8601 UTC
};
// The prices the last apply read; nullopt before any.
Result<std::optional<RememberedPrices>> remembered_prices(state::Store& store);

}  // namespace ugc::cli
