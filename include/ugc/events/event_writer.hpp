#pragma once
// EventWriter: records received events in the state store with group commit.
// Request threads call record(), which blocks until the event is durable;
// one writer thread takes everything queued, writes it in one transaction
// (one fsync, synchronous=FULL) and then wakes the waiting callers. So each
// event is on disk before its caller answers 2xx, and a burst of deliveries
// costs one commit per batch rather than one per event.
//
// Deduplication is the store's: events.event_id is the primary key, so a
// replay (in the same batch, later, or after a restart) records nothing.
// Thread-safe. The store must outlive the writer; nothing else should write
// to it meanwhile from this process (the store serialises calls anyway).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>

#include "ugc/core/result.hpp"
#include "ugc/events/webhook_event.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

// What happened to one recorded event.
enum class Recorded { stored, duplicate };

class EventWriter {
 public:
  explicit EventWriter(state::Store& store);
  ~EventWriter();  // finishes the queued events, then stops
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  // Blocks until `event` is committed (stored, or known already) or the
  // commit failed (an io error: the caller answers 5xx and TokPortal retries).
  Result<Recorded> record(const WebhookEvent& event);

  // Commits so far and the events in them, for the bench and the logs.
  std::size_t commits() const;

 private:
  struct Pending;
  void run();
  void commit_batch(std::deque<Pending*>& batch);

  state::Store& store_;
  mutable std::mutex mu_;
  std::condition_variable work_, done_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::size_t commits_ = 0;
  std::thread thread_;
};

}  // namespace ugc::events
