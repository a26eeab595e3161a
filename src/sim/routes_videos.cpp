// Video slots (docs/tokportal-api.md §6): list, get, configure (PUT), patch, batch
// configure, publish one, publish all, unschedule, reset.
#include "ugc/sim/routes.hpp"

#include <set>

#include "ugc/sim/date_rules.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/prices.hpp"
#include "ugc/sim/publishing.hpp"
#include "ugc/sim/video_config.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

Json error_json(const ApiError& e) { return e.reply.body["error"]; }

Json adjusted_hint() {
  return "Some dates no longer met the minimum lead time and were moved to the earliest allowed day.";
}

// auto_publish after a successful configure: publish the bundle (pending_setup)
// or the given slots (active bundle). A refusal is reported, not thrown: the
// configuration itself succeeded and stays.
Json run_auto_publish(Call& c, Bundle& b, const std::vector<int>& positions) {
  Json out{{"requested", true}};
  try {
    if (b.status == "pending_setup") {
      Json published = publish_bundle(c.world, *c.tenant, b);
      out["published"] = true;
      out["bundle_status"] = b.status;
      if (published.contains("adjusted_videos")) out["adjusted_videos"] = published["adjusted_videos"];
    } else {
      auto pub = publish_slots(c.world, *c.tenant, b, positions);
      out["published"] = !pub.video_ids.empty();
      out["bundle_status"] = b.status;
      out["video_ids"] = pub.video_ids;
      if (!pub.adjusted.empty()) out["adjusted_videos"] = pub.adjusted;
    }
  } catch (const ApiError& e) {
    out["published"] = false;
    out["bundle_status"] = b.status;
    out["error"] = error_json(e);
  }
  return out;
}

void add_charge(Reply& r, const Tenant& t, int64_t charged) {
  if (charged <= 0) return;
  r.body["credits_charged"] = charged;
  r.body["credits_remaining"] = t.balance;
}

