#pragma once
// What the text and markdown renderers share: actions grouped by what they do
// to the world (create, update, publish, unschedule), in plan order, and the
// one-line totals. Private to module plan.
#include <optional>
#include <string>
#include <vector>

#include "ugc/plan/plan.hpp"

namespace ugc::plan {

struct ActionGroup {
  std::string symbol;  // "+", "~", "->", "-"
  std::string title;   // "Create", "Update", "Publish", "Unschedule"
  std::vector<const Action*> actions;
};

// Non-empty groups, in the fixed order create, update, publish, unschedule.
std::vector<ActionGroup> group_actions(const Plan& plan);

// "6 bundles to create, 18 slots to buy, ..., 270 credits, 17 API requests".
std::string totals_line(const Totals& totals);

// "(none)" for an unset value.
std::string shown(const std::optional<std::string>& value);

// Whether a change is best shown as a word diff (a caption with both sides).
bool is_caption_change(const FieldChange& change);

}  // namespace ugc::plan
