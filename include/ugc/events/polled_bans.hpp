#pragma once
// Bans read from GET /account-bans, recorded as events like pushed webhook
// deliveries (docs/tokportal-api.md §8.4, §9.3): the envelope
// {id, type, api_version, created_at, data}, with a deterministic id
// "poll:account.banned:<ban id>" (and "poll:account.ban_resolution.decided:
// <ban id>" once the ban has a resolution), so polling twice, or a ban seen
// both by the poller and the receiver, is handled once per id.
#include <string>

#include "ugc/api/account_bans.hpp"
#include "ugc/core/json.hpp"
#include "ugc/events/webhook_event.hpp"

namespace ugc::events {

// The state's meta key holding the `since` watermark of the next poll.
inline constexpr const char* kBansWatermarkKey = "refresh.account_bans_since";

// `bundle` (optional, may be null): the bundle object of the banned account's
// bundle as the listing returned it, for the envelope's data fields;
// `external_ref`: its ref in the state ("" when unknown).
WebhookEvent banned_event(const api::AccountBan& ban, const std::string& external_ref, const Json& bundle);
// Only meaningful when ban.resolution is set.
WebhookEvent resolution_event(const api::AccountBan& ban, const std::string& external_ref, const Json& bundle);

}  // namespace ugc::events
