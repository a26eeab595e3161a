#include "lifecycle.hpp"

namespace ugc::plan {

bool bundle_closed(const std::string& status) {
  return status == "completed" || status == "cancelled" || status == "archived";
}

bool bundle_in_setup(const std::string& status) {
  return status.empty() || status == "pending_setup" || status == "draft";
}

bool account_is_delivered(const state::KnownBundle& bundle) {
  if (!bundle.account) return false;
  const auto& s = bundle.account->status;
  return !bundle.account->saved_account_id.empty() || s == "in_review" || s == "pending_corrections" ||
         s == "finalized";
}

SlotState slot_state(const std::string& status) {
  if (status == "configured") return SlotState::configured;
  if (status == "published" || status == "accepted") return SlotState::scheduled;
  if (status == "in_review" || status == "pending_corrections" || status == "finalized") return SlotState::posted;
  if (status == "cancelled") return SlotState::cancelled;
  return SlotState::unconfigured;  // "", "pending", "unscheduled"
}

}  // namespace ugc::plan
