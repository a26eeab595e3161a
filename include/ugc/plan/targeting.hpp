#pragma once
// `-target REF` (Terraform's resource targeting): a plan cut down to the
// actions about some bundles or slots, for an exceptional repair, never the
// normal way to work. A REF selects an action when it is the ref (or a prefix
// of the ref) of the bundle acted on or of one of the action's targets; the
// actions a selected action depends on come along (a video configured in a
// bundle not bought yet needs the purchase). Blocked changes, notes and date
// shifts stay only for what is selected.
//
// Bulk purchases buy several bundles of a country in one request: the caller
// plans without bulk creation when targets are given (each bundle its own
// POST /bundles), so a target never buys a bundle outside it.
#include <string>
#include <vector>

#include "ugc/plan/plan.hpp"

namespace ugc::plan {

// True when `ref` is `target` or starts with it.
bool ref_matches_target(const std::string& ref, const std::vector<std::string>& targets);

// The plan restricted to `targets` (and what the kept actions depend on), in
// the same order, totals recomputed. Empty `targets`: the plan unchanged.
Plan restrict_to_targets(Plan plan, const std::vector<std::string>& targets);

// The warning shown with every targeted plan and apply, naming the targets.
std::string targeting_banner(const std::vector<std::string>& targets);

}  // namespace ugc::plan
