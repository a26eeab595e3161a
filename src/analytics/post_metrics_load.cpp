// A minimal load_post_metrics over the stored analytics snapshots: enough for
// the report to run end to end. The analytics pull (another branch) brings its
// own; the lead keeps one of the two files of this name at merge.
#include <map>

#include "ugc/analytics/post_metrics.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/resources.hpp"
#include "ugc/state/store.hpp"

namespace ugc::analytics {
namespace {

std::int64_t loaded_count(const Json& metrics, const char* name) {
  auto it = metrics.find(name);
  if (it == metrics.end() || !it->is_number()) return 0;
  return it->is_number_integer() ? it->get<std::int64_t>() : static_cast<std::int64_t>(it->get<double>());
}

std::string loaded_text(const Json& metrics, const char* name) {
  auto it = metrics.find(name);
  return it != metrics.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<std::vector<PostMetrics>> load_post_metrics(state::Store& store, const std::string& campaign) {
  auto known = store.load(campaign);
  if (!known) return known.error().with_context("reading the state of campaign " + campaign);
  std::map<std::string, const state::KnownBundle*> bundles;
  for (const auto& b : known->bundles) bundles[b.external_ref] = &b;
  std::map<std::string, const state::KnownSlot*> slots;
  for (const auto& s : known->slots) slots[s.external_ref] = &s;

  auto snaps = state::snapshots(store);
  if (!snaps) return snaps.error();
  std::vector<PostMetrics> out;
  for (const auto& snap : *snaps) {
    auto slot = slots.find(snap.ref);
    if (slot == slots.end() || !snap.metrics.is_object()) continue;  // another campaign's, or a bundle's
    auto bundle = bundles.find(slot->second->bundle_ref);
    PostMetrics p;
    p.slot_ref = snap.ref;
    p.bundle_ref = slot->second->bundle_ref;
    p.campaign = campaign;
    if (bundle != bundles.end()) {
      p.market = bundle->second->market;
      p.platform = bundle->second->platform;
    }
    p.video = slot->second->campaign_video;
    p.creator = loaded_text(snap.metrics, "creator");
    p.caption_variant = loaded_text(snap.metrics, "caption_variant");
    p.scraped_at = loaded_text(snap.metrics, "scraped_at");
    if (p.scraped_at.empty()) p.scraped_at = snap.taken_at;
    p.views = loaded_count(snap.metrics, "views");
    p.likes = loaded_count(snap.metrics, "likes");
    p.comments = loaded_count(snap.metrics, "comments");
    p.shares = loaded_count(snap.metrics, "shares");
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace ugc::analytics
