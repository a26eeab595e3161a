#include <map>

#include "effect_recorders.hpp"

namespace ugc::apply {

namespace {

state::KnownBundle known_bundle_from(const std::string& campaign, const plan::BundleRecord& r,
                                     const api::Bundle& answer) {
  state::KnownBundle b;
  b.external_ref = r.external_ref;
  b.id = answer.id;
  b.campaign = campaign;
  b.market = r.market;
  b.country = answer.country.empty() ? r.country : answer.country;
  b.platform = r.platform;
  b.index = r.index;
  b.videos_quantity = r.videos_quantity;
  b.status = answer.status.empty() ? "pending_setup" : answer.status;
  return b;
}

}  // namespace

Error malformed_answer(const plan::Action& action, const std::string& what) {
  return Error(ErrorKind::fatal, action.id + ": unexpected answer: " + what, "MALFORMED_RESPONSE");
}

Status record_bundle(const EffectContext& ctx, const plan::BundleRecord& record, const api::Bundle& bundle) {
  state::KnownBundle b = known_bundle_from(ctx.campaign, record, bundle);
  if (b.id.empty()) return fatal_error("bundle " + record.external_ref + ": answer has no id");
  UGC_TRY(ctx.store.upsert_bundle(b));
  ctx.bindings.set_bundle_id(b.external_ref, b.id);
  return {};
}

Status record_created_bundle(const EffectContext& ctx, const Json& data) {
  if (ctx.action.bundles.size() != 1)
    return malformed_answer(ctx.action, "create action without exactly one bundle record");
  auto bundle = api::parse_bundle(data);
  if (!bundle) return malformed_answer(ctx.action, bundle.error().message());
  return record_bundle(ctx, ctx.action.bundles.front(), *bundle);
}

// Bulk create cannot set per-bundle refs: the created bundles of each
// platform, in answer order, go onto that platform's records in plan order.
Status record_created_bundles(const EffectContext& ctx, const Json& data) {
  auto created = api::parse_created_bundles(data);
  if (!created) return malformed_answer(ctx.action, created.error().message());
  std::map<std::string, std::vector<const api::Bundle*>> by_platform;
  for (const auto& b : *created) by_platform[b.platform].push_back(&b);
  std::map<std::string, std::size_t> next;
  for (const auto& record : ctx.action.bundles) {
    auto& pool = by_platform[record.platform];
    std::size_t& i = next[record.platform];
    if (i >= pool.size())
      return malformed_answer(ctx.action, "fewer " + record.platform + " bundles than planned (" +
                                              std::to_string(pool.size()) + ")");
    UGC_TRY(record_bundle(ctx, record, *pool[i++]));
  }
  return {};
}

Status record_renamed_bundles(const EffectContext& ctx) {
  for (const auto& r : ctx.action.bundles) {
    if (r.previous_ref.empty() || r.previous_ref == r.external_ref) continue;
    auto moved = ctx.store.move(r.previous_ref, r.external_ref);
    if (!moved.ok() && moved.error().kind() != ErrorKind::not_found) return moved.error();
  }
  return {};
}

Status record_added_slots(const EffectContext& ctx) {
  auto found = ctx.store.find_bundle(ctx.action.bundle_ref);
  if (!found.ok()) return found.error();
  if (!*found) return not_found("bundle " + ctx.action.bundle_ref + " is not in the state");
  state::KnownBundle b = **found;
  b.account.reset();  // leave the recorded account alone
  for (const auto& r : ctx.action.bundles)
    if (r.external_ref == b.external_ref) b.videos_quantity = r.videos_quantity;
  return ctx.store.upsert_bundle(b);
}

Status set_bundle_status(state::Store& store, const std::string& bundle_ref, const std::string& status) {
  auto found = store.find_bundle(bundle_ref);
  if (!found.ok()) return found.error();
  if (!*found) return not_found("bundle " + bundle_ref + " is not in the state");
  state::KnownBundle b = **found;
  b.status = status;
  b.account.reset();  // leave the recorded account alone
  return store.upsert_bundle(b);
}

}  // namespace ugc::apply
