#pragma once
// Times as the API writes them: ISO 8601 (`Z` or `+HH:MM`, fractional seconds
// possible, or a bare YYYY-MM-DD) and HTTP dates (the `Date` header). Analytics
// compares scrape times and cooldown ends with these, never as strings,
// because two spellings of one instant must compare equal.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ugc::analytics {

using Seconds = std::chrono::sys_seconds;

// nullopt when `text` is neither form.
std::optional<Seconds> parse_timestamp(std::string_view text);
// "Wed, 25 Nov 2026 15:18:00 GMT" (IMF-fixdate); nullopt otherwise.
std::optional<Seconds> parse_http_date(std::string_view text);
// "2027-03-01T12:00:00Z".
std::string iso_utc(Seconds t);
// "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long ago, for the data-age line.
std::string age_text(std::chrono::seconds age);

}  // namespace ugc::analytics
