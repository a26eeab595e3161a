#pragma once
// The forwarding outbox: events still to hand to the user's own targets
// (`ugc webhooks serve --forward URL` / `--on-event CMD`). A row names one
// target (a label such as "forward:https://..." or "on-event:CMD") and one
// recorded event; it is written in the same transaction that stores the event
// (so a stored event is never without its rows, nor a row without its event)
// and deleted only once the target took the event. Delivery is at-least-once:
// a crash between sending and deleting sends again.
//
// Order: rows of one target and one order_key (the event's bundle) are handed
// out oldest first, and a row is handed out only when every older row of its
// key is due too, so a failing event holds back the later events of its
// bundle and nothing else. Times are the caller's (wall clock, stored as ISO
// 8601 UTC with milliseconds, which sorts as time).
#include <string>
#include <utility>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

// One row, as listed (`ugc events list --pending`) or handed out for delivery.
struct OutboxRow {
  long long id = 0;
  std::string target;
  std::string event_id;
  std::string event_type;
  std::string order_key;
  int attempts = 0;
  std::string next_attempt_at;  // ISO 8601 UTC
  std::string last_error;
  std::string created_at;
  Json payload;  // the event's envelope (only from due_outbox_rows)
};

// Adds one row per target for a newly stored event, due at once. Joins the
// caller's transaction (the event writer's). An (event, target) pair already
// queued is left alone.
Status enqueue_forward(Store& store, const std::vector<std::string>& targets, const std::string& event_id,
                       const std::string& order_key);

// Up to `limit` rows of `targets` deliverable at `now`, in id order: due, and
// no older row of the same target and order_key waiting for a later time.
Result<std::vector<OutboxRow>> due_outbox_rows(Store& store, const std::vector<std::string>& targets,
                                               Clock::wall_time now, int limit);

// What became of one handed-out row.
struct OutboxOutcome {
  long long id = 0;
  bool delivered = false;
  Clock::wall_time next_attempt{};  // when not delivered
  std::string error;                // when not delivered (kept short)
};
// Deletes the delivered rows and reschedules the others (attempts + 1), in
// one transaction.
Status settle_outbox(Store& store, const std::vector<OutboxOutcome>& outcomes);

// Every pending row, oldest first, at most `limit` (no payloads).
Result<std::vector<OutboxRow>> pending_outbox(Store& store, int limit);

// How many rows are pending per target, for targets not in `configured`
// (rows left by an earlier run with other targets; they wait for that target).
Result<std::vector<std::pair<std::string, long long>>> orphaned_outbox_targets(
    Store& store, const std::vector<std::string>& configured);

}  // namespace ugc::state
