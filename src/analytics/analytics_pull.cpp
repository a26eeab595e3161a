#include "ugc/analytics/analytics_pull.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <set>

#include "ugc/analytics/slot_labels.hpp"
#include "ugc/analytics/snapshot_record.hpp"
#include "ugc/analytics/timestamp.hpp"
#include "ugc/api/analytics.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/client.hpp"
#include "ugc/core/date.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/store.hpp"

namespace ugc::analytics {
namespace {

// One spelling per instant, so "…Z" and "…+00:00" of one scrape are one key.
std::string scrape_key(const std::string& ref, const std::string& scraped_at) {
  auto t = parse_timestamp(scraped_at);
  return ref + "|" + (t ? iso_utc(*t) : scraped_at);
}

// Everything the pull of one campaign consults, built once.
struct PullIndex {
  state::KnownResources known;
  std::map<std::string, SlotLabels> labels;
  std::map<std::string, const state::KnownSlot*> slot_by_ref, slot_by_video_id;
  std::map<std::pair<std::string, int>, const state::KnownSlot*> slot_by_place;
  std::map<std::string, const state::KnownBundle*> bundle_by_ref;
  std::map<std::string, std::string> bundle_ref_by_id;
  std::map<std::string, std::string> moved_to;
  std::map<std::string, CivilDate> earliest_date;  // by bundle ref
  std::set<std::string> stored;                    // scrape_key of every stored row
  std::map<std::string, AccountSnapshot> last_account;  // newest account row by bundle ref
};

Status index_known(const manifest::Campaign& campaign, state::Store& store, PullIndex& ix) {
  auto known = store.load(campaign.id);
  if (!known) return known.error();
  ix.known = std::move(*known);
  auto labels = slot_labels(campaign, ix.known);
  if (!labels) return labels.error().with_context("joining slots to " + campaign.source_file);
  ix.labels = std::move(*labels);
  for (const auto& b : ix.known.bundles) {
    ix.bundle_by_ref[b.external_ref] = &b;
    if (!b.id.empty()) ix.bundle_ref_by_id[b.id] = b.external_ref;
  }
  for (const auto& s : ix.known.slots) {
    ix.slot_by_ref[s.external_ref] = &s;
    if (!s.video_id.empty()) ix.slot_by_video_id[s.video_id] = &s;
    ix.slot_by_place[{s.bundle_ref, s.position}] = &s;
    if (auto d = CivilDate::parse(s.publish_date); d) {
      auto [it, fresh] = ix.earliest_date.emplace(s.bundle_ref, *d);
      if (!fresh && *d < it->second) it->second = *d;
    }
  }
  for (const auto& m : campaign.moved) ix.moved_to[m.from] = m.to;
  return {};
}

Status index_stored(state::Store& store, PullIndex& ix) {
  auto rows = state::snapshots(store);
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    if (auto p = post_snapshot_from(row)) {
      ix.stored.insert(scrape_key(row.ref, p->post.scraped_at));
    } else if (auto a = account_snapshot_from(row)) {
      ix.stored.insert(scrape_key(row.ref, a->scraped_at));
      auto& last = ix.last_account[row.ref];
      if (last.scraped_at.empty() || parse_timestamp(last.scraped_at) <= parse_timestamp(a->scraped_at)) last = *a;
    }
  }
  return {};
}

const state::KnownSlot* slot_of(const PullIndex& ix, const api::VideoAnalytics& v) {
  if (auto it = ix.slot_by_video_id.find(v.video_id); it != ix.slot_by_video_id.end()) return it->second;
  if (auto b = ix.bundle_ref_by_id.find(v.bundle_id); b != ix.bundle_ref_by_id.end())
    if (auto it = ix.slot_by_place.find({b->second, v.position}); it != ix.slot_by_place.end()) return it->second;
  std::string ref = v.external_ref;
  for (int hops = 0; hops < 100 && !ref.empty(); ++hops) {
    if (auto it = ix.slot_by_ref.find(ref); it != ix.slot_by_ref.end()) return it->second;
    auto next = ix.moved_to.find(ref);
    if (next == ix.moved_to.end()) break;
    ref = next->second;
  }
  return nullptr;
}

PostSnapshot post_of(const PullIndex& ix, const std::string& campaign, const state::KnownSlot& slot,
                     const api::VideoAnalytics& v) {
  PostSnapshot s;
  PostMetrics& p = s.post;
  p.slot_ref = slot.external_ref;
  p.campaign = campaign;
  if (auto l = ix.labels.find(slot.external_ref); l != ix.labels.end()) {
    p.bundle_ref = l->second.bundle_ref;
    p.market = l->second.market;
    p.platform = l->second.platform;
    p.creator = l->second.creator;
    p.video = l->second.video;
    p.caption_variant = l->second.caption_variant;
  } else {  // no longer in the file: what the state knows
    p.bundle_ref = slot.bundle_ref;
    p.video = slot.campaign_video;
    if (auto b = ix.bundle_by_ref.find(slot.bundle_ref); b != ix.bundle_by_ref.end()) {
      p.market = b->second->market;
      p.platform = b->second->platform;
    }
  }
  p.bundle_ref = slot.bundle_ref;
  p.scraped_at = v.scraped_at;
  p.views = v.views;
  p.likes = v.likes;
  p.comments = v.comments;
  p.shares = v.shares;
  s.video_id = v.video_id;
  s.account_id = v.account_id;
  s.published_at = v.published_at;
  s.bookmarks = v.bookmarks;
  return s;
}

AccountSnapshot account_of(const state::KnownBundle& b, const api::AccountAnalytics& a,
                           const std::string& account_id, const std::string& next_refresh_at) {
  AccountSnapshot s;
  s.bundle_ref = b.external_ref;
  s.campaign = b.campaign;
  s.market = b.market;
  s.platform = b.platform;
  s.account_id = a.account_id.empty() ? account_id : a.account_id;
  s.scraped_at = a.scraped_at;
  s.next_refresh_at = next_refresh_at;
  s.followers = a.followers_count;
  s.following = a.following_count;
  s.videos_tracked = a.total_videos_tracked;
  s.views = a.total_views;
  s.likes = a.total_likes;
  s.comments = a.total_comments;
  s.shares = a.total_shares;
  s.bookmarks = a.total_bookmarks;
  return s;
}

// Stores what is new, in one transaction for the account.
Status store_new(state::Store& store, PullIndex& ix, const std::vector<state::AnalyticsSnapshot>& rows,
                 AccountPull& out) {
  auto tx = store.begin();
  if (!tx) return tx.error();
  for (const auto& row : rows) {
    const std::string key = scrape_key(row.ref, row.metrics.value("scraped_at", std::string()));
    if (ix.stored.count(key)) continue;
    UGC_TRY(state::insert_snapshot(store, row));
    ix.stored.insert(key);
    ++out.stored;
  }
  return tx->commit();
}

class AccountPuller {
 public:
  AccountPuller(const manifest::Campaign& campaign, state::Store& store, api::Client& client,
                const PullOptions& options, PullIndex& ix)
      : campaign_(campaign), store_(store), client_(client), options_(options), ix_(ix) {}

