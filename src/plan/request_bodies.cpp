#include "request_bodies.hpp"

#include <utility>

#include "ugc/api/account_requests.hpp"
#include "ugc/api/bundle_requests.hpp"
#include "ugc/api/paths.hpp"
#include "ugc/api/upload_requests.hpp"
#include "ugc/api/video_requests.hpp"

namespace ugc::plan::body {

namespace {

Json body_of(const api::Request& r) { return r.body.value_or(Json()); }

// Multipart parts become the plan's file + form fields.
Request plan_request_of(const api::Request& r) {
  Request out;
  out.method = r.method;
  out.path = r.path;
  out.body = body_of(r);
  for (const auto& part : r.parts) {
    if (!part.file_path.empty()) out.file = part.file_path;
    else out.form[part.name] = part.value;
  }
  return out;
}

}  // namespace

std::string bundle_id(const std::string& bundle_ref) { return "{bundle:" + bundle_ref + "}"; }
std::string media_url(const std::string& media_key) { return "{media:" + media_key + "}"; }
std::string media_storage(const std::string& media_key) { return "{media_storage:" + media_key + "}"; }

std::string bundles_path() { return api::paths::bundles(); }
std::string bundles_bulk_path() { return api::paths::bundles_bulk(); }

std::string bundle_path(const std::string& bundle_ref) {
  return api::paths::bundle(bundle_id(bundle_ref));
}

std::string slot_path(const std::string& bundle_ref, int position) {
  return api::paths::bundle_video(bundle_id(bundle_ref), position);
}

std::string account_path(const std::string& bundle_ref) { return api::paths::bundle_account(bundle_id(bundle_ref)); }
std::string add_video_slots_path(const std::string& bundle_ref) {
  return api::paths::bundle_add_video_slots(bundle_id(bundle_ref));
}
std::string batch_path(const std::string& bundle_ref) { return api::paths::bundle_videos_batch(bundle_id(bundle_ref)); }
std::string publish_path(const std::string& bundle_ref) { return api::paths::bundle_publish(bundle_id(bundle_ref)); }
std::string publish_all_path(const std::string& bundle_ref) {
  return api::paths::bundle_videos_publish_all(bundle_id(bundle_ref));
}
std::string unschedule_path(const std::string& bundle_ref, int position) {
  return api::paths::bundle_video_unschedule(bundle_id(bundle_ref), position);
}

Json create_bundle(const expand::DesiredBundle& bundle, const std::string& country, int videos_quantity) {
  api::CreateBundleRequest r;
  r.bundle_type = videos_quantity > 0 ? api::BundleType::account_and_videos : api::BundleType::account_only;
  r.platform = manifest::to_string(bundle.platform);
  r.country = country;
  r.videos_quantity = videos_quantity;
  r.title = bundle.external_ref;
  r.external_ref = bundle.external_ref;
  r.niche_warming_instructions = bundle.niche_warming;
  return body_of(api::to_request(r));
}

Json create_bundles_bulk(const std::vector<std::string>& platforms, const std::string& country,
                         int accounts_count, int videos_per_account, const std::string& niche_warming) {
  api::CreateBundlesBulkRequest r;
  r.platforms = platforms;
  r.country = country;
  r.accounts_count = accounts_count;
  r.upload_accounts_count = videos_per_account > 0 ? accounts_count : 0;
  r.videos_per_account = videos_per_account;
  r.niche_warming_instructions = niche_warming;
  return body_of(api::to_request(r));
}

Json rename_bundle(const std::string& external_ref) {
  api::UpdateBundleRequest r;
  r.title = external_ref;
  r.external_ref = external_ref;
  return body_of(api::to_request(r));
}

Json add_video_slots(int quantity) { return body_of(api::to_request(api::AddVideoSlotsRequest{"", quantity})); }

Json configure_account(const expand::DesiredAccount& account, const std::string& picture_storage) {
  api::ConfigureAccountRequest r;
  r.username = account.username;
  r.visible_name = account.visible_name;
  r.biography = account.biography;
  r.profile_picture_url = picture_storage;
  return body_of(api::to_request(r));
}

Json batch_item(const SlotRecord& slot, manifest::Platform platform) {
  api::VideoConfig v;
  v.position = slot.position;
  v.video_type = api::VideoType::video;
  v.target_publish_date = slot.publish_date;
  v.description = slot.caption;
  v.video_url = slot.video_url;
  v.external_ref = slot.external_ref;
  if (platform == manifest::Platform::instagram) v.instagram_content_type = api::InstagramContentType::reel;
  return api::to_json(std::move(v));
}

Json batch(std::vector<Json> items, bool auto_publish) {
  return api::batch_configure_body(std::move(items), auto_publish);
}

Json patch_video(const std::vector<FieldChange>& changes) {
  api::PatchVideoRequest r;
  for (const auto& c : changes) {
    if (c.field == "caption") r.description = *c.after;
    if (c.field == "publish_date") r.target_publish_date = *c.after;
    if (c.field == "external_ref") r.external_ref = *c.after;
  }
  return body_of(api::to_request(r));
}

Request upload(const std::string& purpose, const expand::DesiredMedia& media, const std::string& lender_ref) {
  const std::string lender = bundle_id(lender_ref);
  if (purpose == "video") return plan_request_of(api::to_request(api::VideoUploadRequest{lender, media.path}));
  if (!media.path.empty())
    return plan_request_of(
        api::to_request(api::ImageUploadRequest{lender, media.path, api::ImagePurpose::profile_picture}));
  return plan_request_of(
      api::to_request(api::ImageFromUrlRequest{lender, media.url, api::ImagePurpose::profile_picture}));
}

int bundle_credits(const CreditCosts& costs, int videos_quantity, bool niche_warming) {
  return costs.account_creation + videos_quantity * costs.video_slot + (niche_warming ? costs.niche_warming : 0);
}

}  // namespace ugc::plan::body

namespace ugc::plan {

Json request_body(const Action& action, const Request& request) {
  if (!request.slot_batch) return request.body;
  const auto platform = request.slot_batch->instagram ? manifest::Platform::instagram : manifest::Platform::tiktok;
  std::vector<Json> items;
  items.reserve(action.slots.size());
  for (const SlotRecord& slot : action.slots) items.push_back(body::batch_item(slot, platform));
  return body::batch(std::move(items), request.slot_batch->auto_publish);
}

}  // namespace ugc::plan
