#pragma once
// Refresh: the polling path (`ugc refresh`, `ugc plan --refresh`). It reads
// what TokPortal reports for one campaign's bundles, slots and for account
// bans, writes what it observed into the state (bundle status, account status
// and saved id, slot caption/date/status/video id), and returns the
// differences as Drift. The ordinary plan then diffs the file against that
// state and proposes the restoring actions.
//
// Requests, the fewest the contract allows (docs/tokportal-api.md):
//   - GET /bundles, every page (per_page 100): the external_ref filter is an
//     exact match only, so one listing serves every bundle of the campaign;
//   - GET /account-bans?since=<watermark> (every page); the watermark is the
//     last row's updated_at, kept in the state's meta table;
//   - GET /bundles/{id}/videos only for a bundle whose counters (status,
//     account status, saved account id, slots bought, slots configured, and an
//     `updated_at` when the server sends one) changed since the last refresh,
//     or which holds slots whose caption or date can still change: the
//     contract has no marker for a caption edited in the app.
// Polled bans are recorded as events (state/events.hpp) shaped like the
// webhook envelope, with ids derived from the ban, so a ban seen both by the
// poller and the webhook receiver is handled the same way.
//
// Not thread-safe; the caller holds the state lock.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"
#include "ugc/core/result.hpp"
#include "ugc/events/drift.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

struct RefreshRequest {
  std::string campaign;                          // state bundles of this campaign are compared
  std::vector<std::string> desired_bundle_refs;  // the file's bundles: found but untracked ones are reported
  bool poll_bans = true;
};

struct RefreshReport {
  std::vector<Drift> drift;
  int bundles_known = 0;    // state bundles of the campaign
  int bundles_listed = 0;   // of those (and the file's), how many the listing holds
  int bundles_read = 0;     // bundles whose slot list was read
  int bundles_skipped = 0;  // listed bundles whose slot list was not needed
  int bans_seen = 0;        // rows GET /account-bans returned
  int bans_recorded = 0;    // new events recorded for them
  std::string bans_watermark;  // the `since` kept for the next poll
  std::uint64_t requests = 0;  // API calls this refresh made
};

Result<RefreshReport> refresh_campaign(state::Store& store, api::Client& client, const RefreshRequest& request);

Json to_json(const RefreshReport& report);

}  // namespace ugc::events
