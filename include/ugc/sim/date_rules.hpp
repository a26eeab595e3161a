#pragma once
// The video date rules of docs/tokportal-api.md §6.2, against the simulated clock:
// lead time (3 days ahead while the account is being created, 1 day once the
// bundle runs on a delivered/existing account) and at most 3 videos per UTC
// calendar day per bundle (non-cancelled slots; a slot does not count against
// itself). Checks throw ApiError with the documented details.
#include <string>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

inline constexpr int kMaxVideosPerDay = 3;

int min_days_ahead(const Bundle& b);
CivilDate earliest_allowed(const Bundle& b, CivilDate today);

// 400 VALIDATION_ERROR when not YYYY-MM-DD.
CivilDate parse_video_date(const std::string& text, const std::string& field);
// 400 INVALID_DATE {min_days_ahead, earliest_allowed}.
void check_lead_time(const Bundle& b, CivilDate date, CivilDate today);
// Slots of `b` other than `position` dated `date` (non-cancelled).
int videos_on_day(const Bundle& b, const std::string& date, int except_position);
// 409 VIDEOS_PER_DAY_EXCEEDED {date, current_count, max_per_day}.
void check_day_capacity(const Bundle& b, const std::string& date, int except_position);

// Moves the dates of `positions` that are now earlier than allowed to the
// earliest allowed day with room (keeping the window length) and returns
// [{video_id, position, previous_date, new_date}].
Json shift_stale_dates(Bundle& b, const std::vector<int>& positions, CivilDate today);

}  // namespace ugc::sim
