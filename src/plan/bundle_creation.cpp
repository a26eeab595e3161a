// New bundles: one bulk request per country when they share one shape (same
// slots, same warming, the same number per platform), else per platform, else
// one POST /bundles each.
#include <algorithm>
#include <map>

#include "actions.hpp"
#include "request_bodies.hpp"

namespace ugc::plan {
namespace {

bool bulk_shape_ok(const Planning& p, const std::vector<BundleWork*>& group) {
  if (group.size() < 2) return false;
  std::map<manifest::Platform, int> per_platform;
  const int quantity = p.index.quantity_to_buy(*group.front()->want);
  for (auto* w : group) {
    if (p.index.quantity_to_buy(*w->want) != quantity) return false;
    if (w->want->niche_warming != group.front()->want->niche_warming) return false;
    ++per_platform[w->want->platform];
  }
  for (const auto& [platform, n] : per_platform)
    if (n != per_platform.begin()->second || n > 100) return false;
  return true;
}

void emit_create(Planning& p, BundleWork& w) {
  const int quantity = p.index.quantity_to_buy(*w.want);
  const std::string platform = manifest::to_string(w.want->platform);
  Action a;
  a.id = "create_bundle:" + w.want->external_ref;
  a.kind = ActionKind::create_bundle;
  a.bundle_ref = w.want->external_ref;
  a.targets = {w.want->external_ref};
  a.reason = "new bundle: " + w.want->market + " " + platform + " account " + std::to_string(w.want->index) +
             " (not in state)";
  a.changes = {{"country", none, some(w.country)},
               {"platform", none, some(platform)},
               {"videos_quantity", none, some(std::to_string(quantity))}};
  a.credits = body::bundle_credits(p.inputs.costs, quantity, !w.want->niche_warming.empty());
  a.requests.push_back({"POST", body::bundles_path(), body::create_bundle(*w.want, w.country, quantity), {}, {}, {}});
  a.bundles.push_back(bundle_record(w, quantity));
  w.create_action = a.id;
  p.add(std::move(a));
}

std::vector<std::string> platforms_of(const std::vector<BundleWork*>& group) {
  std::vector<std::string> platforms;
  for (auto* w : group) {
    std::string platform = manifest::to_string(w->want->platform);
    if (std::find(platforms.begin(), platforms.end(), platform) == platforms.end()) platforms.push_back(platform);
  }
  return platforms;
}

void emit_bulk(Planning& p, std::vector<BundleWork*>& group) {
  // Records in the order apply maps the response: per platform (tiktok,
  // instagram), by account index.
  std::stable_sort(group.begin(), group.end(), [](const BundleWork* a, const BundleWork* b) {
    if (a->want->platform != b->want->platform) return a->want->platform < b->want->platform;
    return a->want->index < b->want->index;
  });
  const BundleWork& first = *group.front();
  const int quantity = p.index.quantity_to_buy(*first.want);
  const std::vector<std::string> platforms = platforms_of(group);
  const int per_platform = static_cast<int>(group.size() / platforms.size());
  Action a;
  a.id = "create_bundles_bulk:" + first.want->external_ref + "+" + std::to_string(group.size());
  a.kind = ActionKind::create_bundles_bulk;
  a.bundle_ref = first.want->external_ref;
  for (auto* w : group) {
    a.targets.push_back(w->want->external_ref);
    a.bundles.push_back(bundle_record(*w, quantity));
    a.credits += body::bundle_credits(p.inputs.costs, quantity, !w->want->niche_warming.empty());
    w->create_action = a.id;
  }
  std::string list;
  for (const auto& platform : platforms) list += (list.empty() ? "" : ", ") + platform;
  a.reason = std::to_string(group.size()) + " new bundles in " + first.want->market + " (" + list + " x " +
             std::to_string(per_platform) + " accounts, " + std::to_string(quantity) +
             " slots each): one bulk request instead of " + std::to_string(group.size());
  a.changes = {{"country", none, some(first.country)},
               {"platforms", none, some(list)},
               {"accounts_count", none, some(std::to_string(per_platform))},
               {"videos_per_account", none, some(std::to_string(quantity))}};
  a.requests.push_back({"POST", body::bundles_bulk_path(),
                        body::create_bundles_bulk(platforms, first.country, per_platform, quantity,
                                                  first.want->niche_warming),
                        {}, {}, {}});
  p.add(std::move(a));
}

// One market's new bundles: in one bulk call, else per platform, else one by one.
void emit_market_creates(Planning& p, std::vector<BundleWork*>& group) {
  if (p.inputs.bulk_create && bulk_shape_ok(p, group)) {
    emit_bulk(p, group);
    return;
  }
  std::map<manifest::Platform, std::vector<BundleWork*>> by_platform;
  for (auto* w : group) by_platform[w->want->platform].push_back(w);
  for (auto& [platform, members] : by_platform) {
    if (p.inputs.bulk_create && bulk_shape_ok(p, members)) {
      emit_bulk(p, members);
    } else {
      for (auto* w : members) emit_create(p, *w);
    }
  }
}

}  // namespace

void emit_creates(Planning& p, std::vector<BundleWork>& work) {
  std::vector<std::string> markets;
  std::map<std::string, std::vector<BundleWork*>> by_market;
  for (auto& w : work) {
    if (w.have) continue;
    if (!by_market.count(w.want->market)) markets.push_back(w.want->market);
    by_market[w.want->market].push_back(&w);
  }
  for (const auto& market : markets) emit_market_creates(p, by_market[market]);
}

}  // namespace ugc::plan
