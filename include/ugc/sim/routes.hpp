#pragma once
// Every area of the simulator registers its routes here; SimServer calls
// register_all_routes once at start. One function per file:
//   routes_reference.cpp  /me, /countries, /platforms, /credit-costs, /credits/*   (SIM-CORE)
//   routes_bundles.cpp    /bundles, /bundles/bulk, /bundles/{id}[/publish|...]    (SIM-CORE)
//   routes_account.cpp    /bundles/{id}/account                                   (SIM-CORE)
//   routes_videos.cpp     /bundles/{id}/videos/...                                (SIM-CORE)
//   routes_accounts.cpp   /accounts, /accounts/{id}                               (SIM-CORE)
//   routes_control.cpp    /__sim/clock, /__sim/ledger, /__sim/requests, /__sim/faults (SIM-CORE)
//   routes_webhooks.cpp   /webhooks...                                            (SIM-LIFE)
//   routes_analytics.cpp  analytics endpoints                                     (SIM-LIFE)
//   routes_uploads.cpp    /upload/...                                             (SIM-LIFE)
//   lifecycle.cpp         manager simulation: clock listener, ticker, and the two below (SIM-LIFE)
//   routes_review.cpp     /bundles/{id}/account|videos/{position} finalize, corrections (SIM-LIFE)
//   routes_lifecycle_control.cpp  /__sim/ban, /__sim/remake, /__sim/cancel, /__sim/corrections, /__sim/lifecycle/run
//   routes_webhook_control.cpp    /__sim/redeliver
//   routes_account_bans.cpp       /account-bans
#include <memory>

#include "ugc/sim/router.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct Faults;
struct ManagerTimings;
class WebhookDispatcher;

void register_reference_routes(Router& router, World& world, ServerHooks& hooks);
void register_bundle_routes(Router& router, World& world, ServerHooks& hooks);
void register_account_routes(Router& router, World& world, ServerHooks& hooks);
void register_video_routes(Router& router, World& world, ServerHooks& hooks);
void register_saved_account_routes(Router& router, World& world, ServerHooks& hooks);
void register_control_routes(Router& router, World& world, ServerHooks& hooks, Faults& faults);
// SIM-LIFE:
void register_webhook_routes(Router& router, World& world, ServerHooks& hooks);
// Registered by register_webhook_routes, with its dispatcher:
void register_webhook_control_routes(Router& router, const std::shared_ptr<WebhookDispatcher>& dispatcher);
void register_account_ban_routes(Router& router, World& world, ServerHooks& hooks);
void register_analytics_routes(Router& router, World& world, ServerHooks& hooks);
void register_upload_routes(Router& router, World& world, ServerHooks& hooks);
void install_lifecycle(Router& router, World& world, ServerHooks& hooks);
// Registered by install_lifecycle, with the manager timings it parsed:
void register_review_routes(Router& router, const ManagerTimings& timings);
void register_lifecycle_control_routes(Router& router, const ManagerTimings& timings);

void register_all_routes(Router& router, World& world, ServerHooks& hooks, Faults& faults);

}  // namespace ugc::sim
