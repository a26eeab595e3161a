#pragma once
// What one desired bundle needs, decided (bundle_decisions.cpp and the files
// it calls) before any action is built; the action builders then read it and
// fill in the ids of the actions they made, for later ones to depend on.
// Private to module plan.
#include <string>
#include <string_view>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::plan {

struct SlotWork {
  const expand::DesiredSlot* want = nullptr;
  const state::KnownSlot* have = nullptr;  // nullptr: never configured
  std::string_view state_ref;              // ref state knows the slot by (differs after `moved:`)
  SlotRecord record;                       // what is sent / recorded
  std::vector<FieldChange> changes;
  bool media_changed = false;
};

struct BundleWork {
  const expand::DesiredBundle* want = nullptr;
  const state::KnownBundle* have = nullptr;  // nullptr: to create
  std::string state_ref;                     // ref in state (differs when renamed by `moved:`)
  std::string country;
  bool delivered = false;
  CivilDate earliest;
  bool publishable_account = false;  // every field publish requires is in the file

  bool configure_account = false;
  std::string account_reason;
  std::vector<FieldChange> account_changes;
  int add_slots = 0;
  std::vector<SlotWork> configure;                      // batch PUT
  std::vector<SlotWork> patch;                          // PATCH, one request each
  std::vector<const state::KnownSlot*> publish_known;  // configured in state, not yet published
  bool publish = false;  // the bundle goes pending_setup -> published in this plan

  // Filled while building actions.
  std::string create_action;
  std::string rename_action;
  std::string account_action;
};

}  // namespace ugc::plan
