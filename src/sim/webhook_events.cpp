#include "ugc/sim/webhook_events.hpp"

#include <algorithm>

namespace ugc::sim {

const std::vector<WebhookEventType>& webhook_event_catalog() {
  static const std::vector<WebhookEventType> catalog = {
      {"webhook.test", "Sent by POST /webhooks/{id}/test.", true},
      {"bundle.created", "A bundle was created.", true},
      {"bundle.published", "A bundle was published to the managers.", true},
      {"bundle.cancelled", "A bundle was cancelled (typically by a validated ban).", true},
      {"bundle.archived", "A bundle was archived.", false},
      {"account.configured", "The bundle account profile was configured.", true},
      {"account.published", "The bundle account was sent to a manager.", true},
      {"account.in_review", "The account was created and delivered; awaiting review.", true},
      {"account.pending_corrections", "Corrections were requested on the account.", true},
      {"account.finalized", "The account was finalized.", true},
      {"account.remade", "The account was rebuilt after a ban; new saved_account_id.", true},
      {"account.banned", "A ban on the delivered account was validated.", true},
      {"account.ban_appeal.submitted", "A ban appeal was submitted.", false},
      {"account.ban_appeal.resolved", "A ban appeal was resolved.", false},
      {"account.ban_resolution.decided", "Staff decided a ban resolution.", false},
      {"video.configured", "A video slot was configured.", true},
      {"video.in_review", "A video was posted; awaiting review.", true},
      {"video.published", "A video slot was sent to the manager.", true},
      {"video.pending_corrections", "Corrections were requested on a video.", true},
      {"video.finalized", "A posted video was finalized.", true},
      {"video.not_recommended", "The platform marked a video not recommended.", false},
      {"video.ai_labeled", "The platform labeled a video as AI content.", false},
      {"video.sound_restricted", "The platform restricted a video's sound.", false},
      {"account.distribution_warning", "The platform limited an account's distribution.", false},
      {"warming.session_started", "A warming session started.", false},
      {"warming.term_verified", "A warming term was verified.", false},
      {"warming.session_completed", "A warming session completed.", false},
      {"subscription.renewed", "Coverage was renewed.", false},
      {"subscription.lapsed", "Coverage lapsed.", false},
      {"subscription.cancelled", "Coverage was cancelled.", false},
      {"subscription.reactivated", "Coverage was reactivated.", false},
      {"subscription.ended", "Coverage ended (terminal).", false},
      {"account.revealed", "Credentials were revealed; carries management_ended.", false},
      {"credits.restored", "Coverage credits were restored after a ban.", false},
  };
  return catalog;
}

bool is_known_webhook_event(std::string_view type) {
  const auto& c = webhook_event_catalog();
  return std::any_of(c.begin(), c.end(), [&](const WebhookEventType& e) { return e.type == type; });
}

namespace {

Json example_payload(std::string_view type) {
  Json data = Json::object();
  if (type == "webhook.test") {
    data["message"] = "This is a test event from the TokPortal simulator.";
  } else if (type.starts_with("bundle.")) {
    data = {{"bundle_id", "5f0c6d1e-0000-4000-8000-000000000001"}, {"status", "published"}};
  } else if (type.starts_with("account.")) {
    data = {{"bundle_id", "5f0c6d1e-0000-4000-8000-000000000001"},
            {"account_id", "5f0c6d1e-0000-4000-8000-000000000002"},
            {"saved_account_id", "5f0c6d1e-0000-4000-8000-000000000003"},
            {"status", "in_review"}};
  } else if (type.starts_with("video.")) {
    data = {{"bundle_id", "5f0c6d1e-0000-4000-8000-000000000001"},
            {"video_id", "5f0c6d1e-0000-4000-8000-000000000004"},
            {"position", 1},
            {"status", "in_review"}};
  }
  return {{"id", "evt_00000000000000000000000000000000"},
          {"type", type},
          {"api_version", "2026-05-25"},
          {"created_at", "2026-05-25T12:00:00Z"},
          {"data", data}};
}

}  // namespace

Json webhook_catalog_json() {
  Json events = Json::array();
  for (const auto& e : webhook_event_catalog()) {
    events.push_back({{"type", e.type},
                      {"description", e.description},
                      {"emitted", e.emitted},
                      {"example_payload", example_payload(e.type)}});
  }
  return {
      {"events", events},
      {"envelope",
       {{"fields", {"id", "type", "api_version", "created_at", "data"}},
        {"description", "JSON object POSTed to the endpoint URL"}}},
      {"delivery",
       {{"method", "POST"},
        {"headers", {"TokPortal-Event-Id", "TokPortal-Event-Type", "TokPortal-Signature"}},
        {"success", "any 2xx answer"},
        {"retries", "non-2xx answers and network errors are retried with exponential backoff"}}},
      {"signature",
       {{"header", "TokPortal-Signature"},
        {"format", "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256>"},
        {"signed_payload", "<t>.<raw request body>"},
        {"key", "signing_secret as UTF-8 bytes"},
        {"tolerance_seconds", 300}}},
  };
}

}  // namespace ugc::sim
