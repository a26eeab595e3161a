#pragma once
// Lifecycle updates: the one place where a TokPortal event becomes state
// (docs/tokportal-api.md §8, §9.2; docs/lifecycle.md). Called for every new
// event the webhook receiver records, and by pollers that record what they
// find as events of the same shape (a polled ban is an `account.banned`).
//
// What it writes, for the bundle the event names (by external_ref, else
// bundle id, else saved account id; an event about a bundle ugc does not know
// changes nothing):
// - bundle.*, account.*, video.*: the bundle status their data carries (the
//   only news of `accepted`); bundle.cancelled also its reason, and every
//   unfinished slot becomes cancelled (remembering its status);
// - account.*: the account status, username and saved_account_id;
//   account.banned marks the account banned and records the ban;
//   account.remade records the remake, and a bundle cancelled by the ban runs
//   again with its cancelled slots resumed;
// - video.*: the slot status, video id and post URL (slot by position);
// - every event: the bundle's last_event_at.
//
// Idempotent, and tolerant of any delivery order: each status carries the
// created_at of the event that set it, and an event older than that changes
// nothing (at the same instant, a status never moves back along §8's order).
// Unknown types and data it cannot read change nothing but are not errors;
// only a failed state write is. Joins the caller's transaction, if any.
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/events/webhook_event.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

Status apply_lifecycle_event(state::Store& store, const WebhookEvent& event);

// created_at as "YYYY-MM-DDTHH:MM:SS.mmmZ" when it reads as UTC ISO 8601, so
// that times compare as strings; anything else is returned as it is.
std::string normalized_event_time(const std::string& created_at);

}  // namespace ugc::events
