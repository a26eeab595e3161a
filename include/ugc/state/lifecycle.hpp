#pragma once
// Lifecycle records: what TokPortal's events say happened to the bundles,
// accounts and slots ugc created (statuses with the time of the event that set
// them, the reason of a cancel, the post URL), plus the history of bans and
// remakes. Plain reads and writes: the events module decides what an event
// means (ugc/events/lifecycle_update.hpp) and writes through these.
//
// A write that changes a status, a username or a saved account id changes
// what a plan sees, so it bumps the serial; last_event_at alone does not.
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

// A status and the created_at (ISO 8601) of the event that set it; `at` is
// empty for a status apply wrote from an API answer.
struct StatusStamp {
  std::string status;
  std::string at;
};

struct BundleLifecycle {
  std::string ref;
  StatusStamp bundle;
  std::string cancel_reason;
  std::string last_event_at;
  bool has_account = false;  // an accounts row exists (written back with the fields below)
  StatusStamp account;
  std::string username;  // as delivered (accounts.delivered_username)
  std::string saved_account_id;
};

struct SlotLifecycle {
  std::string external_ref;
  std::string bundle_ref;
  int position = 0;
  std::string video_id;
  StatusStamp slot;
  std::string status_before_cancel;
  std::string post_url;
};

struct AccountBan {
  std::string ban_key;  // TokPortal's ban id, else "account:<saved_account_id>"
  std::string bundle_ref;
  std::string saved_account_id;
  std::string username;
  std::string status;     // ban status ("no_appeal_banned", ...)
  std::string banned_at;  // ISO 8601
};

struct AccountRemake {
  std::string event_id;
  std::string bundle_ref;
  std::string previous_saved_account_id;
  std::string saved_account_id;
  std::string remade_at;
};

// The bundle an event is about: by external_ref, else by TokPortal bundle id,
// else by the saved account delivered on it. nullopt when ugc does not know it.
Result<std::optional<BundleLifecycle>> find_bundle_lifecycle(Store& store, const std::string& external_ref,
                                                             const std::string& bundle_id,
                                                             const std::string& saved_account_id);
// Writes every field back (the account row is created when has_account and missing).
Status write_bundle_lifecycle(Store& store, const BundleLifecycle& bundle);

// The recorded slots of a bundle, by position.
Result<std::vector<SlotLifecycle>> slot_lifecycles(Store& store, const std::string& bundle_ref);
// Writes status, status_at, status_before_cancel, post_url and video_id of a recorded slot.
Status write_slot_lifecycle(Store& store, const SlotLifecycle& slot);

// Both keyed: recording one again changes nothing but its status.
Status record_account_ban(Store& store, const AccountBan& ban);
Status record_account_remake(Store& store, const AccountRemake& remake);
// Oldest first.
Result<std::vector<AccountBan>> account_bans(Store& store);
Result<std::vector<AccountRemake>> account_remakes(Store& store);

}  // namespace ugc::state
