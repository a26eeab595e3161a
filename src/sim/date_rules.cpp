#include "ugc/sim/date_rules.hpp"

#include "ugc/sim/router.hpp"

namespace ugc::sim {

int min_days_ahead(const Bundle& b) { return b.runs_on_delivered_account() ? 1 : 3; }

CivilDate earliest_allowed(const Bundle& b, CivilDate today) { return today.plus_days(min_days_ahead(b)); }

CivilDate parse_video_date(const std::string& text, const std::string& field) {
  auto d = CivilDate::parse(text);
  if (!d) fail(400, "VALIDATION_ERROR", field + " must be a calendar date YYYY-MM-DD", Json{{"field", field}});
  return *d;
}

void check_lead_time(const Bundle& b, CivilDate date, CivilDate today) {
  const CivilDate earliest = earliest_allowed(b, today);
  if (date < earliest)
    fail(400, "INVALID_DATE",
         "Publish date must be at least " + std::to_string(min_days_ahead(b)) + " day(s) ahead (earliest " +
             earliest.str() + ")",
         Json{{"min_days_ahead", min_days_ahead(b)}, {"earliest_allowed", earliest.str()}, {"date", date.str()}});
}

int videos_on_day(const Bundle& b, const std::string& date, int except_position) {
  int n = 0;
  for (const auto& v : b.videos)
    if (v.position != except_position && v.status != "cancelled" && v.target_publish_start_date == date) ++n;
  return n;
}

void check_day_capacity(const Bundle& b, const std::string& date, int except_position) {
  const int n = videos_on_day(b, date, except_position);
  if (n >= kMaxVideosPerDay)
    fail(409, "VIDEOS_PER_DAY_EXCEEDED",
         "At most " + std::to_string(kMaxVideosPerDay) + " videos per day per bundle; " + date + " already has " +
             std::to_string(n),
         Json{{"date", date}, {"current_count", n}, {"max_per_day", kMaxVideosPerDay}});
}

Json shift_stale_dates(Bundle& b, const std::vector<int>& positions, CivilDate today) {
  Json adjusted = Json::array();
  const CivilDate earliest = earliest_allowed(b, today);
  for (int pos : positions) {
    VideoSlot* v = b.slot(pos);
    if (!v || !v->target_publish_start_date) continue;
    auto start = CivilDate::parse(*v->target_publish_start_date);
    if (!start || *start >= earliest) continue;
    int window = 1;
    if (v->target_publish_end_date)
      if (auto end = CivilDate::parse(*v->target_publish_end_date)) window = std::max(0, start->days_until(*end));
    CivilDate day = earliest;
    while (videos_on_day(b, day.str(), pos) >= kMaxVideosPerDay) day = day.plus_days(1);
    const std::string previous = *v->target_publish_start_date;
    v->target_publish_start_date = day.str();
    v->target_publish_end_date = day.plus_days(window).str();
    adjusted.push_back(Json{{"video_id", v->id}, {"position", pos}, {"previous_date", previous}, {"new_date", day.str()}});
  }
  return adjusted;
}

}  // namespace ugc::sim
