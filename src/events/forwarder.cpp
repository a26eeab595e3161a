#include "ugc/events/forwarder.hpp"

#include <spdlog/spdlog.h>

#include <set>
#include <utility>

#include "ugc/events/forward_backoff.hpp"
#include "ugc/state/outbox.hpp"

namespace ugc::events {

Forwarder::Forwarder(state::Store& store, std::vector<std::unique_ptr<ForwardTarget>> targets,
                     std::shared_ptr<Clock> clock, ForwarderOptions options)
    : store_(store), targets_(std::move(targets)), clock_(std::move(clock)), options_(options), rng_(options.seed) {}

Forwarder::~Forwarder() { stop(); }

std::vector<std::string> Forwarder::target_names() const {
  std::vector<std::string> names;
  for (const auto& t : targets_) names.push_back(t->name());
  return names;
}

ForwardTarget* Forwarder::target_named(const std::string& name) const {
  for (const auto& t : targets_)
    if (t->name() == name) return t.get();
  return nullptr;
}

Result<std::size_t> Forwarder::deliver_due() {
  const auto rows = state::due_outbox_rows(store_, target_names(), clock_->wall_now(), options_.batch);
  if (!rows) return rows.error();
  std::set<std::pair<std::string, std::string>> held;  // (target, order key) that failed this pass
  std::vector<state::OutboxOutcome> outcomes;
  std::size_t attempts = 0;
  for (const state::OutboxRow& row : *rows) {
    if (stopping_) break;
    const auto paused = paused_until_.find(row.target);
    if (paused != paused_until_.end() && paused->second > clock_->monotonic_now()) continue;
    if (held.count({row.target, row.order_key})) continue;
    ForwardTarget* target = target_named(row.target);
    if (!target) continue;
    ++attempts;
    const Status sent = target->send({row.event_id, row.event_type, row.payload.dump(), row.attempts + 1});
    if (sent.ok()) {
      outcomes.push_back({row.id, true, {}, {}});
      ++counts_.delivered;
      continue;
    }
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
    const auto wait = forward_backoff(row.attempts + 1, options_.first_delay, options_.max_delay, jitter);
    outcomes.push_back({row.id, false, clock_->wall_now() + wait, sent.error().message()});
    held.insert({row.target, row.order_key});
    if (sent.error().kind() == ErrorKind::transient) paused_until_[row.target] = clock_->monotonic_now() + wait;
    ++counts_.failed;
    spdlog::debug("forwarding {} to {} failed (attempt {}), next in {} ms: {}", row.event_id, row.target,
               row.attempts + 1, wait.count(), sent.error().message());
  }
  UGC_TRY(state::settle_outbox(store_, outcomes).context("recording forwarding outcomes"));
  return attempts;
}

void Forwarder::start() {
  if (targets_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void Forwarder::stop() {
  {
    std::lock_guard hold(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Forwarder::run() {
  while (!stopping_) {
    auto attempted = deliver_due();
    if (!attempted) spdlog::warn("forwarding: {}", attempted.error().message());
    if (attempted && *attempted > 0) continue;
    std::unique_lock hold(mu_);
    wake_.wait_for(hold, options_.idle_poll, [this] { return stopping_.load(); });
  }
}

}  // namespace ugc::events
