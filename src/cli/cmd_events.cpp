// ugc events list [--pending]: the events `ugc webhooks serve` recorded, newest
// first, or (--pending) the outbox rows not yet taken by a forwarding target,
// oldest first, with their attempts, next attempt and last error
// (docs/lifecycle.md, "Forwarding to your tracker"). Read-only: it never
// creates or changes the state file, and runs while the receiver does.
#include <cstdio>
#include <iostream>

#include "ugc/cli/command.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/state/events.hpp"
#include "ugc/state/outbox.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

struct EventsListFlags {
  std::string state = ".ugc/state.db";
  std::string format = "text";
  bool pending = false;
  int limit = 100;
};

OrderedJson pending_row_json(const state::OutboxRow& row) {
  return OrderedJson{{"target", row.target},         {"event_id", row.event_id},
                     {"type", row.event_type},       {"order_key", row.order_key},
                     {"attempts", row.attempts},     {"next_attempt_at", row.next_attempt_at},
                     {"last_error", row.last_error}, {"queued_at", row.created_at}};
}

Result<int> list_pending(state::Store& store, const EventsListFlags& f) {
  auto rows = state::pending_outbox(store, f.limit);
  if (!rows) return rows.error();
  if (f.format == "json") {
    OrderedJson doc = OrderedJson::array();
    for (const auto& row : *rows) doc.push_back(pending_row_json(row));
    std::cout << doc.dump(2) << "\n";
    return kExitOk;
  }
  if (rows->empty()) std::printf("nothing pending: every recorded event reached its targets\n");
  for (const auto& row : *rows) {
    std::printf("%s %s -> %s  attempts %d, next %s\n", row.event_id.c_str(), row.event_type.c_str(),
                row.target.c_str(), row.attempts, row.next_attempt_at.c_str());
    if (!row.last_error.empty()) std::printf("    last error: %s\n", row.last_error.c_str());
  }
  return kExitOk;
}

Result<int> list_events(state::Store& store, const EventsListFlags& f) {
  auto events = state::recent_events(store, f.limit);
  if (!events) return events.error();
  if (f.format == "json") {
    OrderedJson doc = OrderedJson::array();
    for (const auto& e : *events)
      doc.push_back(OrderedJson{{"event_id", e.event_id}, {"type", e.type}, {"received_at", e.received_at},
                                {"payload", OrderedJson::parse(e.payload.dump())}});
    std::cout << doc.dump(2) << "\n";
    return kExitOk;
  }
  if (events->empty()) std::printf("no events recorded\n");
  for (const auto& e : *events)
    std::printf("%s  %-28s %s\n", e.received_at.c_str(), e.type.c_str(), e.event_id.c_str());
  return kExitOk;
}

}  // namespace

CommandRun define_events(CLI::App& sub, std::shared_ptr<Clock> clock) {
  sub.require_subcommand(1);
  CLI::App* list = sub.add_subcommand("list", "List recorded events, or (--pending) events not yet forwarded");
  auto f = std::make_shared<EventsListFlags>();
  add_state_option(*list, f->state, "State");
  list->add_option("--format", f->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  list->add_flag("--pending", f->pending,
                 "Outbox rows not yet taken by a --forward/--on-event target (attempts, next attempt, last error)");
  list->add_option("--limit", f->limit, "At most this many rows")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  return [f, clock]() -> Result<int> {
    auto store = state::Store::open(f->state, {state::Access::read_only}, clock);
    if (!store) return store.error();
    return f->pending ? list_pending(*store, *f) : list_events(*store, *f);
  };
}

}  // namespace ugc::cli
