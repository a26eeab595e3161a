// The plan as a JSON document (nlohmann's ordered DOM): for comparing plans
// action by action and for the checksum of a document read back.
#include "ugc/plan/plan_json.hpp"

#include <string>

#include "ugc/core/hash.hpp"

namespace ugc::plan {
namespace {

OrderedJson opt_string(const std::optional<std::string>& s) { return s ? OrderedJson(*s) : OrderedJson(); }

OrderedJson change_to_json(const FieldChange& c) {
  return OrderedJson{{"field", c.field}, {"before", opt_string(c.before)}, {"after", opt_string(c.after)}};
}

OrderedJson changes_to_json(const std::vector<FieldChange>& changes) {
  OrderedJson out = OrderedJson::array();
  for (const auto& c : changes) out.push_back(change_to_json(c));
  return out;
}

OrderedJson request_to_json(const Action& a, const Request& r) {
  OrderedJson j{{"method", r.method}, {"path", r.path}};
  j["body"] = OrderedJson::parse(request_body(a, r).dump());  // keys sorted: nlohmann::json is a std::map
  if (!r.file.empty() || !r.form.empty()) {
    j["file"] = r.file;
    OrderedJson form = OrderedJson::object();
    for (const auto& [k, v] : r.form) form[k] = v;
    j["form"] = form;
  }
  return j;
}

OrderedJson bundle_to_json(const BundleRecord& b) {
  OrderedJson j{{"external_ref", b.external_ref}};
  if (!b.previous_ref.empty()) j["previous_ref"] = b.previous_ref;
  j["market"] = b.market;
  j["country"] = b.country;
  j["platform"] = b.platform;
  j["index"] = b.index;
  j["videos_quantity"] = b.videos_quantity;
  return j;
}

OrderedJson slot_to_json(const SlotRecord& s) {
  OrderedJson j{{"external_ref", s.external_ref}};
  if (!s.previous_ref.empty()) j["previous_ref"] = s.previous_ref;
  j["bundle_ref"] = s.bundle_ref;
  j["position"] = s.position;
  j["campaign_video"] = s.campaign_video;
  j["media_key"] = s.media_key;
  j["video_url"] = s.video_url;
  j["caption"] = s.caption;
  j["publish_date"] = s.publish_date;
  j["status_after"] = s.status_after;
  return j;
}

}  // namespace

OrderedJson action_to_json(const Action& a) {
  OrderedJson j{{"id", a.id}, {"kind", to_string(a.kind)}, {"symbol", symbol_of(a.kind)},
                {"bundle_ref", a.bundle_ref}, {"targets", a.targets}, {"reason", a.reason},
                {"changes", changes_to_json(a.changes)}, {"depends_on", a.depends_on},
                {"credits", a.credits}, {"request_count", a.request_count()}};
  OrderedJson reqs = OrderedJson::array();
  for (const auto& r : a.requests) reqs.push_back(request_to_json(a, r));
  j["requests"] = reqs;
  OrderedJson records = OrderedJson::object();
  if (!a.bundles.empty()) {
    OrderedJson arr = OrderedJson::array();
    for (const auto& b : a.bundles) arr.push_back(bundle_to_json(b));
    records["bundles"] = arr;
  }
  if (a.account) {
    records["account"] = OrderedJson{{"username", a.account->username},
                                     {"visible_name", a.account->visible_name},
                                     {"biography", a.account->biography},
                                     {"profile_picture_key", a.account->profile_picture_key}};
  }
  if (!a.slots.empty()) {
    OrderedJson arr = OrderedJson::array();
    for (const auto& s : a.slots) arr.push_back(slot_to_json(s));
    records["slots"] = arr;
  }
  if (a.media) {
    records["media"] = OrderedJson{{"key", a.media->key}, {"purpose", a.media->purpose},
                                   {"path", a.media->path}, {"url", a.media->url}};
  }
  j["records"] = records;
  j["publishes_bundle"] = a.publishes_bundle;
  return j;
}

namespace {

OrderedJson totals_to_json(const Totals& t) {
  return OrderedJson{{"bundles_to_create", t.bundles_to_create}, {"slots_to_buy", t.slots_to_buy},
                     {"slots_to_configure", t.slots_to_configure}, {"slots_to_patch", t.slots_to_patch},
                     {"slots_to_unschedule", t.slots_to_unschedule}, {"uploads", t.uploads},
                     {"credits", t.credits}, {"api_requests", t.api_requests},
                     {"actions", t.actions}, {"blocked", t.blocked}, {"notes", t.notes}};
}

}  // namespace

OrderedJson plan_to_json(const Plan& plan) {
  OrderedJson j;
  j["format_version"] = plan.format_version;
  j["campaign"] = plan.campaign;
  j["campaign_file"] = plan.campaign_file;
  j["campaign_sha256"] = plan.campaign_sha256;
  j["state_serial"] = plan.state_serial;
  j["today"] = plan.today.str();
  j["today_source"] = to_string(plan.today_source);
  j["credit_costs"] = OrderedJson{{"account_creation", plan.costs.account_creation},
                                  {"video_slot", plan.costs.video_slot},
                                  {"edit_slot", plan.costs.edit_slot},
                                  {"niche_warming", plan.costs.niche_warming},
                                  {"advanced_warming_per_target", plan.costs.advanced_warming_per_target}};
  j["has_changes"] = plan.has_changes();
  j["totals"] = totals_to_json(plan.totals);
  OrderedJson actions = OrderedJson::array();
  for (const auto& a : plan.actions) actions.push_back(action_to_json(a));
  j["actions"] = actions;
  OrderedJson blocked = OrderedJson::array();
  for (const auto& b : plan.blocked)
    blocked.push_back(OrderedJson{{"id", b.id}, {"target", b.target}, {"reason", b.reason},
                                  {"remedy", b.remedy}, {"changes", changes_to_json(b.changes)}});
  j["blocked"] = blocked;
  OrderedJson notes = OrderedJson::array();
  for (const auto& n : plan.notes) notes.push_back(OrderedJson{{"target", n.target}, {"text", n.text}});
  j["notes"] = notes;
  OrderedJson shifts = OrderedJson::array();
  for (const auto& s : plan.date_shifts)
    shifts.push_back(OrderedJson{{"slot_ref", s.slot_ref}, {"bundle_ref", s.bundle_ref},
                                 {"requested", s.requested}, {"planned", s.planned},
                                 {"min_days_ahead", s.min_days_ahead}, {"how", s.how}});
  j["date_shifts"] = shifts;
  return j;
}

std::string plan_checksum(const OrderedJson& document) {
  OrderedJson copy = document;
  copy.erase("checksum");
  return sha256_hex(copy.dump());
}

OrderedJson plan_to_signed_json(const Plan& plan) {
  OrderedJson j = plan_to_json(plan);
  j["checksum"] = plan_checksum(j);
  return j;
}

}  // namespace ugc::plan
