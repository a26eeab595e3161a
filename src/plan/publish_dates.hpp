#pragma once
// Publish dates as the API takes them (date_rules.hpp): a date closer than the
// lead time moves to the first day with room (3 a day per bundle), and every
// move is listed in Plan::date_shifts. Private to module plan.
#include <string>
#include <vector>

#include "bundle_work.hpp"
#include "planning.hpp"

namespace ugc::plan {

// Counts the days already taken on the bundle (desired slots dated far enough
// ahead, and known slots the file no longer has that still hold their date).
void count_taken_days(Planning& p, const BundleWork& work);
// The date to send for a slot, honouring the lead time and 3 a day; records a
// DateShift when it differs from the file. `known_date`: the date in state.
std::string planned_date(Planning& p, const BundleWork& work, const expand::DesiredSlot& slot,
                         const std::string& known_date);
// Configured slots in state whose date became too close: the server moves
// them forward when they are published.
void note_stale_publish(Planning& p, const BundleWork& work, const std::vector<const state::KnownSlot*>& slots);

}  // namespace ugc::plan
