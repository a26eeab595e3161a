#include "ugc/api/paths.hpp"

namespace ugc::api::paths {

std::string bundles() { return "/bundles"; }
std::string bundles_bulk() { return "/bundles/bulk"; }
std::string bundle(std::string_view id) { return "/bundles/" + std::string(id); }
std::string bundle_publish(std::string_view id) { return bundle(id) + "/publish"; }
std::string bundle_publish_readiness(std::string_view id) { return bundle(id) + "/publish-readiness"; }
std::string bundle_add_video_slots(std::string_view id) { return bundle(id) + "/add-video-slots"; }
std::string bundle_account(std::string_view id) { return bundle(id) + "/account"; }
std::string bundle_videos(std::string_view id) { return bundle(id) + "/videos"; }
std::string bundle_videos_batch(std::string_view id) { return bundle(id) + "/videos/batch"; }
std::string bundle_videos_publish_all(std::string_view id) { return bundle(id) + "/videos/publish-all"; }
std::string bundle_video(std::string_view id, int position) {
  return bundle(id) + "/videos/" + std::to_string(position);
}
std::string bundle_video_unschedule(std::string_view id, int position) {
  return bundle_video(id, position) + "/unschedule";
}

std::string upload_video() { return "/upload/video"; }
std::string upload_video_direct() { return "/upload/video/direct"; }
std::string upload_image_direct() { return "/upload/image/direct"; }
std::string upload_image_from_url() { return "/upload/image/from-url"; }

std::string webhooks() { return "/webhooks"; }
std::string webhook_events() { return "/webhooks/events"; }
std::string webhook(std::string_view id) { return "/webhooks/" + std::string(id); }
std::string webhook_test(std::string_view id) { return webhook(id) + "/test"; }
std::string webhook_deliveries(std::string_view id) { return webhook(id) + "/deliveries"; }
std::string webhook_delivery_retry(std::string_view id, std::string_view delivery_id) {
  return webhook_deliveries(id) + "/" + std::string(delivery_id) + "/retry";
}

std::string account_bans() { return "/account-bans"; }

std::string account_analytics(std::string_view account_id) {
  return "/accounts/" + std::string(account_id) + "/analytics";
}
std::string account_video_analytics(std::string_view account_id) { return account_analytics(account_id) + "/videos"; }
std::string account_analytics_can_refresh(std::string_view account_id) {
  return account_analytics(account_id) + "/can-refresh";
}
std::string account_analytics_refresh(std::string_view account_id) {
  return account_analytics(account_id) + "/refresh";
}

std::string credit_costs() { return "/credit-costs"; }
std::string credits_balance() { return "/credits/balance"; }

}  // namespace ugc::api::paths
