// The client's review actions (docs/tokportal-api.md §5.10, §6.7): finalize, or ask
// for corrections on, an account / video the manager submitted (`in_review`):
//   POST /bundles/{id}/account/finalize, POST /bundles/{id}/account/corrections
//   POST /bundles/{id}/videos/{position}/finalize, .../{position}/corrections
// Other statuses answer 409 ACCOUNT_INVALID_STATUS / VIDEO_INVALID_STATUS with
// details.current_status; the manager resubmits corrections after
// corrections_hours, and a finalize runs the lifecycle at once (a bundle whose
// last item is finalized completes).
#include "ugc/sim/account_delivery.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/lifecycle.hpp"
#include "ugc/sim/lifecycle_events.hpp"
#include "ugc/sim/routes.hpp"
#include "ugc/sim/video_posting.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

Bundle& review_account_bundle(Call& c) {
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  if (!b.creates_account())
    fail(404, "ACCOUNT_NOT_FOUND", "videos_only bundles have no account step", Json{{"bundle_id", b.id}});
  return b;
}

void require_in_review(const std::string& status, const char* code) {
  if (status != "in_review")
    fail(409, code, "Only an item in review can be finalized or sent back for corrections",
         Json{{"current_status", status}});
}

// {comment (required), fields?}: echoed in the *.pending_corrections event.
Json read_corrections_request(Call& c) {
  const Json& body = fields::object_body(c);
  fields::reject_unknown(body, {"comment", "fields"});
  Json out = {{"comment", fields::req_string(body, "comment", 5000)}};
  if (body.contains("fields") && !body["fields"].is_null()) {
    if (!body["fields"].is_object()) fields::invalid("fields", "fields must be an object");
    out["fields"] = body["fields"];
  }
  return out;
}

Reply account_corrections_route(Call& c) {
  Json request = read_corrections_request(c);
  Bundle& b = review_account_bundle(c);
  require_in_review(b.account.status, "ACCOUNT_INVALID_STATUS");
  const TimePoint now = c.world.now();
  b.account.status = "pending_corrections";
  set_ext_time(b.account.ext, lifecycle_keys::corrections_at, now);
  b.account.ext["corrections"] = request;
  Json d = account_event_data(b);
  d.update(request);
  emit_at(c.world, *c.tenant, "account.pending_corrections", d, now);
  return Reply::data(bundle_account_json(b));
}

Reply video_corrections_route(Call& c) {
  Json request = read_corrections_request(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  VideoSlot& s = slot_at(b, c.param("position"));
  require_in_review(s.status, "VIDEO_INVALID_STATUS");
  const TimePoint now = c.world.now();
  s.status = "pending_corrections";
  set_ext_time(s.ext, lifecycle_keys::corrections_at, now);
  s.ext["corrections"] = request;
  Json d = video_event_data(b, s);
  d.update(request);
  emit_at(c.world, *c.tenant, "video.pending_corrections", d, now);
  return Reply::data(video_json(b, s));
}

}  // namespace

void register_review_routes(Router& router, const ManagerTimings& timings) {
  router.post("/bundles/{id}/account/finalize", [timings](Call& c) {
    fields::no_body(c);
    Bundle& b = review_account_bundle(c);
    require_in_review(b.account.status, "ACCOUNT_INVALID_STATUS");
    const TimePoint now = c.world.now();
    finalize_account(c.world, *c.tenant, b, now);
    advance_lifecycle(c.world, now, timings);
    return Reply::data(bundle_account_json(b));
  });
  router.post("/bundles/{id}/account/corrections", account_corrections_route);
  router.post("/bundles/{id}/videos/{position}/finalize", [timings](Call& c) {
    fields::no_body(c);
    Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    VideoSlot& s = slot_at(b, c.param("position"));
    require_in_review(s.status, "VIDEO_INVALID_STATUS");
    const TimePoint now = c.world.now();
    finalize_slot(c.world, *c.tenant, b, s, now);
    advance_lifecycle(c.world, now, timings);
    return Reply::data(video_json(b, s));
  });
  router.post("/bundles/{id}/videos/{position}/corrections", video_corrections_route);
}

}  // namespace ugc::sim
