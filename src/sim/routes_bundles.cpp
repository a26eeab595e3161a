// Bundles (docs/tokportal-api.md §5): create, bulk create, list, get, update,
// publish, publish-readiness, unpublish, add video/edit slots.
#include "ugc/sim/routes.hpp"

#include "ugc/sim/bundle_order.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/prices.hpp"
#include "ugc/sim/publishing.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

constexpr const char* kDryRunNotice =
    "Dry run: the request was validated and priced; nothing was created, charged or published.";

// A dry-run id: 00000000-0000-4000-8000-<12 hex>, derived from the real one.
std::string dry_run_id(const std::string& id) { return "00000000-0000-4000-8000-" + id.substr(id.size() - 12); }

// Adds credits_charged / credits_remaining / cost_breakdown (and the dry-run fields) beside `data`.
void add_money(Reply& r, const Call& c, int64_t charged, int64_t balance_before, const Json& breakdown) {
  r.body["cost_breakdown"] = breakdown;
  if (c.dry_run) {
    r.body["credits_charged"] = 0;
    r.body["credits_would_charge"] = charged;
    r.body["credits_remaining"] = balance_before;
    r.body["dry_run"] = true;
    r.body["dry_run_notice"] = kDryRunNotice;
  } else {
    r.body["credits_charged"] = charged;
    r.body["credits_remaining"] = balance_before - charged;
  }
}

Json create_response_bundle(const Bundle& b, bool dry_run) {
  Json j = bundle_json(b);
  if (dry_run) j["id"] = dry_run_id(b.id);
  j["bundle_id"] = j["id"];
  return j;
}

Reply create_one(Call& c) {
  const Json& body = fields::object_body(c);
  Tenant& t = *c.tenant;
  BundleOrder order = parse_bundle_order(c.world, t, body);
  if (order.bundle_type != "videos_only") check_external_ref_free(t, order.external_ref);
  const auto cost = order.cost();
  price::require_balance(t.balance, cost.total(), cost.to_json());
  const int64_t before = t.balance;
  Bundle& b = create_bundle(c.world, t, order);
  c.world.debit(t, cost.total(), "Bundle " + b.bundle_type + " " + b.platform + " " + b.country, cost.to_json(), {b.id});
  Reply r = Reply::data(create_response_bundle(b, c.dry_run), 201);
  add_money(r, c, cost.total(), before, cost.to_json());
  return r;
}

Reply create_bulk(Call& c) {
  const Json& body = fields::object_body(c);
  Tenant& t = *c.tenant;
  BulkOrder bulk = parse_bulk_order(body);
  check_external_ref_free(t, bulk.external_ref);
  const auto orders = bulk.bundles();
  price::BundleCost cost;
  for (const auto& o : orders) cost += o.cost();
  price::require_balance(t.balance, cost.total(), cost.to_json());
  const int64_t before = t.balance;
  Json bundles = Json::array();
  std::vector<std::string> ids;
  for (const auto& o : orders) {
    Bundle& b = create_bundle(c.world, t, o);
    ids.push_back(b.id);
    bundles.push_back(create_response_bundle(b, c.dry_run));
  }
  c.world.debit(t, cost.total(), "Bulk: " + std::to_string(orders.size()) + " bundles in " + bulk.country,
                cost.to_json(), ids);
  Reply r = Reply::data(Json{{"bundles", bundles}, {"total_count", orders.size()}}, 201);
  add_money(r, c, cost.total(), before, cost.to_json());
  return r;
}

Reply list_bundles(Call& c) {
  auto [page, per_page] = fields::pagination(c);
  auto status = fields::query_enum(c, "status", {"draft", "pending_setup", "published", "published_priority", "accepted",
                                                 "completed", "cancelled", "archived"});
  auto type = fields::query_enum(c, "bundle_type", {"account_only", "account_and_videos", "videos_only"});
  auto platform = fields::query_enum(c, "platform", {"tiktok", "instagram"});
  auto account_status = fields::query_enum(c, "account_status",
                                           {"pending", "configured", "in_review", "pending_corrections", "finalized"});
  auto ref = c.query("external_ref");
  Json items = Json::array();
  for (const auto& id : c.tenant->bundle_order) {
    const Bundle& b = c.tenant->bundles.at(id);
    if (status && b.status != *status) continue;
    if (type && b.bundle_type != *type) continue;
    if (platform && b.platform != *platform) continue;
    if (account_status && (!b.creates_account() || b.account.status != *account_status)) continue;
    if (ref && b.external_ref != *ref) continue;
    items.push_back(bundle_json(b));
  }
  return Reply::page(items, page, per_page);
}

