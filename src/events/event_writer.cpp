#include "ugc/events/event_writer.hpp"

#include <optional>

#include "ugc/events/forward_order.hpp"
#include "ugc/events/lifecycle_update.hpp"
#include "ugc/state/events.hpp"
#include "ugc/state/outbox.hpp"

namespace ugc::events {

struct EventWriter::Pending {
  const WebhookEvent* event;
  std::optional<Result<Recorded>> outcome;  // set by the writer, under mu_
};

EventWriter::EventWriter(state::Store& store, std::vector<std::string> forward_targets)
    : store_(store), forward_targets_(std::move(forward_targets)), thread_([this] { run(); }) {}

EventWriter::~EventWriter() {
  {
    std::lock_guard hold(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  thread_.join();
}

Result<Recorded> EventWriter::record(const WebhookEvent& event) {
  Pending pending{&event, std::nullopt};
  std::unique_lock hold(mu_);
  if (committed_ids_.count(event.id)) return Recorded::duplicate;
  if (stopping_) return io_error("the event writer is shutting down");
  queue_.push_back(&pending);
  work_.notify_one();
  done_.wait(hold, [&] { return pending.outcome.has_value(); });
  return std::move(*pending.outcome);
}

std::size_t EventWriter::commits() const {
  std::lock_guard hold(mu_);
  return commits_;
}

void EventWriter::run() {
  std::unique_lock hold(mu_);
  for (;;) {
    work_.wait(hold, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to write
    std::deque<Pending*> batch;
    batch.swap(queue_);
    hold.unlock();
    commit_batch(batch);
    hold.lock();
    ++commits_;
    done_.notify_all();
  }
}

// One event inside the batch's transaction. A new event's outbox rows and the
// state it changes join that transaction: stored means queued and applied.
Result<Recorded> EventWriter::record_in_transaction(const WebhookEvent& event) {
  auto inserted = state::record_event(store_, event.id, event.type, event.envelope);
  if (!inserted) return inserted.error();
  if (!*inserted) return Recorded::duplicate;
  UGC_TRY(state::enqueue_forward(store_, forward_targets_, event.id, forward_order_key(event)));
  UGC_TRY(apply_lifecycle_event(store_, event));
  return Recorded::stored;
}

// Runs without mu_ (callers keep queueing meanwhile); writes the outcomes
// under it, so a waiting caller sees its outcome whole.
void EventWriter::commit_batch(std::deque<Pending*>& batch) {
  std::vector<Result<Recorded>> outcomes;
  outcomes.reserve(batch.size());
  auto fail_all = [&](const Error& error) {
    outcomes.assign(batch.size(), Result<Recorded>(error.with_context("recording webhook events")));
  };
  auto tx = store_.begin();
  if (!tx) {
    fail_all(tx.error());
  } else {
    for (Pending* p : batch) {
      auto recorded = record_in_transaction(*p->event);
      if (!recorded) {
        fail_all(recorded.error());
        break;
      }
      outcomes.push_back(*recorded);
    }
    if (outcomes.size() == batch.size() && outcomes.front().ok()) {
      if (auto committed = tx->commit(); !committed) fail_all(committed.error());
    }
  }
  std::lock_guard hold(mu_);
  if (committed_ids_.size() + batch.size() > kRememberedIds) committed_ids_.clear();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (outcomes[i].ok()) committed_ids_.insert(batch[i]->event->id);
    batch[i]->outcome = std::move(outcomes[i]);
  }
}

}  // namespace ugc::events
