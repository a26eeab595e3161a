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
//   lifecycle.cpp         manager simulation: clock listeners, threads, /__sim controls (SIM-LIFE)
#include "ugc/sim/router.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct Faults;

void register_reference_routes(Router& router, World& world, ServerHooks& hooks);
void register_bundle_routes(Router& router, World& world, ServerHooks& hooks);
void register_account_routes(Router& router, World& world, ServerHooks& hooks);
void register_video_routes(Router& router, World& world, ServerHooks& hooks);
void register_saved_account_routes(Router& router, World& world, ServerHooks& hooks);
void register_control_routes(Router& router, World& world, ServerHooks& hooks, Faults& faults);
// SIM-LIFE:
void register_webhook_routes(Router& router, World& world, ServerHooks& hooks);
void register_analytics_routes(Router& router, World& world, ServerHooks& hooks);
void register_upload_routes(Router& router, World& world, ServerHooks& hooks);
void install_lifecycle(Router& router, World& world, ServerHooks& hooks);

void register_all_routes(Router& router, World& world, ServerHooks& hooks, Faults& faults);

}  // namespace ugc::sim
