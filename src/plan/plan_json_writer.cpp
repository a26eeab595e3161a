// The plan's JSON streamed through a JsonWriter: the same members, in the
// same order, as plan_to_json, without building the document.
#include "ugc/plan/plan_json.hpp"

#include <string>

#include "ugc/core/hash.hpp"
#include "ugc/core/json_writer.hpp"
#include "ugc/core/worker_sink.hpp"

namespace ugc::plan {
namespace {

void write_opt_string(JsonWriter& w, const std::optional<std::string>& s) {
  if (s) w.value(*s);
  else w.null();
}

void write_changes(JsonWriter& w, const std::vector<FieldChange>& changes) {
  w.begin_array();
  for (const auto& c : changes) {
    w.begin_object();
    w.key("field");
    w.value(c.field);
    w.key("before");
    write_opt_string(w, c.before);
    w.key("after");
    write_opt_string(w, c.after);
    w.end_object();
  }
  w.end_array();
}

void write_request(JsonWriter& w, const Action& a, const Request& r) {
  w.begin_object();
  w.key("method");
  w.value(r.method);
  w.key("path");
  w.value(r.path);
  w.key("body");
  // nlohmann::json keeps keys sorted, as request_to_json's re-parse does.
  if (r.slot_batch) w.value(request_body(a, r));
  else w.value(r.body);  // request_body() would copy it
  if (!r.file.empty() || !r.form.empty()) {
    w.key("file");
    w.value(r.file);
    w.key("form");
    w.begin_object();
    for (const auto& entry : r.form) {
      w.key(entry.first);
      w.value(entry.second);
    }
    w.end_object();
  }
  w.end_object();
}

void write_bundle(JsonWriter& w, const BundleRecord& b) {
  w.begin_object();
  w.key("external_ref");
  w.value(b.external_ref);
  if (!b.previous_ref.empty()) {
    w.key("previous_ref");
    w.value(b.previous_ref);
  }
  w.key("market");
  w.value(b.market);
  w.key("country");
  w.value(b.country);
  w.key("platform");
  w.value(b.platform);
  w.key("index");
  w.value(b.index);
  w.key("videos_quantity");
  w.value(b.videos_quantity);
  w.end_object();
}

void write_slot(JsonWriter& w, const SlotRecord& s) {
  w.begin_object();
  w.key("external_ref");
  w.value(s.external_ref);
  if (!s.previous_ref.empty()) {
    w.key("previous_ref");
    w.value(s.previous_ref);
  }
  w.key("bundle_ref");
  w.value(s.bundle_ref);
  w.key("position");
  w.value(s.position);
  w.key("campaign_video");
  w.value(s.campaign_video);
  w.key("media_key");
  w.value(s.media_key);
  w.key("video_url");
  w.value(s.video_url);
  w.key("caption");
  w.value(s.caption);
  w.key("publish_date");
  w.value(s.publish_date);
  w.key("status_after");
  w.value(s.status_after);
  w.end_object();
}

void write_records(JsonWriter& w, const Action& a) {
  w.begin_object();
  if (!a.bundles.empty()) {
    w.key("bundles");
    w.begin_array();
    for (const auto& b : a.bundles) write_bundle(w, b);
    w.end_array();
  }
  if (a.account) {
    w.key("account");
    w.begin_object();
    w.key("username");
    w.value(a.account->username);
    w.key("visible_name");
    w.value(a.account->visible_name);
    w.key("biography");
    w.value(a.account->biography);
    w.key("profile_picture_key");
    w.value(a.account->profile_picture_key);
    w.end_object();
  }
  if (!a.slots.empty()) {
    w.key("slots");
    w.begin_array();
    for (const auto& s : a.slots) write_slot(w, s);
    w.end_array();
  }
  if (a.media) {
    w.key("media");
    w.begin_object();
    w.key("key");
    w.value(a.media->key);
    w.key("purpose");
    w.value(a.media->purpose);
    w.key("path");
    w.value(a.media->path);
    w.key("url");
    w.value(a.media->url);
    w.end_object();
  }
  w.end_object();
}

void write_action(JsonWriter& w, const Action& a) {
  w.begin_object();
  w.key("id");
  w.value(a.id);
  w.key("kind");
  w.value(to_string(a.kind));
  w.key("symbol");
  w.value(symbol_of(a.kind));
  w.key("bundle_ref");
  w.value(a.bundle_ref);
  w.key("targets");
  w.value(a.targets);
  w.key("reason");
  w.value(a.reason);
  w.key("changes");
  write_changes(w, a.changes);
  w.key("depends_on");
  w.value(a.depends_on);
  w.key("credits");
  w.value(a.credits);
  w.key("request_count");
  w.value(a.request_count());
  w.key("requests");
  w.begin_array();
  for (const auto& r : a.requests) write_request(w, a, r);
  w.end_array();
  w.key("records");
  write_records(w, a);
  w.key("publishes_bundle");
  w.value(a.publishes_bundle);
  w.end_object();
}

void write_member(JsonWriter& w, const char* name, int number) {
  w.key(name);
  w.value(number);
}

void write_totals(JsonWriter& w, const Totals& t) {
  w.begin_object();
  write_member(w, "bundles_to_create", t.bundles_to_create);
  write_member(w, "slots_to_buy", t.slots_to_buy);
  write_member(w, "slots_to_configure", t.slots_to_configure);
  write_member(w, "slots_to_patch", t.slots_to_patch);
  write_member(w, "slots_to_unschedule", t.slots_to_unschedule);
  write_member(w, "uploads", t.uploads);
  write_member(w, "credits", t.credits);
  write_member(w, "api_requests", t.api_requests);
  write_member(w, "actions", t.actions);
  write_member(w, "blocked", t.blocked);
  write_member(w, "notes", t.notes);
  w.end_object();
}

void write_blocked(JsonWriter& w, const Blocked& b) {
  w.begin_object();
  w.key("id");
  w.value(b.id);
  w.key("target");
  w.value(b.target);
  w.key("reason");
  w.value(b.reason);
  w.key("remedy");
  w.value(b.remedy);
  w.key("changes");
  write_changes(w, b.changes);
  w.end_object();
}

void write_date_shift(JsonWriter& w, const DateShift& s) {
  w.begin_object();
  w.key("slot_ref");
  w.value(s.slot_ref);
  w.key("bundle_ref");
  w.value(s.bundle_ref);
  w.key("requested");
  w.value(s.requested);
  w.key("planned");
  w.value(s.planned);
  write_member(w, "min_days_ahead", s.min_days_ahead);
  w.key("how");
  w.value(s.how);
  w.end_object();
}

}  // namespace

void write_plan_members(const Plan& plan, JsonWriter& w) {
  write_member(w, "format_version", plan.format_version);
  w.key("campaign");
  w.value(plan.campaign);
  w.key("campaign_file");
  w.value(plan.campaign_file);
  w.key("campaign_sha256");
  w.value(plan.campaign_sha256);
  w.key("state_serial");
  w.value(plan.state_serial);
  w.key("today");
  w.value(plan.today.str());
  w.key("today_source");
  w.value(to_string(plan.today_source));
  w.key("credit_costs");
  w.begin_object();
  write_member(w, "account_creation", plan.costs.account_creation);
  write_member(w, "video_slot", plan.costs.video_slot);
  write_member(w, "edit_slot", plan.costs.edit_slot);
  write_member(w, "niche_warming", plan.costs.niche_warming);
  write_member(w, "advanced_warming_per_target", plan.costs.advanced_warming_per_target);
  w.end_object();
  w.key("has_changes");
  w.value(plan.has_changes());
  w.key("totals");
  write_totals(w, plan.totals);
  w.key("actions");
  w.begin_array();
  for (const auto& a : plan.actions) write_action(w, a);
  w.end_array();
  w.key("blocked");
  w.begin_array();
  for (const auto& b : plan.blocked) write_blocked(w, b);
  w.end_array();
  w.key("notes");
  w.begin_array();
  for (const auto& n : plan.notes) {
    w.begin_object();
    w.key("target");
    w.value(n.target);
    w.key("text");
    w.value(n.text);
    w.end_object();
  }
  w.end_array();
  w.key("date_shifts");
  w.begin_array();
  for (const auto& s : plan.date_shifts) write_date_shift(w, s);
  w.end_array();
}

void write_signed_json(ByteSink& out, const std::function<void(JsonWriter&)>& members) {
  Sha256Stream hash;
  Sha256Sink hashed(hash);
  {
    WorkerSink hashing(hashed);
    JsonWriter w(out, 2, &hashing);
    w.begin_object();
    members(w);
    w.close_copy();
    hashing.finish();
    w.key("checksum");
    w.value(hash.finish_hex());
    w.end_object();
  }
  out.write("\n");
}

void write_signed_plan_json(const Plan& plan, ByteSink& out, const std::function<void(JsonWriter&)>& extra) {
  write_signed_json(out, [&](JsonWriter& w) {
    write_plan_members(plan, w);
    if (extra) extra(w);
  });
}

}  // namespace ugc::plan
