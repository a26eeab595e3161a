#include "ugc/sim/routes.hpp"

namespace ugc::sim {

void register_all_routes(Router& router, World& world, ServerHooks& hooks, Faults& faults) {
  register_reference_routes(router, world, hooks);
  register_bundle_routes(router, world, hooks);
  register_account_routes(router, world, hooks);
  register_video_routes(router, world, hooks);
  register_saved_account_routes(router, world, hooks);
  register_account_ban_routes(router, world, hooks);
  register_control_routes(router, world, hooks, faults);
  register_webhook_routes(router, world, hooks);
  register_analytics_routes(router, world, hooks);
  register_upload_routes(router, world, hooks);
  install_lifecycle(router, world, hooks);
}

}  // namespace ugc::sim
