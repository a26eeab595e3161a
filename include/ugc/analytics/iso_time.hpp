#pragma once
// ISO 8601 UTC timestamps as the API reports them ("2027-03-01T09:30:00Z",
// optionally with fractional seconds or a "+00:00" offset), read into seconds
// since the epoch so that snapshots can be placed on a time axis.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ugc::analytics {

// Seconds since 1970-01-01T00:00:00Z; nullopt when `text` is not such a
// timestamp (a date alone counts as its midnight). Offsets other than UTC are
// applied.
std::optional<std::int64_t> parse_iso_time(std::string_view text);

// "2027-03-01" of a time in seconds since the epoch (UTC).
std::string iso_day(std::int64_t unix_seconds);

}  // namespace ugc::analytics
