#pragma once
// Paths of the TokPortal operations ugc calls, relative to the base URL
// (docs/tokportal-api.md §3): the one place the client spells them.
//
// An `id` is inserted as given. Callers holding a real id pass
// path_segment(id) so it cannot change the path; the plan passes a
// placeholder ("{bundle:REF}") that apply replaces before sending.
#include <string>
#include <string_view>

namespace ugc::api::paths {

std::string bundles();                                  // /bundles
std::string bundles_bulk();                             // /bundles/bulk
std::string bundle(std::string_view id);                // /bundles/{id}
std::string bundle_publish(std::string_view id);        // /bundles/{id}/publish
std::string bundle_publish_readiness(std::string_view id);
std::string bundle_add_video_slots(std::string_view id);
std::string bundle_account(std::string_view id);        // /bundles/{id}/account
std::string bundle_videos(std::string_view id);         // /bundles/{id}/videos (the slot list)
std::string bundle_videos_batch(std::string_view id);   // /bundles/{id}/videos/batch
std::string bundle_videos_publish_all(std::string_view id);
std::string bundle_video(std::string_view id, int position);             // /bundles/{id}/videos/{position}
std::string bundle_video_unschedule(std::string_view id, int position);  // .../{position}/unschedule

std::string upload_video();           // presigned: /upload/video
std::string upload_video_direct();    // multipart
std::string upload_image_direct();    // multipart
std::string upload_image_from_url();  // JSON

std::string webhooks();                                   // /webhooks
std::string webhook_events();                             // /webhooks/events (the catalog)
std::string webhook(std::string_view id);                 // /webhooks/{id}
std::string webhook_test(std::string_view id);            // /webhooks/{id}/test
std::string webhook_deliveries(std::string_view id);      // /webhooks/{id}/deliveries
std::string webhook_delivery_retry(std::string_view id, std::string_view delivery_id);  // .../{delivery_id}/retry

std::string account_bans();  // /account-bans

// Analytics of a delivered (saved) account and its posts (§10.2-10.4).
std::string account_analytics(std::string_view account_id);              // /accounts/{id}/analytics
std::string account_video_analytics(std::string_view account_id);        // .../analytics/videos
std::string account_analytics_can_refresh(std::string_view account_id);  // .../analytics/can-refresh
std::string account_analytics_refresh(std::string_view account_id);      // .../analytics/refresh

std::string credit_costs();     // /credit-costs
std::string credits_balance();  // /credits/balance

}  // namespace ugc::api::paths
