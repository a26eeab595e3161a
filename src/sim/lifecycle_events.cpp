#include "ugc/sim/lifecycle_events.hpp"

#include "ugc/sim/views.hpp"

namespace ugc::sim {

Event& emit_at(World& world, Tenant& tenant, std::string_view type, Json data, TimePoint at) {
  Event& e = world.emit(tenant, type, std::move(data));
  e.created_at = iso8601(at);
  return e;
}

Json account_event_data(const Bundle& b) {
  Json d = bundle_event_data(b);
  d["account_status"] = b.account.status;
  if (b.account.username) d["username"] = *b.account.username;
  return d;
}

Json video_event_data(const Bundle& b, const VideoSlot& s) {
  Json d = bundle_event_data(b);
  d["video_id"] = s.id;
  d["position"] = s.position;
  d["video_status"] = s.status;
  d["video_external_ref"] = s.config.value("external_ref", Json(nullptr));
  d["post_url"] = s.ext.value("post_url", Json(nullptr));
  return d;
}

}  // namespace ugc::sim
