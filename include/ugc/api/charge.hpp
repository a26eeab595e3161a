#pragma once
// Charge: what a paid write cost, from the envelope siblings of `data`
// (docs/tokportal-api.md §1.3, §1.9). All fields are optional on the wire.
#include <cstdint>
#include <optional>

#include "ugc/api/response.hpp"
#include "ugc/core/json.hpp"

namespace ugc::api {

struct Charge {
  std::optional<std::int64_t> charged;       // credits_charged
  std::optional<std::int64_t> remaining;     // credits_remaining
  std::optional<std::int64_t> would_charge;  // credits_would_charge (dry run)
  Json breakdown;                            // cost_breakdown (null when absent)
  bool dry_run = false;
  bool replayed = false;  // answered from the idempotency store: nothing charged again
};

Charge charge_of(const Response& response);

}  // namespace ugc::api
