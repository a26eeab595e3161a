#include "ugc/state/events.hpp"

#include "store_impl.hpp"
#include "ugc/core/log.hpp"

namespace ugc::state {

Result<bool> record_event(Store& store, const std::string& event_id, const std::string& type, const Json& payload) {
  if (event_id.empty()) return invalid_input("an event without an id cannot be deduplicated");
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto st = scope.db().cached(
      "INSERT INTO events (event_id, type, payload, received_at) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (event_id) DO NOTHING");
  if (!st) return st.error();
  (*st)->bind(1, event_id).bind(2, type);
  (*st)->bind(3, log::redact(payload.dump(-1, ' ', false, Json::error_handler_t::replace)));
  (*st)->bind(4, store.impl().now_iso());
  UGC_TRY((*st)->run().context("recording event " + event_id));
  const bool inserted = scope.db().changes() == 1;
  UGC_TRY(scope.commit());
  return inserted;
}

Result<std::vector<RecordedEvent>> recent_events(Store& store, int limit) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  auto st = impl.db->cached(
      "SELECT event_id, type, payload, received_at FROM events ORDER BY received_at DESC, rowid DESC LIMIT ?1");
  if (!st) return st.error();
  (*st)->bind(1, limit);
  std::vector<RecordedEvent> events;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading events");
    if (!*row) break;
    Json payload = Json::parse((*st)->text(2), nullptr, false);
    if (payload.is_discarded()) payload = (*st)->text(2);  // keep what was stored
    events.push_back({(*st)->text(0), (*st)->text(1), std::move(payload), (*st)->text(3)});
  }
  return events;
}

}  // namespace ugc::state
