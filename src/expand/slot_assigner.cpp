#include "slot_assigner.hpp"

namespace ugc::expand {

std::string group_key(const std::string& market, manifest::Platform platform) {
  return market + "/" + manifest::to_string(platform);
}

SlotAssigner::SlotAssigner(const std::vector<DesiredBundle>& bundles) {
  spaces_.reserve(bundles.size());
  by_ref_.reserve(bundles.size());
  for (const auto& bundle : bundles) {
    int quantity = bundle.videos_quantity > 0 ? bundle.videos_quantity : 0;
    const std::string key = group_key(bundle.market, bundle.platform);
    auto [g, fresh] = group_by_key_.try_emplace(key, groups_.size());
    if (fresh) groups_.push_back(Group{key, {}, {}});
    Group& group = groups_[g->second];
    group.spaces.push_back(spaces_.size());
    group.by_free.insert({-quantity, spaces_.size()});
    by_ref_[bundle.external_ref] = spaces_.size();
    spaces_.push_back(Space{bundle.external_ref, std::vector<bool>(static_cast<std::size_t>(quantity), false), quantity,
                            0, g->second});
  }
}

const SlotAssigner::Group* SlotAssigner::find_group(const std::string& key) const {
  auto g = group_by_key_.find(key);
  return g == group_by_key_.end() ? nullptr : &groups_[g->second];
}

bool SlotAssigner::take(std::size_t space_index, int position) {
  Space& space = spaces_[space_index];
  if (position < 1 || position > static_cast<int>(space.taken.size())) return false;
  auto index = static_cast<std::size_t>(position - 1);
  if (space.taken[index]) return false;
  space.taken[index] = true;
  // The space's entry moves to its new count; the node is reused, not reallocated.
  auto node = groups_[space.group].by_free.extract({-space.free, space_index});
  --space.free;
  node.value().first = -space.free;
  groups_[space.group].by_free.insert(std::move(node));
  while (space.lowest_free < static_cast<int>(space.taken.size()) &&
         space.taken[static_cast<std::size_t>(space.lowest_free)])
    ++space.lowest_free;
  return true;
}

bool SlotAssigner::keep(const std::string& group, const SlotPlace& place) {
  auto b = by_ref_.find(place.bundle_ref);
  if (b == by_ref_.end() || groups_[spaces_[b->second].group].key != group) return false;
  return take(b->second, place.position);
}

bool SlotAssigner::reserve(const SlotPlace& place) {
  auto b = by_ref_.find(place.bundle_ref);
  return b != by_ref_.end() && take(b->second, place.position);
}

std::optional<SlotPlace> SlotAssigner::place_new(const std::string& group) {
  const Group* g = find_group(group);
  if (g == nullptr || g->by_free.empty()) return std::nullopt;
  const std::size_t best = g->by_free.begin()->second;  // most free, then lowest n
  if (spaces_[best].free <= 0) return std::nullopt;
  const int position = spaces_[best].lowest_free + 1;
  take(best, position);
  return SlotPlace{spaces_[best].bundle_ref, position};
}

int SlotAssigner::capacity(const std::string& group) const {
  int total = 0;
  if (const Group* g = find_group(group))
    for (std::size_t index : g->spaces) total += static_cast<int>(spaces_[index].taken.size());
  return total;
}

int SlotAssigner::taken(const std::string& group) const {
  int total = 0;
  if (const Group* g = find_group(group))
    for (std::size_t index : g->spaces) total += static_cast<int>(spaces_[index].taken.size()) - spaces_[index].free;
  return total;
}

int SlotAssigner::bundle_count(const std::string& group) const {
  const Group* g = find_group(group);
  return g == nullptr ? 0 : static_cast<int>(g->spaces.size());
}

}  // namespace ugc::expand
