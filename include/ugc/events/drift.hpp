#pragma once
// Drift: a difference between what the state recorded and what the TokPortal
// API reports now (docs/refresh.md). Refresh lists one Drift per resource and
// field; what apply will do about it comes from the plan made afterwards (the
// CLI fills `remedy`), because the plan diffs the file against the state that
// refresh has just brought up to date.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"

namespace ugc::events {

struct Drift {
  std::string ref;       // bundle or slot external_ref
  std::string field;     // "status", "caption", "publish_date", "account.status", "saved_account_id", ...
  std::string before;    // what the state recorded ("" = nothing)
  std::string observed;  // what the API reports ("" = nothing)
  bool recorded = false;  // written into the state (else only reported)
  std::string remedy;     // what apply will do about it; filled by the caller
};

Json to_json(const Drift& drift);

}  // namespace ugc::events
