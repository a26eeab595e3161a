#include "replacements.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lifecycle.hpp"

namespace ugc::plan {
namespace {

struct KnownIndex {
  std::map<std::string, const state::KnownBundle*> bundles;
  std::map<std::string, const state::KnownSlot*> slots;
};

std::string replacement_ref(const std::string& ref, int n) { return ref + "~r" + std::to_string(n); }

// The bundles standing in for `want`, oldest first: the known replacements,
// then a new one when the newest is cancelled and the market opts in.
struct Chain {
  std::vector<std::string> replacements;
  std::string active;  // where unposted videos go: the newest of the chain
  bool new_one = false;
};

bool cancelled(const KnownIndex& index, const std::string& ref) {
  auto it = index.bundles.find(ref);
  return it != index.bundles.end() && it->second->status == "cancelled";
}

Chain chain_of(const KnownIndex& index, const expand::DesiredBundle& want) {
  Chain chain;
  chain.active = want.external_ref;
  for (int n = 1;; ++n) {
    const std::string next = replacement_ref(want.external_ref, n);
    if (index.bundles.count(next)) {
      chain.replacements.push_back(next);
      chain.active = next;
      continue;
    }
    if (cancelled(index, chain.active) && want.replace_on_cancel) {
      chain.replacements.push_back(next);
      chain.active = next;
      chain.new_one = true;
    }
    return chain;
  }
}

bool posted(const state::KnownSlot* k) { return k && slot_state(k->status) == SlotState::posted; }

// Re-points the slots of `want` into the chain; returns how many sit in the new replacement.
int move_slots(const KnownIndex& index, const expand::DesiredBundle& want, const Chain& chain,
               std::vector<expand::DesiredSlot>& slots) {
  const std::set<std::string> in_chain(chain.replacements.begin(), chain.replacements.end());
  std::set<int> taken;  // positions used in the active bundle
  for (const auto& [ref, k] : index.slots)
    if (k->bundle_ref == chain.active) taken.insert(k->position);
  int moved_new = 0;
  for (auto& s : slots) {
    if (s.bundle_ref != want.external_ref) continue;
    auto it = index.slots.find(s.external_ref);
    const state::KnownSlot* k = it == index.slots.end() ? nullptr : it->second;
    const bool kept_in_chain = k && (in_chain.count(k->bundle_ref) || k->bundle_ref == want.external_ref);
    if (kept_in_chain && (posted(k) || k->bundle_ref == chain.active)) {
      s.bundle_ref = k->bundle_ref;  // stays where it is
      s.position = k->position;
      continue;
    }
    int position = 1;
    while (taken.count(position)) ++position;
    taken.insert(position);
    s.bundle_ref = chain.active;
    s.position = position;
    if (chain.new_one) ++moved_new;
  }
  return moved_new;
}

}  // namespace

expand::DesiredResources with_replacements(expand::DesiredResources desired, const state::KnownResources& known) {
  KnownIndex index;
  for (const auto& b : known.bundles) index.bundles[b.external_ref] = &b;
  std::vector<expand::DesiredBundle> bundles;
  for (const auto& want : desired.bundles) {
    bundles.push_back(want);
    const Chain chain = chain_of(index, want);
    if (chain.replacements.empty()) continue;
    // The known slots are indexed only when some bundle has a replacement.
    if (index.slots.empty())
      for (const auto& s : known.slots) index.slots[s.external_ref] = &s;
    const int moved_new = move_slots(index, want, chain, desired.slots);
    for (const auto& ref : chain.replacements) {
      expand::DesiredBundle r = want;
      r.external_ref = ref;
      auto it = index.bundles.find(ref);
      // A new replacement buys a slot per video it takes over; a known one keeps what it bought.
      r.videos_quantity = it != index.bundles.end() ? it->second->videos_quantity : std::max(moved_new, 1);
      bundles.push_back(std::move(r));
    }
  }
  if (bundles.size() == desired.bundles.size()) return desired;  // nothing cancelled: as expand made it
  desired.bundles = std::move(bundles);
  // Slots stay ordered by bundle, then position (expand's order).
  std::map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < desired.bundles.size(); ++i) order[desired.bundles[i].external_ref] = i;
  std::stable_sort(desired.slots.begin(), desired.slots.end(), [&order](const expand::DesiredSlot& a,
                                                                        const expand::DesiredSlot& b) {
    const std::size_t oa = order[a.bundle_ref], ob = order[b.bundle_ref];
    return oa != ob ? oa < ob : a.position < b.position;
  });
  return desired;
}

}  // namespace ugc::plan
