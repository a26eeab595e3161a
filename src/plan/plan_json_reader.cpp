// A plan document read back (a saved plan): every member checked, numbers
// refused rather than converted when out of range.
#include "ugc/plan/plan_json.hpp"

#include <stdexcept>
#include <string>

namespace ugc::plan {
namespace {

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
