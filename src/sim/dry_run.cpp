#include "ugc/sim/dry_run.hpp"

namespace ugc::sim {

bool wants_dry_run(const httplib::Request& req) {
  return is_write_method(req.method) && req.get_header_value("X-TokPortal-Dry-Run") == "true";
}

Reply run_dry(const Route& route, Call& call, Tenant& tenant, World& world) {
  Tenant saved = tenant;
  auto id_rng = world.id_rng;
  Reply reply = run_handler(route, call);
  tenant = std::move(saved);
  world.id_rng = id_rng;
  return reply;
}

}  // namespace ugc::sim