  AccountPull pull(const state::KnownBundle& bundle, const std::string& account_id,
                   std::optional<Seconds> server_now) {
    AccountPull out;
    out.bundle_ref = bundle.external_ref;
    out.account_id = account_id;
    if (account_id.empty()) return out;
    const auto before = client_.stats().requests.load();
    Status st = run(bundle, account_id, server_now, out);
    out.requests = static_cast<int>(client_.stats().requests.load() - before);
    if (!st) {
      out.outcome = AccountOutcome::failed;
      out.error = st.error().message();
    }
    return out;
  }

 private:
  // Our newest scrape of this account, if the server said it stays current until after now.
  const AccountSnapshot* current_scrape(const std::string& bundle_ref, const std::string& account_id,
                                        std::optional<Seconds> server_now) const {
    auto it = ix_.last_account.find(bundle_ref);
    if (it == ix_.last_account.end() || it->second.account_id != account_id || !server_now) return nullptr;
    auto until = parse_timestamp(it->second.next_refresh_at);
    return until && *server_now < *until ? &it->second : nullptr;
  }

  // True when the scrape the server holds is one we stored already.
  bool have_scrape(const std::string& bundle_ref, const std::string& account_id, const std::string& scraped_at) const {
    auto it = ix_.last_account.find(bundle_ref);
    if (it == ix_.last_account.end() || it->second.account_id != account_id || scraped_at.empty()) return false;
    return parse_timestamp(it->second.scraped_at) == parse_timestamp(scraped_at);
  }

  Status refresh_if_allowed(const std::string& bundle_ref, const std::string& account_id, AccountPull& out) {
    auto check = api::can_refresh_analytics(client_, account_id);
    if (!check) return check.error();
    if (!check->can_refresh) {
      out.outcome = have_scrape(bundle_ref, account_id, check->last_refreshed_at) ? AccountOutcome::kept
                                                                                  : AccountOutcome::cooldown;
      out.next_refresh_at = check->next_refresh_at;
      if (out.outcome == AccountOutcome::kept) out.scraped_at = check->last_refreshed_at;
      return {};
    }
    auto done = api::refresh_analytics(client_, account_id);
    if (!done) {
      if (done.error().code() != api::kAnalyticsRefreshCooldown) return done.error();
      out.outcome = AccountOutcome::cooldown;  // lost a race with another refresher
      return {};
    }
    out.outcome = AccountOutcome::refreshed;
    out.next_refresh_at = done->next_refresh_at;
    return {};
  }

