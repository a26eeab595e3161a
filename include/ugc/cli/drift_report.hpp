#pragma once
// How `ugc refresh` and `ugc plan --refresh` show drift: each difference
// refresh found (resource, field, state before, API now) with what apply will
// do about it, read off the plan made from the refreshed state, and the
// number of API requests the refresh made.
#include <string>

#include "ugc/core/json.hpp"
#include "ugc/events/refresh.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::cli {

// Fills each drift's `remedy` from the plan's actions, blocked changes and notes.
void attach_remedies(events::RefreshReport& report, const plan::Plan& plan);

// "Drift (N) ... Refresh: R API requests ..." lines; ends with a blank line.
std::string render_drift_text(const events::RefreshReport& report);
Json drift_json(const events::RefreshReport& report);

}  // namespace ugc::cli
