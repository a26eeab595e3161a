#pragma once
// What TokPortal's bundle, account and video statuses (docs/tokportal-api.md
// section 8) mean to the planner: which changes the API still takes, which
// lead time applies. Private to module plan.
#include <string>

#include "ugc/state/resources.hpp"

namespace ugc::plan {

// completed, cancelled, archived: the bundle takes no new videos.
bool bundle_closed(const std::string& status);
// Not published yet (pending_setup, draft, or unknown): account and videos may still change.
bool bundle_in_setup(const std::string& status);
// The account exists on the platform: the shorter lead time applies.
bool account_is_delivered(const state::KnownBundle& bundle);

enum class SlotState {
  unconfigured,  // "", pending, unscheduled: free to configure
  configured,    // configured, not yet handed to the manager
  scheduled,     // published/accepted: caption and date may change, media may not
  posted,        // in_review, pending_corrections, finalized: nothing may change
  cancelled,
};
SlotState slot_state(const std::string& status);

}  // namespace ugc::plan