  Status run(const state::KnownBundle& bundle, const std::string& account_id, std::optional<Seconds> server_now,
             AccountPull& out) {
    if (const AccountSnapshot* kept = current_scrape(bundle.external_ref, account_id, server_now)) {
      out.outcome = AccountOutcome::kept;
      out.scraped_at = kept->scraped_at;
      out.next_refresh_at = kept->next_refresh_at;
      return {};
    }
    if (options_.refresh) {
      UGC_TRY(refresh_if_allowed(bundle.external_ref, account_id, out));
      if (out.outcome == AccountOutcome::kept) return {};  // the server holds the scrape we stored
    } else {
      out.outcome = AccountOutcome::read;
    }
    auto account = api::get_account_analytics(client_, account_id);
    if (!account) return account.error();
    if (!*account) {
      out.outcome = AccountOutcome::no_data;
      return {};
    }
    out.scraped_at = (*account)->scraped_at;
    api::VideoAnalyticsQuery query;
    if (auto d = ix_.earliest_date.find(bundle.external_ref); d != ix_.earliest_date.end())
      query.stop_before = d->second.plus_days(-1).str();
    auto videos = api::list_video_analytics(client_, account_id, query);
    if (!videos) return videos.error();
    std::vector<state::AnalyticsSnapshot> rows;
    rows.push_back(to_snapshot(account_of(bundle, **account, account_id, out.next_refresh_at)));
    if (*videos) {
      out.pages = (*videos)->pages_read;
      for (const auto& v : (*videos)->videos) {
        const state::KnownSlot* slot = slot_of(ix_, v);
        if (!slot) {
          ++out.unmatched;
          continue;
        }
        ++out.posts;
        rows.push_back(to_snapshot(post_of(ix_, campaign_.id, *slot, v)));
      }
    }
    UGC_TRY(store_new(store_, ix_, rows, out));
    if (auto a = account_snapshot_from(rows.front())) ix_.last_account[bundle.external_ref] = *a;
    return {};
  }

  const manifest::Campaign& campaign_;
  state::Store& store_;
  api::Client& client_;
  const PullOptions& options_;
  PullIndex& ix_;
};

}  // namespace

const char* to_string(AccountOutcome outcome) {
  switch (outcome) {
    case AccountOutcome::refreshed: return "refreshed";
    case AccountOutcome::cooldown: return "cooldown";
    case AccountOutcome::kept: return "kept";
    case AccountOutcome::read: return "read";
    case AccountOutcome::no_data: return "no_data";
    case AccountOutcome::no_account: return "no_account";
    case AccountOutcome::failed: return "failed";
  }
  return "failed";
}

bool PullReport::complete() const {
  for (const auto& a : accounts)
    if (a.outcome == AccountOutcome::failed) return false;
  return true;
}

Result<PullReport> pull_analytics(const manifest::Campaign& campaign, state::Store& store, api::Client& client,
                                  const PullOptions& options) {
  PullIndex ix;
  UGC_TRY(index_known(campaign, store, ix));
  if (ix.known.bundles.empty())
    return not_found("the state " + store.path() + " knows no bundle of campaign " + campaign.id +
                     ": run `ugc apply` first");
  UGC_TRY(index_stored(store, ix));

  PullReport report;
  report.campaign = campaign.id;
  const auto start = client.stats().snapshot();
  auto listed = api::list_bundles(client);
  if (!listed) return listed.error().with_context("listing bundles to find their delivered accounts");
  std::map<std::string, std::string> account_by_bundle_id;
  for (const auto& b : *listed) account_by_bundle_id[b.id] = b.saved_account_id;
  std::optional<Seconds> server_now;
  if (auto date = client.last_server_date()) server_now = parse_http_date(*date);

  AccountPuller puller(campaign, store, client, options, ix);
  for (const auto& b : ix.known.bundles) {
    if (b.id.empty()) continue;  // never created
    std::string account_id;
    if (auto it = account_by_bundle_id.find(b.id); it != account_by_bundle_id.end()) account_id = it->second;
    else if (b.account) account_id = b.account->saved_account_id;
    report.accounts.push_back(puller.pull(b, account_id, server_now));
    const AccountPull& a = report.accounts.back();
    spdlog::debug("analytics {}: {} ({} requests)", a.bundle_ref, to_string(a.outcome), a.requests);
  }
  const auto end = client.stats().snapshot();
  report.requests = end.requests - start.requests;
  report.rate_limited = end.rate_limited - start.rate_limited;
  if (auto date = client.last_server_date()) report.server_date = *date;
  report.rate_capacity = client.rate_limiter().capacity();
  report.rate_refill_per_second = client.rate_limiter().refill_per_second();
  return report;
}

}  // namespace ugc::analytics
