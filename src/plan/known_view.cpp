#include "known_view.hpp"

#include <string_view>
#include <unordered_set>

namespace ugc::plan {
namespace {

// The slot's own copy in the view, made on its first rename.
state::KnownSlot& renamed_copy(KnownView& view, KnownView::Slot& s) {
  if (!s.copy) {
    s.copy = &view.renamed.emplace_back(*s.slot);
    s.slot = s.copy;
  }
  return *s.copy;
}

}  // namespace

KnownView make_known_view(const expand::DesiredResources& desired, const state::KnownResources& known) {
  KnownView view;
  std::unordered_set<std::string_view> campaign_bundles;  // views of known.bundles' refs; probed per slot
  for (const auto& b : known.bundles) {
    if (!b.campaign.empty() && !desired.campaign.empty() && b.campaign != desired.campaign) continue;
    campaign_bundles.insert(b.external_ref);
    view.bundles[b.external_ref] = {b, b.external_ref};
  }
  view.slots.reserve(known.slots.size());
  for (const auto& s : known.slots)  // refs are unique in state (its primary key)
    if (campaign_bundles.count(s.bundle_ref))
      view.slots.emplace(s.external_ref, KnownView::Slot{&s, s.external_ref, nullptr, view.slots.size()});

  for (const auto& move : desired.moved) {
    const bool bundle_target = desired.find_bundle(move.to) != nullptr;
    const bool slot_target = desired.find_slot(move.to) != nullptr;
    if (auto it = view.bundles.find(move.from); it != view.bundles.end()) {
      if (!bundle_target) {
        view.notes.push_back({move.from, "moved: " + move.from + " -> " + move.to +
                                             " does nothing: no bundle " + move.to + " in the file"});
      } else if (view.bundles.count(move.to)) {
        view.notes.push_back({move.from, "moved: " + move.from + " -> " + move.to +
                                             " does nothing: state already has " + move.to});
      } else {
        auto node = view.bundles.extract(it);
        node.key() = move.to;
        node.mapped().bundle.external_ref = move.to;
        view.bundles.insert(std::move(node));
        view.bundle_renamed_by[move.to] = view.bundles[move.to].state_ref;
        for (auto& [ref, s] : view.slots)
          if (s.slot->bundle_ref == move.from) renamed_copy(view, s).bundle_ref = move.to;
      }
      continue;
    }
    if (auto it = view.slots.find(move.from); it != view.slots.end()) {
      if (!slot_target) {
        view.notes.push_back({move.from, "moved: " + move.from + " -> " + move.to +
                                             " does nothing: no video slot " + move.to + " in the file"});
      } else if (view.slots.count(move.to)) {
        view.notes.push_back({move.from, "moved: " + move.from + " -> " + move.to +
                                             " does nothing: state already has " + move.to});
      } else {
        auto node = view.slots.extract(it);
        state::KnownSlot& copy = renamed_copy(view, node.mapped());
        copy.external_ref = move.to;
        node.key() = copy.external_ref;
        view.slots.insert(std::move(node));
      }
      continue;
    }
    if (!view.bundles.count(move.to) && !view.slots.count(move.to))
      view.notes.push_back({move.from, "moved: " + move.from + " -> " + move.to +
                                           " does nothing: state knows neither (remove the entry once applied)"});
  }
  return view;
}

}  // namespace ugc::plan
