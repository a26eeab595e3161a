#include "ugc/api/bundle_requests.hpp"

#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

void add_niche_warming_fields(Json& body, const std::string& instructions) {
  if (instructions.empty()) return;
  body["wants_niche_warming"] = true;
  body["niche_warming_instructions"] = instructions;
}

}  // namespace

const char* to_string(BundleType type) {
  switch (type) {
    case BundleType::account_only: return "account_only";
    case BundleType::account_and_videos: return "account_and_videos";
    case BundleType::videos_only: return "videos_only";
  }
  return "account_only";
}

Request to_request(const CreateBundleRequest& r) {
  Json body;
  body["bundle_type"] = to_string(r.bundle_type);
  body["platform"] = r.platform;
  body["country"] = r.country;
  if (r.videos_quantity > 0) body["videos_quantity"] = r.videos_quantity;
  if (!r.title.empty()) body["title"] = r.title;
  if (!r.external_ref.empty()) body["external_ref"] = r.external_ref;
  add_niche_warming_fields(body, r.niche_warming_instructions);
  return Request::post(paths::bundles(), std::move(body), "");
}

Request to_request(const CreateBundlesBulkRequest& r) {
  Json body;
  body["platforms"] = r.platforms;
  body["country"] = r.country;
  body["accounts_count"] = r.accounts_count;
  body["upload_accounts_count"] = r.upload_accounts_count;
  body["videos_per_account"] = r.videos_per_account;
  add_niche_warming_fields(body, r.niche_warming_instructions);
  return Request::post(paths::bundles_bulk(), std::move(body), "");
}

Request to_request(const UpdateBundleRequest& r) {
  Json body = Json::object();
  if (r.title) body["title"] = *r.title;
  if (r.external_ref) body["external_ref"] = *r.external_ref;
  return Request::patch(paths::bundle(r.bundle_id), std::move(body), "");
}

Request to_request(const AddVideoSlotsRequest& r) {
  return Request::post(paths::bundle_add_video_slots(r.bundle_id), Json{{"quantity", r.quantity}}, "");
}

int add_video_slots_quantity(const Json& body) {
  if (!body.is_object()) return 0;
  auto quantity = body.find("quantity");
  return quantity != body.end() && quantity->is_number_integer() ? quantity->get<int>() : 0;
}

Request to_request(const PublishBundleRequest& r) {
  return Request::post(paths::bundle_publish(r.bundle_id), std::nullopt, "");
}

}  // namespace ugc::api
