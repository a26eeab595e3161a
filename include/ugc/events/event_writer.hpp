#pragma once
// EventWriter: records received events in the state store with group commit.
// Request threads call record(), which blocks until the event is durable;
// one writer thread takes everything queued, writes it in one transaction
// (one fsync, synchronous=FULL) and then wakes the waiting callers. So each
// event is on disk before its caller answers 2xx, and a burst of deliveries
// costs one commit per batch rather than one per event.
//
// A new event also updates the state it is about (apply_lifecycle_event,
// ugc/events/lifecycle_update.hpp) in the same transaction, so an event is
// recorded and applied together or not at all; a duplicate changes nothing.
//
// Deduplication is the store's: events.event_id is the primary key, so a
// replay (in the same batch, later, or after a restart) records nothing. Ids
// this writer committed are also remembered (up to kRememberedIds), so that
// a redelivery of one is answered without waiting for the next commit.
// With forwarding targets (`--forward`, `--on-event`), each newly stored event
// also gets one outbox row per target in the same transaction
// (ugc/state/outbox.hpp); a duplicate gets none.
// Thread-safe. The store must outlive the writer; nothing else should write
// to it meanwhile from this process (the store serialises calls anyway).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/events/webhook_event.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

// What happened to one recorded event.
enum class Recorded { stored, duplicate };

class EventWriter {
 public:
  static constexpr std::size_t kRememberedIds = 100000;

  explicit EventWriter(state::Store& store, std::vector<std::string> forward_targets = {});
  ~EventWriter();  // finishes the queued events, then stops
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  // Blocks until `event` is committed (stored, or known already) or the
  // commit failed (an io error: the caller answers 5xx and TokPortal retries).
  Result<Recorded> record(const WebhookEvent& event);

  // Commits so far (a batch is one), for the tests and the logs.
  std::size_t commits() const;

 private:
  struct Pending;
  void run();
  void commit_batch(std::deque<Pending*>& batch);
  Result<Recorded> record_in_transaction(const WebhookEvent& event);

  state::Store& store_;
  const std::vector<std::string> forward_targets_;  // outbox labels
  mutable std::mutex mu_;
  std::condition_variable work_, done_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::size_t commits_ = 0;
  std::unordered_set<std::string> committed_ids_;  // a cache: the table is the authority
  std::thread thread_;
};

}  // namespace ugc::events
