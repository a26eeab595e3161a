#pragma once
// Pull: fetch account and per-post analytics for every delivered account of a
// campaign (docs/tokportal-api.md §10) and store them as timestamped
// snapshots (snapshot_record.hpp), so growth can be shown later.
//
// Per bundle the state knows (with a TokPortal id), in ref order:
//   - its current saved account, from GET /bundles (every page; one list for
//     the whole campaign): after a ban and remake the bundle names the new
//     account, and its snapshots continue the same bundle ref's history;
//   - if the last stored scrape of that account is still inside the cooldown
//     the server announced (next_refresh_at, judged by the server's Date),
//     nothing is asked: the server would answer the very same scrape;
//   - else GET can-refresh, and POST refresh only when it says yes (never into
//     a cooldown); a 429 ANALYTICS_REFRESH_COOLDOWN in a race is "in cooldown";
//   - GET account analytics and GET analytics/videos (per_page 100, newest
//     first, stopping at the page that reaches posts older than the bundle's
//     earliest slot date). 404 ANALYTICS_NOT_FOUND means "no data yet".
// Posts are matched to slots by video id, then by (bundle, position) through
// the slot assignment, then by the slot external_ref (following `moved:`).
// A scrape already stored (same ref and scraped_at) is not stored twice.
// Requests go through the Client's rate limiter. An account that fails is
// reported and the others are still pulled.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::api { class Client; }
namespace ugc::state { class Store; }

namespace ugc::analytics {

struct PullOptions {
  bool refresh = true;  // false (--no-refresh): read what the server has, never ask for a scrape
};

enum class AccountOutcome {
  refreshed,    // a new scrape was made and read
  cooldown,     // refresh not allowed yet: the stored scrape was read
  kept,         // our last scrape is still current (cooldown): nothing asked
  read,         // --no-refresh: read what was there
  no_data,      // ANALYTICS_NOT_FOUND: nothing scraped yet
  no_account,   // the bundle has no delivered account yet
  failed,       // an error; see AccountPull::error
};
const char* to_string(AccountOutcome outcome);

struct AccountPull {
  std::string bundle_ref;
  std::string account_id;
  AccountOutcome outcome = AccountOutcome::no_account;
  std::string scraped_at;       // of the data read (or kept); empty when none
  std::string next_refresh_at;  // when known
  int posts = 0;                // posts of this campaign in the data
  int stored = 0;               // snapshots newly stored (posts and the account)
  int pages = 0;                // pages of analytics/videos read
  int unmatched = 0;            // posts on the account that are not this campaign's slots
  int requests = 0;             // API calls made for this account
  std::string error;
};

struct PullReport {
  std::string campaign;
  std::string server_date;  // Date header of the last answer (server "now")
  std::vector<AccountPull> accounts;
  std::uint64_t requests = 0;  // API calls of the whole pull, the bundle list included
  std::uint64_t rate_limited = 0;  // 429s received (the client waited them out)
  double rate_capacity = 0, rate_refill_per_second = 0;  // the limit as the server announced it
  bool complete() const;  // no account failed
};

Result<PullReport> pull_analytics(const manifest::Campaign& campaign, state::Store& store, api::Client& client,
                                  const PullOptions& options = {});

}  // namespace ugc::analytics
