#include "ugc/api/reference.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

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

}  // namespace

Result<CreditCosts> parse_credit_costs(const Json& data) {
  if (!data.is_object()) return malformed_error("GET " + paths::credit_costs(), "\"data\" is not an object");
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
  auto resp = client.request(Request::get(paths::credit_costs()));
  if (!resp) return resp.error();
  return parse_credit_costs(resp->data());
}

Result<CreditBalance> parse_credit_balance(const Json& data) {
  if (!data.is_object()) return malformed_error("GET " + paths::credits_balance(), "\"data\" is not an object");
  CreditBalance b;
  auto total = opt_int_field(data, "total_credits");
  if (!total) total = opt_int_field(data, "credits");
  if (!total) return malformed_error("GET " + paths::credits_balance(), "neither total_credits nor credits is a number");
  b.total_credits = *total;
  b.expiring_within_7_days = opt_int_field(data, "expiring_within_7_days");
  b.raw = data;
  return b;
}

Result<CreditBalance> get_credit_balance(Client& client) {
  auto resp = client.request(Request::get(paths::credits_balance()));
  if (!resp) return resp.error();
  return parse_credit_balance(resp->data());
}

}  // namespace ugc::api
