#pragma once
// Known resources as the planner compares them: only the campaign's own
// bundles and slots, keyed by external_ref after the file's `moved:` renames
// (applied in file order, exactly as expand re-keys slot places), each
// remembering the ref state knows it by. Private to module plan.
#include <deque>
#include <map>
#include <string>
#include <string_view>
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
  // State's record of the slot itself, or (after a `moved:` rename of it or
  // of its bundle) the view's renamed copy: external_ref = key, bundle_ref
  // follows bundle renames. Only renamed slots are copied: a view of 200,000
  // copies was a third of an applied plan's memory.
  struct Slot {
    const state::KnownSlot* slot = nullptr;
    std::string_view state_ref;         // the ref state knows it by
    state::KnownSlot* copy = nullptr;  // the renamed copy, once made (then = slot)
    std::size_t ordinal = 0;            // 0, 1, ... in state's order: the slot's place in per-slot flags
    bool desired = false;               // the file has a slot of this ref (set by ResourceIndex)
  };
  std::map<std::string, Bundle> bundles;
  // Keys view their slot's external_ref. Unordered: looked up once per desired slot.
  std::unordered_map<std::string_view, Slot> slots;
  std::deque<state::KnownSlot> renamed;  // the copies; a deque keeps their addresses

  KnownView() = default;
  KnownView(KnownView&&) = default;
  KnownView(const KnownView&) = delete;  // slots point into `renamed`
  std::map<std::string, std::string> bundle_renamed_by;  // new ref -> ref in state
  std::vector<Note> notes;  // `moved:` entries that do nothing, and why
};

KnownView make_known_view(const expand::DesiredResources& desired, const state::KnownResources& known);

}  // namespace ugc::plan
