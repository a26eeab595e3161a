#pragma once
// The API's calendar rule over an expansion: at most 3 videos per UTC calendar
// day per bundle (docs/tokportal-api.md 6.2, VIDEOS_PER_DAY_EXCEEDED). Checked before
// any request so apply never meets the error; `ugc lint` reports the findings.
#include <vector>

#include "ugc/expand/desired.hpp"
#include "ugc/manifest/diagnostic.hpp"
#include "ugc/manifest/limits.hpp"

namespace ugc::expand {

// One error diagnostic (rule "videos-per-day") per bundle and day over
// manifest::kMaxVideosPerDayPerBundle, located at the first video over it, naming the bundle, the day and
// every video dated that day. Ordered by bundle, then day.
std::vector<manifest::Diagnostic> check_slot_dates(const DesiredResources& desired);

}  // namespace ugc::expand
