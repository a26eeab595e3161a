#pragma once
// Known resources as the planner compares them: only the campaign's own
// bundles and slots, keyed by external_ref after the file's `moved:` renames
// (applied in file order, exactly as expand re-keys slot places), each
// remembering the ref state knows it by. Private to module plan.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "ugc/expand/desired.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::plan {

struct KnownView {
  struct Bundle {
    state::KnownBundle bundle;  // external_ref = key
    std::string state_ref;
  };
  struct Slot {
    state::KnownSlot slot;  // external_ref = key; bundle_ref follows bundle renames
    std::string state_ref;
  };
  std::map<std::string, Bundle> bundles;
  std::unordered_map<std::string, Slot> slots;  // unordered: looked up once per desired slot
  std::map<std::string, std::string> bundle_renamed_by;  // new ref -> ref in state
  std::vector<Note> notes;  // `moved:` entries that do nothing, and why
};

KnownView make_known_view(const expand::DesiredResources& desired, const state::KnownResources& known);

}  // namespace ugc::plan
