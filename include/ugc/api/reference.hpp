#pragma once
// Typed reads of credit prices and balance (docs/tokportal-api.md §4):
// GET /credit-costs, /credits/balance. Each parser accepts both the current
// and the older documented shapes and ignores unknown fields.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

// Prices in credits. Current shape: data.costs.{account_creation, video_upload,
// video_edit, advanced_warming}; older flat shape: data.{account_creation,
// video_slot, edit_slot, advanced_warming|niche_warming}. A price given as an
// object is read from its credits/cost/price/amount member. A price the server
// does not state keeps the standard value below and is listed in `defaulted`.
struct CreditCosts {
  std::int64_t account_creation = 32;
  std::int64_t video_slot = 2;
  std::int64_t edit_slot = 3;
  std::int64_t advanced_warming_per_term = 5;
  Json contract_bundle_allowance;  // null when absent; overrides for qualifying bundles
  std::vector<std::string> defaulted;
  Json raw;  // `data` as received, for prices not modelled here
};

struct CreditBalance {
  std::int64_t total_credits = 0;  // `total_credits`, or [old] `credits`
  std::optional<std::int64_t> expiring_within_7_days;
  Json raw;
};

Result<CreditCosts> get_credit_costs(Client& client);
Result<CreditBalance> get_credit_balance(Client& client);

// Parsers of `data`, exposed for tests and for prices kept in the state.
Result<CreditCosts> parse_credit_costs(const Json& data);
Result<CreditBalance> parse_credit_balance(const Json& data);

}  // namespace ugc::api
