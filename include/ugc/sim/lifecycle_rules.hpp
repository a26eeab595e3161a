#pragma once
// The manager simulation as pure functions over a Bundle (docs/tokportal-api.md §8,
// checklist §11.8). `next_manager_step` answers "what does the manager do next
// on this bundle, and at what simulated time"; the driver (lifecycle.hpp)
// applies every step that is due, in time order, and emits the events. Nothing
// here touches the clock, the world or the network.
//
// Timestamps live in the `ext` Json of the bundle, account and slot, as Unix
// seconds, under the keys named in `lifecycle_keys` below; the publish time is
// the bundle's/slot's `published_at` ISO string set by the publish routes.
//
// The manager's timing (all inferred; docs/sim.md):
//   published bundle  -- accept_after -->          accepted (its published slots too)
//   accepted bundle   -- account_delivery_after --> account in_review (saved account created)
//   account in_review -- review_window (72 h) -->   account finalized (auto-finalize)
//   pending_corrections -- corrections_turnaround --> in_review again (account or slot)
//   slot published on an accepted bundle -- accept_after --> accepted
//   accepted slot     --> in_review at post_time_of_day on its target start date
//                         (not before the account is delivered)
//   slot in_review    --> finalized at once when auto_finalize_videos, else after review_window
//   accepted bundle   --> completed when the account (if any) and every slot are
//                         finalized or cancelled (a pending/configured slot keeps it open)
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct ManagerTimings {
  std::chrono::seconds accept_after{std::chrono::hours(2)};
  std::chrono::seconds account_delivery_after{std::chrono::hours(24)};
  std::chrono::seconds review_window{std::chrono::hours(72)};
  std::chrono::seconds corrections_turnaround{std::chrono::hours(24)};
  std::chrono::seconds post_time_of_day{std::chrono::hours(12)};
};

namespace lifecycle_keys {
inline constexpr const char* accepted_at = "accepted_at";        // bundle, slot
inline constexpr const char* in_review_at = "in_review_at";      // account, slot (latest submission)
inline constexpr const char* delivered_at = "delivered_at";      // account: first in_review
inline constexpr const char* posted_at = "posted_at";            // slot: first in_review
inline constexpr const char* corrections_at = "corrections_at";  // account, slot
inline constexpr const char* finalized_at = "finalized_at";      // account, slot
inline constexpr const char* completed_at = "completed_at";      // bundle
inline constexpr const char* published_at = "published_seen_at";  // bundle, slot: when first seen published
}  // namespace lifecycle_keys

enum class StepKind {
  bundle_accepted,
  account_in_review,
  account_finalized,
  slot_accepted,
  slot_in_review,
  slot_finalized,
  bundle_completed,
};
const char* to_string(StepKind kind);

struct ManagerStep {
  StepKind kind;
  TimePoint at;
  int position = 0;  // slot steps
};

// The earliest step the manager will take on `bundle`, or none when it waits
// on the client (or the bundle is terminal). Steps may be due in the past.
std::optional<ManagerStep> next_manager_step(const Bundle& bundle, const ManagerTimings& timings);

// Records the first time the driver sees a status whose timer it needs but
// that has no timestamp yet (e.g. corrections requested by a client route, a
// publish route that did not stamp): stamps `now`. Returns true if it changed anything.
bool stamp_observed_states(Bundle& bundle, TimePoint now);

// Whether the status values can move from `from` to `to` by any actor (client,
// manager, fault). For route guards and tests.
bool bundle_transition_allowed(std::string_view from, std::string_view to);
bool account_transition_allowed(std::string_view from, std::string_view to);
bool slot_transition_allowed(std::string_view from, std::string_view to);

// Unix-seconds helpers for `ext` timestamps; parse_iso8601 accepts
// "YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)".
std::optional<TimePoint> parse_iso8601(std::string_view text);
std::optional<TimePoint> ext_time(const Json& ext, const char* key);
void set_ext_time(Json& ext, const char* key, TimePoint t);

}  // namespace ugc::sim
