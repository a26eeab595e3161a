#include "ugc/plan/plan_json.hpp"

#include <stdexcept>
#include <string>

#include "ugc/core/hash.hpp"
#include "ugc/core/json_writer.hpp"
#include "ugc/core/worker_sink.hpp"

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

// ---- reading -------------------------------------------------------------

// Reading throws nlohmann exceptions on shape errors; plan_from_json turns
// them into one invalid_input error.
std::string str(const OrderedJson& j, const char* key) { return j.at(key).get<std::string>(); }
std::string str_or(const OrderedJson& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}
// Numbers in a plan are counts, prices, positions: whole and not negative. A
// file is input from outside, so a float or a huge value is refused here
// rather than converted (a double beyond int is undefined behaviour).
constexpr long long kMaxPlanNumber = 1'000'000'000;
int plan_number(const OrderedJson& j, const char* key) {
  const auto& v = j.at(key);
  if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > kMaxPlanNumber)
    throw std::out_of_range(std::string("key '") + key + "' must be a whole number from 0 to " +
                            std::to_string(kMaxPlanNumber));
  return static_cast<int>(v.get<long long>());
}
std::optional<std::string> opt_str(const OrderedJson& j, const char* key) {
  const auto& v = j.at(key);
  if (v.is_null()) return std::nullopt;
  return v.get<std::string>();
}

std::vector<FieldChange> changes_from_json(const OrderedJson& arr) {
  std::vector<FieldChange> out;
  for (const auto& c : arr) out.push_back({str(c, "field"), opt_str(c, "before"), opt_str(c, "after")});
  return out;
}

Request request_from_json(const OrderedJson& j) {
  Request r;
  r.method = str(j, "method");
  r.path = str(j, "path");
  r.body = Json::parse(j.at("body").dump());
  r.file = str_or(j, "file");
  if (auto it = j.find("form"); it != j.end())
    for (const auto& [k, v] : it->items()) r.form[k] = v.get<std::string>();
  return r;
}

Result<Action> action_from_json(const OrderedJson& j) {
  Action a;
  a.id = str(j, "id");
  auto kind = parse_action_kind(str(j, "kind"));
  if (!kind) return invalid_input("action " + a.id + ": unknown kind '" + str(j, "kind") + "'");
  a.kind = *kind;
  a.bundle_ref = str(j, "bundle_ref");
  a.targets = j.at("targets").get<std::vector<std::string>>();
  a.reason = str(j, "reason");
  a.changes = changes_from_json(j.at("changes"));
  a.depends_on = j.at("depends_on").get<std::vector<std::string>>();
  a.credits = plan_number(j, "credits");
  for (const auto& r : j.at("requests")) a.requests.push_back(request_from_json(r));
  if (plan_number(j, "request_count") != a.request_count())
    return invalid_input("action " + a.id + ": request_count does not match its requests");
  const auto& rec = j.at("records");
  if (auto it = rec.find("bundles"); it != rec.end())
    for (const auto& b : *it)
      a.bundles.push_back({str(b, "external_ref"), str_or(b, "previous_ref"), str(b, "market"),
                           str(b, "country"), str(b, "platform"), plan_number(b, "index"),
                           plan_number(b, "videos_quantity")});
  if (auto it = rec.find("account"); it != rec.end())
    a.account = AccountRecord{str(*it, "username"), str(*it, "visible_name"), str(*it, "biography"),
                              str(*it, "profile_picture_key")};
  if (auto it = rec.find("slots"); it != rec.end())
    for (const auto& s : *it)
      a.slots.push_back({str(s, "external_ref"), str_or(s, "previous_ref"), str(s, "bundle_ref"),
                         plan_number(s, "position"), str(s, "campaign_video"), str(s, "media_key"),
                         str(s, "video_url"), str(s, "caption"), str(s, "publish_date"),
                         str(s, "status_after")});
  if (auto it = rec.find("media"); it != rec.end())
    a.media = MediaRecord{str(*it, "key"), str(*it, "purpose"), str(*it, "path"), str(*it, "url")};
  a.publishes_bundle = j.at("publishes_bundle").get<bool>();
  return a;
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

namespace {

// ---- streaming: the same members, in the same order, as the *_to_json above

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

Result<Plan> plan_from_json(const OrderedJson& j) {
  try {
    if (!j.is_object()) return invalid_input("a plan is a JSON object");
    Plan p;
    p.format_version = plan_number(j, "format_version");
    if (p.format_version != kPlanFormatVersion)
      return invalid_input("plan format version " + std::to_string(p.format_version) +
                           " is not supported (this ugc reads version " +
                           std::to_string(kPlanFormatVersion) + "); plan again");
    p.campaign = str(j, "campaign");
    p.campaign_file = str(j, "campaign_file");
    p.campaign_sha256 = str(j, "campaign_sha256");
    if (!j.at("state_serial").is_number_integer() || j.at("state_serial").get<long long>() < 0)
      return invalid_input("plan key 'state_serial' must be a whole number");
    p.state_serial = j.at("state_serial").get<long long>();
    auto today = CivilDate::parse(str(j, "today"));
    if (!today) return today.error().with_context("plan key 'today'");
    p.today = *today;
    auto source = parse_today_source(str(j, "today_source"));
    if (!source) return invalid_input("plan key 'today_source': unknown value '" + str(j, "today_source") + "'");
    p.today_source = *source;
    const auto& c = j.at("credit_costs");
    p.costs.account_creation = plan_number(c, "account_creation");
    p.costs.video_slot = plan_number(c, "video_slot");
    p.costs.edit_slot = plan_number(c, "edit_slot");
    p.costs.niche_warming = plan_number(c, "niche_warming");
    p.costs.advanced_warming_per_target = plan_number(c, "advanced_warming_per_target");
    for (const auto& a : j.at("actions")) {
      auto action = action_from_json(a);
      if (!action) return action.error();
      p.actions.push_back(std::move(*action));
    }
    for (const auto& b : j.at("blocked"))
      p.blocked.push_back({str(b, "id"), str(b, "target"), str(b, "reason"), str(b, "remedy"),
                           changes_from_json(b.at("changes"))});
    for (const auto& n : j.at("notes")) p.notes.push_back({str(n, "target"), str(n, "text")});
    for (const auto& s : j.at("date_shifts"))
      p.date_shifts.push_back({str(s, "slot_ref"), str(s, "bundle_ref"), str(s, "requested"),
                               str(s, "planned"), plan_number(s, "min_days_ahead"), str(s, "how")});
    p.totals = compute_totals(p);
    return p;
  } catch (const nlohmann::json::exception& e) {
    return invalid_input(std::string("not a valid plan document: ") + e.what());
  } catch (const std::out_of_range& e) {
    return invalid_input(std::string("not a valid plan document: ") + e.what());
  }
}

}  // namespace ugc::plan