Reply configure_one(Call& c) {
  const Json& body = fields::object_body(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  require_open(b);
  VideoSlot& slot = slot_at(b, c.param("position"));
  SlotConfig cfg = check_slot_config(b, slot, body, c.world.today(), false);
  const bool auto_publish = fields::opt_bool(body, "auto_publish").value_or(false);
  price::require_balance(c.tenant->balance, cfg.cost, Json{{"add_ons", cfg.addons}, {"total", cfg.cost}});
  Json ignored = cfg.ignored_fields;
  const int64_t charged = apply_slot_config(c.world, *c.tenant, b, slot, std::move(cfg));
  Json auto_result = auto_publish ? run_auto_publish(c, b, {slot.position}) : Json(nullptr);
  Json data = video_json(b, slot);
  if (!ignored.empty()) data["ignored_fields"] = ignored;
  if (auto_publish) data["auto_publish"] = auto_result;
  Reply r = Reply::data(data);
  add_charge(r, *c.tenant, charged);
  return r;
}

Reply configure_batch(Call& c) {
  const Json& body = fields::object_body(c);
  fields::reject_unknown(body, {"videos", "auto_publish"});
  if (!body.contains("videos") || !body["videos"].is_array() || body["videos"].empty() || body["videos"].size() > 500)
    fields::invalid("videos", "videos must be an array of 1-500 slot configurations");
  const bool auto_publish = fields::opt_bool(body, "auto_publish").value_or(false);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  require_open(b);

  Json results = Json::array();
  std::set<int64_t> seen;
  std::vector<int> configured;
  int64_t charged = 0;
  for (const auto& item : body["videos"]) {
    Json result{{"position", item.is_object() && item.contains("position") ? item["position"] : Json(nullptr)}};
    try {
      if (!item.is_object()) fields::invalid("videos", "each item of videos must be an object");
      const int64_t pos = fields::req_int(item, "position", 1, 100000);
      if (!seen.insert(pos).second) fields::invalid("position", "position " + std::to_string(pos) + " appears twice");
      VideoSlot& slot = slot_at(b, std::to_string(pos));
      SlotConfig cfg = check_slot_config(b, slot, item, c.world.today(), true);
      price::require_balance(c.tenant->balance, cfg.cost, Json{{"add_ons", cfg.addons}, {"total", cfg.cost}});
      Json ignored = cfg.ignored_fields;
      charged += apply_slot_config(c.world, *c.tenant, b, slot, std::move(cfg));
      configured.push_back(slot.position);
      result["success"] = true;
      result["video"] = video_json(b, slot);
      if (!ignored.empty()) result["ignored_fields"] = ignored;
    } catch (const ApiError& e) {
      result["success"] = false;
      result["error"] = error_json(e);
    }
    results.push_back(std::move(result));
  }
  const int failed = static_cast<int>(results.size() - configured.size());
  Json data{{"bundle_id", b.id}, {"configured", configured.size()}, {"failed", failed}};
  if (auto_publish) {
    if (failed == 0) {
      data["auto_publish"] = run_auto_publish(c, b, configured);
      for (auto& r : results)  // statuses may have moved to published
        if (r["success"] == true) r["video"] = video_json(b, *b.slot(r["video"]["position"].get<int>()));
    } else {
      data["auto_publish"] = Json{{"requested", true}, {"published", false}, {"bundle_status", b.status},
                                  {"error", {{"code", "NOT_ATTEMPTED"},
                                             {"message", "auto_publish runs only when every position succeeded"}}}};
    }
  }
  data["results"] = results;
  Reply r = Reply::data(data);
  add_charge(r, *c.tenant, charged);
  return r;
}

Reply patch_video(Call& c) {
  const Json& body = fields::object_body(c);
  fields::reject_unknown(body, {"external_ref", "name", "description", "target_publish_date", "target_publish_start_date",
                                "target_publish_end_date"});
  if (body.empty()) fail(400, "VALIDATION_ERROR", "Give at least one field to change");
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  VideoSlot& slot = slot_at(b, c.param("position"));
  auto ref = fields::opt_string(body, "external_ref", 200);
  auto name = fields::opt_string(body, "name", 200);
  auto description = fields::opt_string(body, "description", 100000);
  const bool has_date = body.contains("target_publish_date");
  const bool has_start = body.contains("target_publish_start_date"), has_end = body.contains("target_publish_end_date");
  const bool schedule = has_date || has_start || has_end;
  if ((schedule || body.contains("description"))) {
    require_open(b);
    if (slot.status != "pending" && slot.status != "configured" && slot.status != "published")
      fail(409, "VIDEO_INVALID_STATUS", "The slot's content and schedule can no longer change (" + slot.status + ")",
           Json{{"position", slot.position}, {"current_status", slot.status}});
  }
  if (body.contains("description") && (!description || description->empty()))
    fields::invalid("description", "description must be a non-empty string");
  std::optional<CivilDate> start, end;
  if (schedule) {
    if (has_date && (has_start || has_end))
      fields::invalid("target_publish_date", "Give target_publish_date or target_publish_start_date + target_publish_end_date, not both");
    if (has_date) {
      start = parse_video_date(fields::req_string(body, "target_publish_date", 10), "target_publish_date");
      end = start->plus_days(1);
    } else {
      if (!has_start || !has_end)
        fields::invalid(has_start ? "target_publish_end_date" : "target_publish_start_date",
                        "target_publish_start_date and target_publish_end_date go together");
      start = parse_video_date(fields::req_string(body, "target_publish_start_date", 10), "target_publish_start_date");
      end = parse_video_date(fields::req_string(body, "target_publish_end_date", 10), "target_publish_end_date");
      if (*end < *start) fields::invalid("target_publish_end_date", "target_publish_end_date is before the start date");
    }
    check_lead_time(b, *start, c.world.today());
    check_day_capacity(b, start->str(), slot.position);
  }
  if (body.contains("external_ref")) ref ? void(slot.config["external_ref"] = *ref) : void(slot.config.erase("external_ref"));
  if (body.contains("name")) name ? void(slot.config["name"] = *name) : void(slot.config.erase("name"));
  if (description) slot.config["description"] = *description;
  if (start) {
    slot.target_publish_start_date = start->str();
    slot.target_publish_end_date = end->str();
  }
  return Reply::data(video_json(b, slot));
}

Reply publish_one(Call& c) {
  fields::no_body(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  VideoSlot& slot = slot_at(b, c.param("position"));
  require_open(b);
  if (!is_active_status(b.status))
    fail(409, "BUNDLE_INVALID_STATUS", "The bundle must be published before single slots are published",
         Json{{"current_status", b.status}});
  if (slot.status != "configured")
    fail(409, "VIDEO_INVALID_STATUS", "Only a configured slot can be published",
         Json{{"position", slot.position}, {"current_status", slot.status}});
  auto pub = publish_slots(c.world, *c.tenant, b, {slot.position});
  Json data{{"video_id", slot.id}, {"position", slot.position}, {"bundle_id", b.id}, {"status", slot.status}};
  if (!pub.adjusted.empty()) {
    data["date_adjusted"] = true;
    data["original_date"] = pub.adjusted[0]["previous_date"];
    data["new_date"] = pub.adjusted[0]["new_date"];
    data["hint"] = adjusted_hint();
  }
  return Reply::data(data);
}

Reply publish_all(Call& c) {
  fields::no_body(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  std::vector<int> all;
  for (const auto& v : b.videos) all.push_back(v.position);
  auto pub = publish_slots(c.world, *c.tenant, b, all);
  Json data{{"bundle_id", b.id}, {"videos_published", pub.video_ids.size()}, {"video_ids", pub.video_ids}};
  if (!pub.adjusted.empty()) {
    data["dates_adjusted"] = true;
    data["adjusted_videos"] = pub.adjusted;
    data["hint"] = adjusted_hint();
  }
  return Reply::data(data);
}

Reply unschedule(Call& c) {
  fields::no_body(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  VideoSlot& slot = slot_at(b, c.param("position"));
  require_open(b);
  if (slot.status != "published" && slot.status != "accepted")
    fail(409, "VIDEO_INVALID_STATUS", "Only a published or accepted slot can be unscheduled",
         Json{{"position", slot.position}, {"current_status", slot.status}});
  slot.status = "configured";
  slot.published_at.reset();
  return Reply::data(video_json(b, slot));
}

Reply reset(Call& c) {
  fields::no_body(c);
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  VideoSlot& slot = slot_at(b, c.param("position"));
  require_open(b);
  if (slot.status == "finalized" || slot.status == "cancelled")
    fail(409, "VIDEO_INVALID_STATUS", "A " + slot.status + " slot cannot be reset",
         Json{{"position", slot.position}, {"current_status", slot.status}});
  slot.status = "pending";
  slot.config = Json::object();
  slot.target_publish_start_date.reset();
  slot.target_publish_end_date.reset();
  slot.configured_at.reset();
  slot.published_at.reset();
  slot.ext = Json::object();
  return Reply::data(video_json(b, slot));
}

}  // namespace

void register_video_routes(Router& router, World&, ServerHooks&) {
  router.get("/bundles/{id}/videos", [](Call& c) {
    const Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    Json items = Json::array();
    for (const auto& v : b.videos) items.push_back(video_json(b, v));
    // No page/per_page in the operation's parameters: every slot on one page.
    return Reply::page(items, 1, std::max<int>(1, static_cast<int>(items.size())));
  });
  router.get("/bundles/{id}/videos/{position}", [](Call& c) {
    Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    return Reply::data(video_json(b, slot_at(b, c.param("position"))));
  });
  router.put("/bundles/{id}/videos/{position}", configure_one);
  router.patch("/bundles/{id}/videos/{position}", patch_video);
  router.put("/bundles/{id}/videos/batch", configure_batch);
  router.post("/bundles/{id}/videos/publish-all", publish_all);
  router.post("/bundles/{id}/videos/{position}/publish", publish_one);
  router.post("/bundles/{id}/videos/{position}/unschedule", unschedule);
  router.post("/bundles/{id}/videos/{position}/reset", reset);
}

}  // namespace ugc::sim
