#include "ugc/events/polled_bans.hpp"

namespace ugc::events {
namespace {

// The API version of the envelopes the receiver gets (§9.3).
constexpr const char* kPolledApiVersion = "2026-05-25";

Json polled_data(const api::AccountBan& ban, const std::string& external_ref, const Json& bundle) {
  auto from_bundle = [&bundle](const char* key) -> Json {
    if (bundle.is_object())
      if (auto it = bundle.find(key); it != bundle.end()) return *it;
    return nullptr;
  };
  Json data{{"bundle_id", ban.bundle_id.empty() ? Json(nullptr) : Json(ban.bundle_id)},
            {"account_id", from_bundle("account_id")},
            {"saved_account_id", ban.account_id},
            {"external_ref", external_ref.empty() ? Json(nullptr) : Json(external_ref)},
            {"bundle_type", from_bundle("bundle_type")},
            {"platform", ban.platform.empty() ? from_bundle("platform") : Json(ban.platform)},
            {"country", from_bundle("country")},
            {"status", from_bundle("status")},
            {"account_status", from_bundle("account_status")},
            {"username", ban.username.empty() ? Json(nullptr) : Json(ban.username)},
            {"ban", ban.raw},
            {"source", "poll"}};
  return data;
}

WebhookEvent make_event(const std::string& type, const api::AccountBan& ban, const std::string& external_ref,
                       const Json& bundle) {
  WebhookEvent e;
  e.id = "poll:" + type + ":" + ban.id;
  e.type = type;
  const std::string& when = ban.updated_at.empty() ? ban.reported_at : ban.updated_at;
  e.api_version = kPolledApiVersion;
  e.created_at = when;
  e.envelope = Json{{"id", e.id},
                    {"type", type},
                    {"api_version", kPolledApiVersion},
                    {"created_at", when},
                    {"data", polled_data(ban, external_ref, bundle)}};
  return e;
}

}  // namespace

WebhookEvent banned_event(const api::AccountBan& ban, const std::string& external_ref, const Json& bundle) {
  return make_event("account.banned", ban, external_ref, bundle);
}

WebhookEvent resolution_event(const api::AccountBan& ban, const std::string& external_ref, const Json& bundle) {
  WebhookEvent e = make_event("account.ban_resolution.decided", ban, external_ref, bundle);
  if (ban.resolution) e.envelope["data"]["resolution"] = ban.raw.value("resolution", Json(nullptr));
  return e;
}

}  // namespace ugc::events
