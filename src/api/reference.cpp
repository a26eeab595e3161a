#include "ugc/api/reference.hpp"

#include "json_fields.hpp"

namespace ugc::api {
namespace {

using detail::malformed_error;
using detail::opt_int_field;
using detail::str_field;

// A price is a number, or an object holding one under a usual name.
std::optional<std::int64_t> price_of(const Json& value) {
  if (value.is_number()) return value.is_number_float() ? static_cast<std::int64_t>(value.get<double>())
                                                        : value.get<std::int64_t>();
  if (value.is_object())
    for (const char* key : {"credits", "cost", "price", "amount", "per_unit"})
      if (auto v = opt_int_field(value, key)) return v;
  return std::nullopt;
}

// Reads the first of `keys` present in `obj` into `out`; records `name` as
// defaulted when none is.
void read_price(const Json& obj, std::initializer_list<const char*> keys, const char* name, std::int64_t& out,
                std::vector<std::string>& defaulted) {
  for (const char* key : keys) {
    auto it = obj.find(key);
    if (it == obj.end()) continue;
    if (auto p = price_of(*it)) {
      out = *p;
      return;
    }
  }
  defaulted.emplace_back(name);
}

Country parse_country(const Json& item) {
  if (item.is_string()) return {item.get<std::string>(), ""};
  return {str_field(item, "code"), str_field(item, "name")};
}

}  // namespace

Result<Me> get_me(Client& client) {
  auto resp = client.request(Request::get("/me"));
  if (!resp) return resp.error();
  const Json& data = resp->data();
  if (!data.is_object()) return malformed_error("GET /me", "\"data\" is not an object");
  Me me;
  me.email = str_field(data, "email");
  me.credits = opt_int_field(data, "credits");
  me.raw = data;
  return me;
}

Result<Countries> parse_countries(const Json& body) {
  const Json& data = body.is_object() && body.contains("data") ? body["data"] : Json();
  if (!data.is_array()) return malformed_error("GET /countries", "\"data\" is not a list");
  Countries out;
  for (const auto& item : data) {
    Country c = parse_country(item);
    if (!c.code.empty()) out.open.push_back(std::move(c));
  }
  // The sibling list is documented beside `data`; accept it inside too.
  const Json* vo = nullptr;
  if (auto it = body.find("videos_only_countries"); it != body.end()) vo = &*it;
  if (vo && vo->is_array())
    for (const auto& item : *vo) {
      Country c = parse_country(item);
      if (!c.code.empty()) out.videos_only.push_back(std::move(c));
    }
  return out;
}

Result<Countries> list_countries(Client& client) {
  auto resp = client.request(Request::get("/countries"));
  if (!resp) return resp.error();
  return parse_countries(resp->body);
}

Result<CreditCosts> parse_credit_costs(const Json& data) {
  if (!data.is_object()) return malformed_error("GET /credit-costs", "\"data\" is not an object");
  CreditCosts c;
  c.raw = data;
  auto costs = data.find("costs");
  const Json& table = (costs != data.end() && costs->is_object()) ? *costs : data;  // current vs [old] flat
  read_price(table, {"account_creation"}, "account_creation", c.account_creation, c.defaulted);
  read_price(table, {"video_upload", "video_slot", "video_slots"}, "video_slot", c.video_slot, c.defaulted);
  read_price(table, {"video_edit", "edit_slot", "edit_slots"}, "edit_slot", c.edit_slot, c.defaulted);
  read_price(table, {"advanced_warming", "advanced_warming_per_term", "advanced_niche_warming"},
             "advanced_warming_per_term", c.advanced_warming_per_term, c.defaulted);
  if (auto it = data.find("contract_bundle_allowance"); it != data.end()) c.contract_bundle_allowance = *it;
  return c;
}

Result<CreditCosts> get_credit_costs(Client& client) {
  auto resp = client.request(Request::get("/credit-costs"));
  if (!resp) return resp.error();
  return parse_credit_costs(resp->data());
}

Result<CreditBalance> parse_credit_balance(const Json& data) {
  if (!data.is_object()) return malformed_error("GET /credits/balance", "\"data\" is not an object");
  CreditBalance b;
  auto total = opt_int_field(data, "total_credits");
  if (!total) total = opt_int_field(data, "credits");
  if (!total) return malformed_error("GET /credits/balance", "neither total_credits nor credits is a number");
  b.total_credits = *total;
  b.expiring_within_7_days = opt_int_field(data, "expiring_within_7_days");
  b.raw = data;
  return b;
}

Result<CreditBalance> get_credit_balance(Client& client) {
  auto resp = client.request(Request::get("/credits/balance"));
  if (!resp) return resp.error();
  return parse_credit_balance(resp->data());
}

}  // namespace ugc::api
