#include "request_bodies.hpp"

namespace ugc::plan::body {

std::string bundle_id(const std::string& bundle_ref) { return "{bundle:" + bundle_ref + "}"; }
std::string media_url(const std::string& media_key) { return "{media:" + media_key + "}"; }
std::string media_storage(const std::string& media_key) { return "{media_storage:" + media_key + "}"; }

std::string bundle_path(const std::string& bundle_ref, const std::string& suffix) {
  return "/bundles/" + bundle_id(bundle_ref) + suffix;
}

std::string slot_path(const std::string& bundle_ref, int position, const std::string& suffix) {
  return bundle_path(bundle_ref, "/videos/" + std::to_string(position) + suffix);
}

namespace {
void add_niche_warming(Json& j, const std::string& niche_warming) {
  if (niche_warming.empty()) return;
  j["wants_niche_warming"] = true;
  j["niche_warming_instructions"] = niche_warming;
}
}  // namespace

Json create_bundle(const expand::DesiredBundle& bundle, const std::string& country, int videos_quantity) {
  Json j;
  j["bundle_type"] = videos_quantity > 0 ? "account_and_videos" : "account_only";
  j["platform"] = manifest::to_string(bundle.platform);
  j["country"] = country;
  if (videos_quantity > 0) j["videos_quantity"] = videos_quantity;
  j["title"] = bundle.external_ref;
  j["external_ref"] = bundle.external_ref;
  add_niche_warming(j, bundle.niche_warming);
  return j;
}

Json create_bundles_bulk(const std::vector<std::string>& platforms, const std::string& country,
                         int accounts_count, int videos_per_account, const std::string& niche_warming) {
  Json j;
  j["platforms"] = platforms;
  j["country"] = country;
  j["accounts_count"] = accounts_count;
  j["upload_accounts_count"] = videos_per_account > 0 ? accounts_count : 0;
  j["videos_per_account"] = videos_per_account;
  add_niche_warming(j, niche_warming);
  return j;
}

Json configure_account(const expand::DesiredAccount& account, const std::string& picture_storage) {
  Json j;
  j["username"] = account.username;
  j["visible_name"] = account.visible_name;
  j["biography"] = account.biography;
  if (!picture_storage.empty()) j["profile_picture_url"] = picture_storage;
  return j;
}

Json batch_item(const SlotRecord& slot, manifest::Platform platform) {
  Json j;
  j["position"] = slot.position;
  j["video_type"] = "video";
  j["target_publish_date"] = slot.publish_date;
  j["description"] = slot.caption;
  j["video_url"] = slot.video_url;
  j["external_ref"] = slot.external_ref;
  if (platform == manifest::Platform::instagram) j["instagram_content_type"] = "reel";
  return j;
}

Json batch(std::vector<Json> items, bool auto_publish) {
  Json j;
  j["videos"] = std::move(items);
  j["auto_publish"] = auto_publish;
  return j;
}

int bundle_credits(const CreditCosts& costs, int videos_quantity, bool niche_warming) {
  return costs.account_creation + videos_quantity * costs.video_slot + (niche_warming ? costs.niche_warming : 0);
}

}  // namespace ugc::plan::body
