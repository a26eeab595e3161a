// Control routes of the lifecycle (no auth, like every /__sim route):
//   POST /__sim/ban             {"bundle_id"} or {"account_id": saved id}
//   POST /__sim/remake          {"bundle_id"}
//   POST /__sim/cancel          {"bundle_id", "reason"?}  (default reason "cancelled_by_tokportal")
//   POST /__sim/corrections     {"bundle_id", "position"?: int, "comment"?}
//   POST /__sim/lifecycle/run   {}  (advance to now; answers the step count)
// A fault that does not apply answers 409 SIM_FAULT_NOT_APPLICABLE (lifecycle_faults.hpp).
#include "ugc/sim/fields.hpp"
#include "ugc/sim/lifecycle.hpp"
#include "ugc/sim/lifecycle_faults.hpp"
#include "ugc/sim/routes.hpp"

namespace ugc::sim {
namespace {

// The bundle `id` in any tenant (control routes carry no key): 404 otherwise.
std::pair<Tenant*, Bundle*> find_bundle_in_any_tenant(World& world, const std::string& id) {
  for (auto& [hash, tenant] : world.tenants) {
    if (Bundle* b = tenant.bundle(id)) return {&tenant, b};
  }
  fail(404, "BUNDLE_NOT_FOUND", "Bundle not found", Json{{"bundle_id", id}});
}

Reply lifecycle_fault_reply(const std::string& error, Json data) {
  if (!error.empty()) return Reply::error(409, "SIM_FAULT_NOT_APPLICABLE", error);
  return Reply::data(std::move(data));
}

Reply ban_route(Call& call) {
  const Json& body = fields::object_body(call);
  fields::reject_unknown(body, {"bundle_id", "account_id"});
  auto bundle_id = fields::opt_string(body, "bundle_id");
  auto account_id = fields::opt_string(body, "account_id");
  if (!bundle_id && !account_id) fields::invalid("bundle_id", "give bundle_id or account_id");
  if (bundle_id) {
    auto [tenant, b] = find_bundle_in_any_tenant(call.world, *bundle_id);
    const auto& saved = b->creates_account() ? b->saved_account_id : b->account_id;
    if (!saved) return lifecycle_fault_reply("bundle " + *bundle_id + " has no delivered account yet", nullptr);
    const std::string id = *saved;
    return lifecycle_fault_reply(inject_ban(call.world, *tenant, id), Json{{"saved_account_id", id}, {"banned", true}});
  }
  for (auto& [hash, tenant] : call.world.tenants) {
    if (tenant.saved_accounts.count(*account_id))
      return lifecycle_fault_reply(inject_ban(call.world, tenant, *account_id),
                                   Json{{"saved_account_id", *account_id}, {"banned", true}});
  }
  fail(404, "SAVED_ACCOUNT_NOT_FOUND", "Delivered account not found", Json{{"account_id", *account_id}});
}

Reply remake_route(Call& call) {
  const Json& body = fields::object_body(call);
  fields::reject_unknown(body, {"bundle_id"});
  auto [tenant, b] = find_bundle_in_any_tenant(call.world, fields::req_string(body, "bundle_id"));
  std::string error = inject_remake(call.world, *tenant, *b);
  return lifecycle_fault_reply(error,
                               Json{{"bundle_id", b->id}, {"saved_account_id", b->saved_account_id.value_or("")}});
}

Reply cancel_route(Call& call) {
  const Json& body = fields::object_body(call);
  fields::reject_unknown(body, {"bundle_id", "reason"});
  auto [tenant, b] = find_bundle_in_any_tenant(call.world, fields::req_string(body, "bundle_id"));
  const std::string reason = fields::opt_string(body, "reason", 200, 1).value_or("cancelled_by_tokportal");
  std::string error = inject_cancel(call.world, *tenant, *b, reason);
  return lifecycle_fault_reply(error, Json{{"bundle_id", b->id}, {"status", b->status}, {"reason", reason}});
}

Reply corrections_route(Call& call) {
  const Json& body = fields::object_body(call);
  fields::reject_unknown(body, {"bundle_id", "position", "comment"});
  auto [tenant, b] = find_bundle_in_any_tenant(call.world, fields::req_string(body, "bundle_id"));
  const int position = static_cast<int>(fields::opt_int(body, "position", 1, 100000).value_or(0));
  const std::string comment = fields::opt_string(body, "comment", 2000).value_or("Corrections requested (ugc sim)");
  if (position > 0 && !b->slot(position))
    fail(404, "VIDEO_NOT_FOUND", "No slot at that position", Json{{"position", position}});
  std::string error = inject_corrections(call.world, *tenant, *b, position, comment);
  return lifecycle_fault_reply(error, Json{{"bundle_id", b->id},
                                           {"position", position ? Json(position) : Json(nullptr)},
                                           {"status", "pending_corrections"}});
}

}  // namespace

void register_lifecycle_control_routes(Router& router, const ManagerTimings& timings) {
  router.control("POST", "/__sim/ban", ban_route);
  router.control("POST", "/__sim/remake", remake_route);
  router.control("POST", "/__sim/cancel", cancel_route);
  router.control("POST", "/__sim/corrections", corrections_route);
  router.control("POST", "/__sim/lifecycle/run", [timings](Call& call) {
    const int steps = advance_lifecycle(call.world, call.world.now(), timings);
    return Reply::data(Json{{"steps", steps}, {"now", call.world.now_iso()}});
  });
}

}  // namespace ugc::sim
