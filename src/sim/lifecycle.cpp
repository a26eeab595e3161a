#include "ugc/sim/lifecycle.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "ugc/sim/lifecycle_ticker.hpp"
#include "ugc/sim/manager_steps.hpp"
#include "ugc/sim/routes.hpp"

namespace ugc::sim {
namespace {

constexpr int kMaxStepsPerBundle = 100000;  // a bug guard, far above any real bundle

int advance_bundle(World& world, Tenant& tenant, Bundle& b, TimePoint now, const ManagerTimings& timings) {
  int applied = 0;
  stamp_observed_states(b, now);
  for (int guard = 0; guard < kMaxStepsPerBundle; ++guard) {
    auto step = next_manager_step(b, timings);
    if (!step || step->at > now) break;
    apply_manager_step(world, tenant, b, *step);
    ++applied;
  }
  return applied;
}

}  // namespace

int advance_lifecycle(World& world, TimePoint now, const ManagerTimings& timings) {
  int applied = 0;
  for (auto& [hash, tenant] : world.tenants) {
    const size_t first_new_event = tenant.events.size();
    for (const auto& id : tenant.bundle_order) {
      if (Bundle* b = tenant.bundle(id)) applied += advance_bundle(world, tenant, *b, now, timings);
    }
    // Bundles are walked one after another; keep the new events in time order.
    std::stable_sort(tenant.events.begin() + static_cast<long>(first_new_event), tenant.events.end(),
                     [](const Event& x, const Event& y) { return x.created_at < y.created_at; });
  }
  return applied;
}

void install_lifecycle(Router& router, World& world, ServerHooks& hooks) {
  auto parsed = lifecycle_options_from(hooks.options);
  if (!parsed.ok()) spdlog::warn("{}; using the default lifecycle options", parsed.error().message());
  const LifecycleOptions options = parsed.ok() ? *parsed : LifecycleOptions{};
  world.clock_listeners.push_back(
      [timings = options.timings](World& w, TimePoint, TimePoint to) { advance_lifecycle(w, to, timings); });
  auto ticker = std::make_shared<LifecycleTicker>(world, options);
  hooks.on_start.push_back([ticker] { ticker->start(); });
  hooks.on_stop.push_back([ticker] { ticker->stop(); });
  register_lifecycle_control_routes(router, options.timings);
  register_review_routes(router, options.timings);
}

}  // namespace ugc::sim
