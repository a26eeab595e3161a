#include "slot_assigner.hpp"

namespace ugc::expand {

std::string group_key(const std::string& market, manifest::Platform platform) {
  return market + "/" + manifest::to_string(platform);
}

SlotAssigner::SlotAssigner(const std::vector<DesiredBundle>& bundles) {
  spaces_.reserve(bundles.size());
  for (const auto& bundle : bundles) {
    int quantity = bundle.videos_quantity > 0 ? bundle.videos_quantity : 0;
    const std::string group = group_key(bundle.market, bundle.platform);
    Space space{bundle.external_ref, std::vector<bool>(static_cast<std::size_t>(quantity), false), quantity, 0, group};
    by_ref_[bundle.external_ref] = spaces_.size();
    groups_[group].push_back(spaces_.size());
    by_free_[group].insert({-quantity, spaces_.size()});
    spaces_.push_back(std::move(space));
  }
}

bool SlotAssigner::take(std::size_t space_index, int position) {
  Space& space = spaces_[space_index];
  if (position < 1 || position > static_cast<int>(space.taken.size())) return false;
  auto index = static_cast<std::size_t>(position - 1);
  if (space.taken[index]) return false;
  space.taken[index] = true;
  auto& order = by_free_[space.group];
  order.erase({-space.free, space_index});
  --space.free;
  order.insert({-space.free, space_index});
  while (space.lowest_free < static_cast<int>(space.taken.size()) &&
         space.taken[static_cast<std::size_t>(space.lowest_free)])
    ++space.lowest_free;
  return true;
}

bool SlotAssigner::keep(const std::string& group, const SlotPlace& place) {
  auto b = by_ref_.find(place.bundle_ref);
  if (b == by_ref_.end() || spaces_[b->second].group != group) return false;
  return take(b->second, place.position);
}

bool SlotAssigner::reserve(const SlotPlace& place) {
  auto b = by_ref_.find(place.bundle_ref);
  return b != by_ref_.end() && take(b->second, place.position);
}

std::optional<SlotPlace> SlotAssigner::place_new(const std::string& group) {
  auto g = by_free_.find(group);
  if (g == by_free_.end() || g->second.empty()) return std::nullopt;
  const std::size_t best = g->second.begin()->second;  // most free, then lowest n
  if (spaces_[best].free <= 0) return std::nullopt;
  const int position = spaces_[best].lowest_free + 1;
  take(best, position);
  return SlotPlace{spaces_[best].bundle_ref, position};
}

int SlotAssigner::capacity(const std::string& group) const {
  int total = 0;
  if (auto g = groups_.find(group); g != groups_.end())
    for (std::size_t index : g->second) total += static_cast<int>(spaces_[index].taken.size());
  return total;
}

int SlotAssigner::taken(const std::string& group) const {
  int total = 0;
  if (auto g = groups_.find(group); g != groups_.end())
    for (std::size_t index : g->second)
      total += static_cast<int>(spaces_[index].taken.size()) - spaces_[index].free;
  return total;
}

int SlotAssigner::bundle_count(const std::string& group) const {
  auto g = groups_.find(group);
  return g == groups_.end() ? 0 : static_cast<int>(g->second.size());
}

}  // namespace ugc::expand
