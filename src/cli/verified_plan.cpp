#include "ugc/cli/verified_plan.hpp"

#include "ugc/cli/campaign_plan.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/plan/plan_comparison.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

// `store` null: no state file yet, so no id and nothing recorded.
Result<plan::PlanBasis> basis_now(const plan::Plan& saved, state::Store* store) {
  plan::PlanBasis now;
  auto sha = sha256_file_hex(saved.campaign_file);
  if (!sha.ok()) return sha.error().with_context("the plan's campaign file");
  now.campaign_sha256 = *sha;
  if (!store) return now;
  auto id = store->state_id();
  if (!id.ok()) return id.error();
  now.state_id = *id;
  auto serial = store->serial();
  if (!serial.ok()) return serial.error();
  now.state_serial = *serial;
  return now;
}

}  // namespace

Result<plan::Plan> verify_saved_plan(const std::string& path, state::Store* store, api::Client& server, Clock& clock,
                                     const std::vector<std::string>& media_roots, api::CreditCosts* prices_read) {
  auto saved = plan::load_saved_plan(path);
  if (!saved.ok()) return saved.error();
  auto now = basis_now(saved->plan, store);
  if (!now.ok()) return now.error().with_context(path);
  UGC_TRY(plan::check_plan_basis(*saved, *now).context(path));

  PlanRequest again{saved->plan.campaign_file, saved->plan.today.str(), saved->bulk_create, media_roots, prices_read};
  auto fresh = plan_from_file(again, store, &server, clock);
  if (!fresh.ok()) return fresh.error().with_context(path + ": planning again to verify it");
  UGC_TRY(plan::check_same_plan(saved->plan, *fresh).context(path));
  fresh->today_source = saved->plan.today_source;  // planned again "as of" the saved plan's day
  return fresh;
}

}  // namespace ugc::cli
