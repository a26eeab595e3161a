#include "ugc/sim/publishing.hpp"

#include "ugc/sim/date_rules.hpp"
#include "ugc/sim/router.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

Json blocker(const std::string& code, const std::string& message, Json details = Json::object()) {
  return Json{{"code", code}, {"message", message}, {"details", std::move(details)}};
}

void emit_video_published(World& world, Tenant& tenant, const Bundle& b, const VideoSlot& v) {
  Json data = bundle_event_data(b);
  data["video_id"] = v.id;
  data["position"] = v.position;
  data["status"] = v.status;
  data["target_publish_date"] = v.target_publish_start_date ? Json(*v.target_publish_start_date) : Json(nullptr);
  world.emit(tenant, "video.published", std::move(data));
}

}  // namespace

bool is_active_status(const std::string& s) { return s == "published" || s == "published_priority" || s == "accepted"; }

void require_open(const Bundle& b) {
  if (b.status == "cancelled" || b.status == "archived" || b.status == "completed")
    fail(409, "BUNDLE_INVALID_STATUS", "Bundle is " + b.status, Json{{"current_status", b.status}});
}

Json publish_blockers(const Bundle& b) {
  Json out = Json::array();
  if (b.status == "cancelled" || b.status == "archived" || b.status == "draft")
    out.push_back(blocker("BUNDLE_INVALID_STATUS", "Bundle is " + b.status, {{"current_status", b.status}}));
  if (is_published_status(b.status))
    out.push_back(blocker("BUNDLE_ALREADY_PUBLISHED", "Bundle is already published", {{"current_status", b.status}}));
  if (b.creates_account()) {
    const auto& a = b.account;
    Json missing = Json::array();
    if (!a.username) missing.push_back("username");
    if (!a.visible_name) missing.push_back("visible_name");
    if (!a.biography) missing.push_back("biography");
    if (!a.profile_picture_url) missing.push_back("profile_picture_url");
    if (!missing.empty())
      out.push_back(blocker("ACCOUNT_MISSING_FIELDS", "The account profile is incomplete",
                            {{"missing_fields", missing}}));
  }
  if (b.bundle_type != "account_only" && configured_video_count(b) == 0)
    out.push_back(blocker("NO_VIDEOS_CONFIGURED", "Configure at least one video before publishing"));
  return out;
}

Json publish_bundle(World& world, Tenant& tenant, Bundle& b) {
  if (b.status == "cancelled" || b.status == "archived" || b.status == "draft")
    fail(409, "BUNDLE_INVALID_STATUS", "Bundle is " + b.status + " and cannot be published",
         Json{{"current_status", b.status}});
  if (is_published_status(b.status))
    fail(409, "BUNDLE_ALREADY_PUBLISHED", "Bundle is already published", Json{{"current_status", b.status}});
  Json blockers = publish_blockers(b);
  if (!blockers.empty()) {
    const std::string first = blockers[0]["code"];
    const std::string code = first == "ACCOUNT_MISSING_FIELDS" ? "ACCOUNT_NOT_CONFIGURED" : first;
    fail(409, code, "Bundle is not ready to publish: " + blockers[0]["message"].get<std::string>(),
         Json{{"blockers", blockers}});
  }
  std::vector<int> positions;
  for (const auto& v : b.videos)
    if (v.status == "configured") positions.push_back(v.position);
  Json adjusted = shift_stale_dates(b, positions, world.today());

  const std::string now = world.now_iso();
  b.status = "published";
  b.published_at = now;
  b.unpublished_at.reset();
  world.emit(tenant, "bundle.published", bundle_event_data(b));
  if (b.creates_account()) {
    Json data = bundle_event_data(b);
    data["account_status"] = b.account.status;
    world.emit(tenant, "account.published", std::move(data));
  }
  for (int pos : positions) {
    VideoSlot& v = *b.slot(pos);
    v.status = "published";
    v.published_at = now;
    emit_video_published(world, tenant, b, v);
  }
  Json data = bundle_json(b);
  if (!adjusted.empty()) {
    data["adjusted_videos"] = adjusted;
    data["adjusted_videos_note"] =
        "Some video dates no longer met the minimum lead time and were moved forward to the earliest allowed day.";
  }
  return data;
}

SlotPublication publish_slots(World& world, Tenant& tenant, Bundle& b, const std::vector<int>& positions) {
  require_open(b);
  if (!is_active_status(b.status))
    fail(409, "BUNDLE_INVALID_STATUS", "Publish the bundle first; slots are published individually only on an active bundle",
         Json{{"current_status", b.status}});
  SlotPublication out;
  for (int pos : positions)
    if (b.slot(pos) && b.slot(pos)->status == "configured") out.positions.push_back(pos);
  out.adjusted = shift_stale_dates(b, out.positions, world.today());
  const std::string now = world.now_iso();
  for (int pos : out.positions) {
    VideoSlot& v = *b.slot(pos);
    v.status = "published";
    v.published_at = now;
    out.video_ids.push_back(v.id);
    emit_video_published(world, tenant, b, v);
  }
  return out;
}

}  // namespace ugc::sim
