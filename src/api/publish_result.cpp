#include "ugc/api/publish_result.hpp"

#include "json_fields.hpp"

namespace ugc::api {

PublishResult parse_publish_result(const Json& data) {
  PublishResult out;
  out.status = detail::str_field(data, "status");
  if (!data.is_object()) return out;
  auto list = data.find("adjusted_videos");
  if (list == data.end() || !list->is_array()) return out;
  for (const Json& item : *list) {
    AdjustedVideo a;
    a.position = static_cast<int>(detail::int_field(item, "position"));
    a.new_date = detail::str_field(item, "new_date");
    if (a.position <= 0 || a.new_date.empty()) continue;
    a.video_id = detail::str_field(item, "video_id");
    a.previous_date = detail::str_field(item, "previous_date");
    out.adjusted_videos.push_back(std::move(a));
  }
  return out;
}

}  // namespace ugc::api
