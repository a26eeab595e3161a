#include "ugc/analytics/post_metrics.hpp"

#include <algorithm>
#include <map>

#include "ugc/analytics/snapshot_record.hpp"
#include "ugc/analytics/timestamp.hpp"
#include "ugc/state/store.hpp"

namespace ugc::analytics {
namespace {

// Identity comes from the state as it is now (a `moved:` rename moved the
// snapshots' ref with the slot, and the slot row carries the new video id);
// the labels only the campaign file knows (creator, caption variant) come
// from the newest snapshot of that slot, so one post never splits in two.
void join_to_state(PostMetrics& p, const PostMetrics& newest, const state::KnownSlot* slot,
                   const std::map<std::string, const state::KnownBundle*>& bundles) {
  p.creator = newest.creator;
  p.caption_variant = newest.caption_variant;
  p.video = newest.video;
  p.bundle_ref = newest.bundle_ref;
  if (!slot) return;
  if (!slot->campaign_video.empty()) p.video = slot->campaign_video;
  p.bundle_ref = slot->bundle_ref;
  auto b = bundles.find(slot->bundle_ref);
  if (b == bundles.end()) return;
  p.campaign = b->second->campaign;
  p.market = b->second->market;
  p.platform = b->second->platform;
}

Seconds scrape_time(const PostMetrics& p) { return parse_timestamp(p.scraped_at).value_or(Seconds{}); }

}  // namespace

Result<std::vector<PostMetrics>> load_post_metrics(state::Store& store, const std::string& campaign) {
  auto known = store.load(campaign);
  if (!known) return known.error();
  auto rows = state::snapshots(store);
  if (!rows) return rows.error();
  std::map<std::string, const state::KnownSlot*> slots;
  for (const auto& s : known->slots) slots[s.external_ref] = &s;
  std::map<std::string, const state::KnownBundle*> bundles;
  for (const auto& b : known->bundles) bundles[b.external_ref] = &b;

  std::vector<PostMetrics> out;
  std::map<std::string, PostMetrics> newest;  // by slot ref
  for (const auto& row : *rows) {
    auto s = post_snapshot_from(row);
    if (!s) continue;
    if (!slots.count(row.ref) && s->post.campaign != campaign) continue;
    auto& n = newest[row.ref];
    if (n.scraped_at.empty() || scrape_time(n) <= scrape_time(s->post)) n = s->post;
    out.push_back(std::move(s->post));
  }
  for (auto& p : out) {
    auto slot = slots.find(p.slot_ref);
    join_to_state(p, newest[p.slot_ref], slot == slots.end() ? nullptr : slot->second, bundles);
  }
  std::stable_sort(out.begin(), out.end(), [](const PostMetrics& a, const PostMetrics& b) {
    const Seconds ta = scrape_time(a), tb = scrape_time(b);
    return ta != tb ? ta < tb : a.slot_ref < b.slot_ref;
  });
  return out;
}

}  // namespace ugc::analytics
