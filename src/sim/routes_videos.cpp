#include "ugc/sim/routes.hpp"

namespace ugc::sim {

void register_video_routes(Router&, World&, ServerHooks&) {}

}  // namespace ugc::sim
