#pragma once
// The positions of every bundle of one expansion and which are taken. Groups
// are market x platform ("US/tiktok"): a slot may only sit in a bundle of its
// own group. Positions are only ever taken, never released, during one
// expansion, so each bundle's lowest free position only moves forward.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ugc/expand/desired.hpp"

namespace ugc::expand {

std::string group_key(const std::string& market, manifest::Platform platform);

class SlotAssigner {
 public:
  // Borrows `bundles`, which must outlive it (its places view their refs).
  explicit SlotAssigner(const std::vector<DesiredBundle>& bundles);

  // Takes `place` for a slot of `group` if that bundle is in the group, the
  // position exists and nobody holds it yet.
  bool keep(const std::string& group, const SlotPlace& place);
  // Takes `place` in whatever bundle it names (a slot the file no longer has);
  // false when the bundle or position no longer exists or is already held.
  bool reserve(const SlotPlace& place);
  // Takes the place for a new slot of `group`: the bundle with the most free
  // positions (ties: lowest n), its lowest free position. nullopt when full.
  std::optional<SlotPlace> place_new(const std::string& group);

  int capacity(const std::string& group) const;
  int taken(const std::string& group) const;
  int bundle_count(const std::string& group) const;

 private:
  struct Space {
    std::string_view bundle_ref;
    std::vector<bool> taken;  // [position - 1]
    int free = 0;
    int lowest_free = 0;  // index into taken; == taken.size() when full
    std::size_t group = 0;  // index into groups_
  };
  struct Group {
    std::string key;
    std::vector<std::size_t> spaces;  // spaces_ indices, by n
    // (-free, spaces_ index): the first is place_new's choice without a scan
    // of the group per slot (quadratic in accounts x slots).
    std::set<std::pair<int, std::size_t>> by_free;
  };
  bool take(std::size_t space, int position);
  const Group* find_group(const std::string& key) const;

  // Hashed and indexed: taken once or twice per slot, a lookup of ordered
  // string keys per take was most of an expansion from a recorded state.
  std::vector<Space> spaces_;                                   // bundle order
  std::unordered_map<std::string_view, std::size_t> by_ref_;    // bundle_ref -> spaces_ index
  std::vector<Group> groups_;                                   // first-seen order
  std::unordered_map<std::string, std::size_t> group_by_key_;  // key -> groups_ index
};

}  // namespace ugc::expand