Reply update_bundle(Call& c) {
  const Json& body = fields::object_body(c);
  fields::reject_unknown(body, {"title", "external_ref", "auto_finalize_videos"});
  if (body.empty()) fail(400, "VALIDATION_ERROR", "Give at least one of title, external_ref, auto_finalize_videos");
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  auto title = fields::opt_string(body, "title", 200);
  auto ref = fields::opt_string(body, "external_ref", 200);
  auto auto_finalize = fields::opt_bool(body, "auto_finalize_videos");
  if (body.contains("auto_finalize_videos") && body["auto_finalize_videos"].is_null())
    fields::invalid("auto_finalize_videos", "auto_finalize_videos must be a boolean");
  if (ref && b.creates_account() && ref != b.external_ref) {
    for (const auto& [id, other] : c.tenant->bundles)
      if (id != b.id && other.creates_account() && other.external_ref == ref && other.status != "cancelled")
        fail(409, "DUPLICATE_ACCOUNT_BUNDLE", "A bundle with this external_ref already exists",
             Json{{"existing_bundle_id", id}, {"external_ref", *ref}});
  }
  if (body.contains("title")) b.title = title;
  if (body.contains("external_ref")) b.external_ref = ref;
  if (auto_finalize) b.auto_finalize_videos = *auto_finalize;
  return Reply::data(bundle_json(b));
}

Reply unpublish(Call& c) {
  fields::no_body(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  if (b.status == "accepted" || b.status == "completed")
    fail(409, "already_accepted", "A manager already accepted this bundle; it can no longer be unpublished",
         Json{{"current_status", b.status}});
  if (b.status != "published" && b.status != "published_priority")
    fail(409, "BUNDLE_INVALID_STATUS", "Only a published bundle can be unpublished", Json{{"current_status", b.status}});
  b.status = "pending_setup";
  b.unpublished_at = c.world.now_iso();
  for (auto& v : b.videos)
    if (v.status == "published") {
      v.status = "configured";
      v.published_at.reset();
    }
  Json data = bundle_json(b);
  return Reply::data(data);
}

// add-video-slots / add-edit-slots: {quantity: 1-500}, charged at once.
Reply add_slots(Call& c, bool edits) {
  const Json& body = fields::object_body(c);
  fields::reject_unknown(body, {"quantity"});
  const int quantity = static_cast<int>(fields::req_int(body, "quantity", 1, 500));
  Tenant& t = *c.tenant;
  Bundle& b = owned_bundle(c.world, t, c.param("id"));
  require_open(b);
  if (edits && b.edits_quantity + quantity > b.videos_quantity)
    fields::invalid("quantity", "edit slots cannot exceed the bundle's video slots (" +
                                    std::to_string(b.videos_quantity) + ")");
  price::BundleCost cost;
  if (edits) cost.edit_slots = price::kEditSlot * quantity;
  else cost.video_slots = price::kVideoSlot * quantity;
  price::require_balance(t.balance, cost.total(), cost.to_json());
  const int64_t before = t.balance;
  Json data{{"bundle_id", b.id}, {"added", quantity}};
  if (edits) {
    b.edits_quantity += quantity;
  } else {
    Json positions = Json::array(), ids = Json::array();
    for (int i = 0; i < quantity; ++i) {
      VideoSlot v;
      v.id = c.world.new_uuid();
      v.position = static_cast<int>(b.videos.size()) + 1;
      positions.push_back(v.position);
      ids.push_back(v.id);
      b.videos.push_back(std::move(v));
    }
    b.videos_quantity = static_cast<int>(b.videos.size());
    data["positions"] = positions;
    data["video_ids"] = ids;
  }
  data["videos_quantity"] = b.videos_quantity;
  data["edits_quantity"] = b.edits_quantity;
  c.world.debit(t, cost.total(), std::string(edits ? "Edit" : "Video") + " slots x" + std::to_string(quantity),
                cost.to_json(), {b.id});
  Reply r = Reply::data(data);
  add_money(r, c, cost.total(), before, cost.to_json());
  return r;
}

}  // namespace

void register_bundle_routes(Router& router, World&, ServerHooks&) {
  router.post("/bundles", create_one);
  router.post("/bundles/bulk", create_bulk);
  router.get("/bundles", list_bundles);
  router.get("/bundles/{id}", [](Call& c) { return Reply::data(bundle_json(owned_bundle(c.world, *c.tenant, c.param("id")))); });
  router.patch("/bundles/{id}", update_bundle);
  router.post("/bundles/{id}/publish", [](Call& c) {
    fields::no_body(c);
    Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    return Reply::data(publish_bundle(c.world, *c.tenant, b));
  });
  router.get("/bundles/{id}/publish-readiness", [](Call& c) {
    const Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    Json blockers = publish_blockers(b);
    return Reply::data(Json{{"bundle_id", b.id}, {"ready", blockers.empty()}, {"status", b.status}, {"blockers", blockers}});
  });
  router.post("/bundles/{id}/unpublish", unpublish);
  router.post("/bundles/{id}/add-video-slots", [](Call& c) { return add_slots(c, false); });
  router.post("/bundles/{id}/add-edit-slots", [](Call& c) { return add_slots(c, true); });
}

}  // namespace ugc::sim
