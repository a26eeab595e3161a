#include "ugc/sim/views.hpp"

#include <algorithm>

#include "ugc/sim/router.hpp"

namespace ugc::sim {
namespace {

template <class T>
Json opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

}  // namespace

bool is_published_status(const std::string& s) {
  return s == "published" || s == "published_priority" || s == "accepted" || s == "completed";
}

int configured_video_count(const Bundle& b) {
  return static_cast<int>(std::count_if(b.videos.begin(), b.videos.end(), [](const VideoSlot& v) {
    return v.status != "pending" && v.status != "cancelled";
  }));
}

Json bundle_json(const Bundle& b) {
  const auto& a = b.account;
  Json account = nullptr;
  if (b.creates_account())
    account = Json{{"id", a.id},
                   {"status", a.status},
                   {"username", opt(a.username)},
                   {"visible_name", opt(a.visible_name)}};
  return Json{{"id", b.id},
              {"title", opt(b.title)},
              {"bundle_type", b.bundle_type},
              {"platform", b.platform},
              {"country", b.country},
              {"status", b.status},
              {"external_ref", opt(b.external_ref)},
              {"videos_quantity", b.videos_quantity},
              {"edits_quantity", b.edits_quantity},
              {"auto_finalize_videos", b.auto_finalize_videos},
              {"review_mode", b.review_mode},
              {"wants_advanced_warming", b.wants_advanced_warming},
              {"advanced_warming_terms_count", b.advanced_warming_terms_count},
              {"wants_niche_warming", b.wants_niche_warming},
              {"account_id", opt(b.account_id)},
              {"created_at", b.created_at},
              {"published_at", opt(b.published_at)},
              {"unpublished_at", opt(b.unpublished_at)},
              {"is_published", is_published_status(b.status)},
              {"account_configured", b.creates_account() && a.status != "pending"},
              {"videos_configured_count", configured_video_count(b)},
              {"account_status", b.creates_account() ? Json(a.status) : Json(nullptr)},
              {"saved_account_id", opt(b.saved_account_id)},
              {"account", account}};
}

Json video_json(const Bundle& b, const VideoSlot& v) {
  Json j = v.config;
  for (const char* k : {"video_type", "description", "name", "external_ref", "video_url", "carousel_images"})
    if (!j.contains(k)) j[k] = nullptr;
  j["id"] = v.id;
  j["bundle_id"] = b.id;
  j["position"] = v.position;
  j["status"] = v.status;
  j["target_publish_date"] = opt(v.target_publish_start_date);
  j["target_publish_start_date"] = opt(v.target_publish_start_date);
  j["target_publish_end_date"] = opt(v.target_publish_end_date);
  j["configured_at"] = opt(v.configured_at);
  j["published_at"] = opt(v.published_at);
  j["post_url"] = v.ext.contains("post_url") ? v.ext["post_url"] : Json(nullptr);
  return j;
}

Json bundle_account_json(const Bundle& b) {
  const auto& a = b.account;
  Json warming = nullptr;
  if (b.wants_advanced_warming) {
    const int terms = static_cast<int>(a.advanced_warming_terms.size());
    warming = Json{{"status", a.ext.value("warming_status", terms ? "pending" : "awaiting_terms")},
                   {"terms_total", b.advanced_warming_terms_count},
                   {"terms_configured", terms},
                   {"terms_verified", a.ext.value("warming_terms_verified", 0)},
                   {"started_at", a.ext.value("warming_started_at", Json(nullptr))},
                   {"completed_at", a.ext.value("warming_completed_at", Json(nullptr))}};
  }
  return Json{{"id", b.id},
              {"account_id", a.id},
              {"status", a.status},
              {"account",
               {{"username", opt(a.username)},
                {"visible_name", opt(a.visible_name)},
                {"biography", opt(a.biography)},
                {"profile_picture_url", opt(a.profile_picture_url)},
                {"link_in_bio", opt(a.link_in_bio)},
                {"niche_warming_instructions", opt(a.niche_warming_instructions)},
                {"configured_at", opt(a.configured_at)}}},
              {"saved_account_id", opt(b.saved_account_id)},
              {"advanced_warming", warming}};
}

Json saved_account_json(const SavedAccount& a) {
  return Json{{"id", a.id},
              {"platform", a.platform},
              {"username", a.username},
              {"visible_name", a.visible_name},
              {"biography", a.biography},
              {"profile_picture_url", a.profile_picture_url},
              {"country", a.country},
              {"link_in_bio", opt(a.link_in_bio)},
              {"profile_url", a.profile_url},
              {"tokmail_email", a.tokmail_email},
              {"status", a.status},
              {"banned", a.banned},
              {"bundle_id", opt(a.bundle_id)},
              {"created_at", a.created_at},
              {"updated_at", a.updated_at}};
}

Json bundle_event_data(const Bundle& b) {
  return Json{{"bundle_id", b.id},
              {"account_id", b.creates_account() ? Json(b.account.id) : opt(b.account_id)},
              {"saved_account_id", opt(b.saved_account_id)},
              {"external_ref", opt(b.external_ref)},
              {"bundle_type", b.bundle_type},
              {"platform", b.platform},
              {"country", b.country},
              {"status", b.status}};
}

Bundle& owned_bundle(World& world, Tenant& tenant, const std::string& id) {
  if (Bundle* b = tenant.bundle(id)) return *b;
  for (auto& [hash, other] : world.tenants)
    if (&other != &tenant && other.bundles.count(id))
      fail(403, "BUNDLE_NOT_OWNED", "This bundle belongs to another account", Json{{"bundle_id", id}});
  fail(404, "BUNDLE_NOT_FOUND", "Bundle not found", Json{{"bundle_id", id}});
}

VideoSlot& slot_at(Bundle& b, const std::string& position) {
  int pos = 0;
  bool digits = !position.empty() && position.size() <= 6 &&
                std::all_of(position.begin(), position.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) pos = std::stoi(position);
  if (!digits || pos < 1)
    fail(400, "VALIDATION_ERROR", "position must be a positive integer", Json{{"field", "position"}});
  VideoSlot* v = b.slot(pos);
  if (!v)
    fail(404, "VIDEO_NOT_FOUND", "No video slot at position " + position,
         Json{{"bundle_id", b.id}, {"position", pos}, {"videos_quantity", b.videos.size()}});
  return *v;
}

}  // namespace ugc::sim
