#include "ugc/cli/campaign_status.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "ugc/expand/expand.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/state/state_uri.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {

void SlotCounts::count(const std::string& status) {
  ++videos;
  if (status == "configured") ++configured;
  if (status == "published" || status == "accepted") ++published;
  if (status == "in_review" || status == "pending_corrections") ++in_review, ++posted;
  if (status == "finalized") ++finalized, ++posted;
  if (status == "cancelled") ++failed;
}

void SlotCounts::add(const SlotCounts& o) {
  videos += o.videos;
  configured += o.configured;
  published += o.published;
  in_review += o.in_review;
  posted += o.posted;
  finalized += o.finalized;
  failed += o.failed;
}

namespace {

std::string creator_of(const manifest::Campaign& campaign, const std::string& video_id) {
  for (const auto& v : campaign.videos)
    if (v.id == video_id)
      if (const manifest::Media* m = campaign.find_media(v.media)) return m->creator;
  return {};
}

bool waiting_to_post(const std::string& status) {
  return status == "configured" || status == "published" || status == "accepted";
}

void note_attention(BundleStatus& b) {
  if (b.status == "cancelled")
    b.attention.push_back("bundle cancelled" + (b.cancel_reason.empty() ? "" : " (" + b.cancel_reason + ")"));
  if (b.account_status == "banned")
    b.attention.push_back("account " + (b.username.empty() ? b.saved_account_id : b.username) + " banned");
  if (b.account_status == "pending_corrections") b.attention.push_back("account: corrections requested");
  for (const auto& v : b.videos)
    if (v.status == "pending_corrections") b.attention.push_back("video " + v.video_id + ": corrections requested");
}

BundleStatus bundle_status_of(const state::KnownBundle& k) {
  BundleStatus b;
  b.external_ref = k.external_ref;
  b.bundle_id = k.id;
  b.market = k.market;
  b.platform = k.platform;
  b.status = k.status.empty() ? "pending_setup" : k.status;
  b.cancel_reason = k.cancel_reason;
  b.last_event_at = k.last_event_at;
  if (k.account) {
    b.username = k.account->delivered_username.empty() ? k.account->username : k.account->delivered_username;
    b.account_status = k.account->status;
    b.saved_account_id = k.account->saved_account_id;
  }
  return b;
}

void finish_bundle(BundleStatus& b) {
  std::sort(b.videos.begin(), b.videos.end(),
            [](const VideoStatus& x, const VideoStatus& y) { return x.external_ref < y.external_ref; });
  for (const auto& v : b.videos) {
    b.slots.count(v.status == "not configured" ? "" : v.status);
    if (waiting_to_post(v.status) && (b.next_publish_date.empty() || v.publish_date < b.next_publish_date))
      b.next_publish_date = v.publish_date;
  }
  note_attention(b);
}

struct Gathered {
  std::map<std::string, BundleStatus> bundles;  // by external_ref
};

Status gather_known(const manifest::Campaign& campaign, state::Store& store, const state::KnownResources& known,
                    Gathered& g) {
  for (const auto& k : known.bundles) g.bundles[k.external_ref] = bundle_status_of(k);
  for (const auto& s : known.slots) {
    auto it = g.bundles.find(s.bundle_ref);
    if (it == g.bundles.end()) continue;
    it->second.videos.push_back(
        {s.external_ref, s.campaign_video, creator_of(campaign, s.campaign_video), s.status, s.publish_date, s.post_url});
  }
  auto bans = state::account_bans(store);
  if (!bans) return bans.error();
  for (auto& ban : *bans)
    if (auto it = g.bundles.find(ban.bundle_ref); it != g.bundles.end()) it->second.bans.push_back(std::move(ban));
  auto remakes = state::account_remakes(store);
  if (!remakes) return remakes.error();
  for (const auto& r : *remakes)
    if (auto it = g.bundles.find(r.bundle_ref); it != g.bundles.end()) ++it->second.remakes;
  return {};
}

// What the file wants that the state does not record yet.
Status gather_desired(const manifest::Campaign& campaign, const state::KnownResources& known, Gathered& g) {
  std::set<std::string> known_slots;
  for (const auto& s : known.slots) known_slots.insert(s.external_ref);
  auto desired = expand::expand_campaign(campaign, plan::recorded_places(known));
  if (!desired) return desired.error();
  for (const auto& d : desired->bundles) {
    if (g.bundles.count(d.external_ref)) continue;
    BundleStatus b;
    b.external_ref = d.external_ref;
    b.market = d.market;
    b.platform = manifest::to_string(d.platform);
    b.status = "not created";
    b.username = d.account.username;
    g.bundles[d.external_ref] = std::move(b);
  }
  for (const auto& s : desired->slots) {
    if (known_slots.count(s.external_ref)) continue;
    auto it = g.bundles.find(s.bundle_ref);
    if (it == g.bundles.end()) continue;
    it->second.videos.push_back({s.external_ref, s.video_id, creator_of(campaign, s.video_id), "not configured",
                                 s.publish_date.str(), ""});
  }
  return {};
}

// Markets in file order, each platform in the market's order; then what the
// state has for markets or platforms the file no longer names.
std::vector<MarketStatus> group_by_market(const manifest::Campaign& campaign, Gathered& g) {
  std::vector<MarketStatus> markets;
  std::map<std::pair<std::string, std::string>, std::size_t> slot;
  for (const auto& m : campaign.markets)
    for (auto p : m.platforms) {
      slot[{m.code, manifest::to_string(p)}] = markets.size();
      markets.push_back({m.code, manifest::to_string(p), {}, {}});
    }
  for (auto& [ref, b] : g.bundles) {
    finish_bundle(b);
    auto key = std::make_pair(b.market, b.platform);
    if (!slot.count(key)) {
      slot[key] = markets.size();
      markets.push_back({b.market, b.platform, {}, {}});
    }
    MarketStatus& m = markets[slot[key]];
    m.slots.add(b.slots);
    m.bundles.push_back(std::move(b));
  }
  return markets;
}

OrderedJson counts_json(const SlotCounts& c) {
  return OrderedJson{{"videos", c.videos},       {"configured", c.configured}, {"published", c.published},
                     {"in_review", c.in_review}, {"posted", c.posted},         {"finalized", c.finalized},
                     {"failed", c.failed}};
}

OrderedJson or_null(const std::string& s) { return s.empty() ? OrderedJson(nullptr) : OrderedJson(s); }

OrderedJson bundle_json(const BundleStatus& b) {
  OrderedJson bans = OrderedJson::array();
  for (const auto& ban : b.bans)
    bans.push_back(OrderedJson{{"ban_id", ban.ban_key},
                               {"saved_account_id", ban.saved_account_id},
                               {"username", ban.username},
                               {"status", ban.status},
                               {"banned_at", ban.banned_at}});
  OrderedJson videos = OrderedJson::array();
  for (const auto& v : b.videos)
    videos.push_back(OrderedJson{{"external_ref", v.external_ref},
                                 {"video", v.video_id},
                                 {"creator", or_null(v.creator)},
                                 {"status", v.status},
                                 {"publish_date", or_null(v.publish_date)},
                                 {"post_url", or_null(v.post_url)}});
  return OrderedJson{{"external_ref", b.external_ref},
                     {"bundle_id", or_null(b.bundle_id)},
                     {"status", b.status},
                     {"cancel_reason", or_null(b.cancel_reason)},
                     {"account",
                      OrderedJson{{"username", or_null(b.username)},
                                  {"status", or_null(b.account_status)},
                                  {"saved_account_id", or_null(b.saved_account_id)}}},
                     {"slots", counts_json(b.slots)},
                     {"next_publish_date", or_null(b.next_publish_date)},
                     {"bans", std::move(bans)},
                     {"remakes", b.remakes},
                     {"last_event_at", or_null(b.last_event_at)},
                     {"attention", b.attention},
                     {"videos", std::move(videos)}};
}

std::string cell(const std::string& s, std::size_t width) {
  std::string out = s.empty() ? "-" : s;
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string number_cells(const SlotCounts& c) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%6d %5d %5d %6d %6d %5d %6d", c.videos, c.configured, c.published, c.in_review,
                c.posted, c.finalized, c.failed);
  return buf;
}

}  // namespace

Result<CampaignStatus> read_campaign_status(const manifest::Campaign& campaign, state::Store* store,
                                            const std::string& state_file) {
  CampaignStatus status;
  status.campaign = campaign.id;
  status.campaign_file = campaign.source_file;
  status.state_file = state::redact_state_uri(state_file);  // a URI may carry a password
  state::KnownResources known;
  if (store) {
    auto loaded = store->load(campaign.id);
    if (!loaded) return loaded.error();
    known = std::move(*loaded);
  }
  Gathered g;
  if (store) UGC_TRY(gather_known(campaign, *store, known, g).context("reading the state"));
  UGC_TRY(gather_desired(campaign, known, g));
  status.markets = group_by_market(campaign, g);
  for (const auto& m : status.markets) {
    status.slots.add(m.slots);
    for (const auto& b : m.bundles)
      if (!b.attention.empty()) ++status.bundles_needing_attention;
  }
  return status;
}

OrderedJson to_json(const CampaignStatus& s) {
  OrderedJson markets = OrderedJson::array();
  for (const auto& m : s.markets) {
    OrderedJson bundles = OrderedJson::array();
    for (const auto& b : m.bundles) bundles.push_back(bundle_json(b));
    markets.push_back(OrderedJson{
        {"market", m.market}, {"platform", m.platform}, {"slots", counts_json(m.slots)}, {"bundles", bundles}});
  }
  return OrderedJson{{"campaign", s.campaign},
                     {"campaign_file", s.campaign_file},
                     {"state", s.state_file},
                     {"needs_attention", s.needs_attention()},
                     {"bundles_needing_attention", s.bundles_needing_attention},
                     {"slots", counts_json(s.slots)},
                     {"markets", std::move(markets)}};
}

std::string render_status_text(const CampaignStatus& s, const Palette& c) {
  std::string out = c.bold() + "Campaign " + s.campaign + c.reset() + " (" + s.campaign_file + ", state " +
                    s.state_file + "): " + std::to_string(s.slots.posted) + "/" + std::to_string(s.slots.videos) +
                    " videos posted";
  out += s.needs_attention() ? ", " + c.red() + std::to_string(s.bundles_needing_attention) +
                                   " bundle(s) need attention" + c.reset() + "\n"
                             : "\n";
  for (const auto& m : s.markets) {
    out += "\n" + c.bold() + m.market + " " + m.platform + c.reset() + "\n";
    out += "  " + cell("BUNDLE", 34) + " " + cell("STATUS", 14) + " " + cell("ACCOUNT", 24) + " " +
           cell("ACCOUNT STATUS", 19) + " VIDEOS  CONF  PUBL REVIEW POSTED  FINL FAILED " + cell("NEXT", 10) +
           " BANS LAST EVENT\n";
    for (const auto& b : m.bundles) {
      const std::string colour = b.attention.empty() ? (b.slots.videos > 0 && b.slots.posted == b.slots.videos
                                                            ? c.green()
                                                            : "")
                                                      : c.red();
      out += "  " + colour + cell(b.external_ref, 34) + c.reset() + " " + cell(b.status, 14) + " " +
             cell(b.username, 24) + " " + cell(b.account_status, 19) + " " + number_cells(b.slots) + " " +
             cell(b.next_publish_date, 10) + " " + std::to_string(b.bans.size()) + "    " +
             (b.last_event_at.empty() ? "-" : b.last_event_at) + "\n";
      for (const auto& a : b.attention) out += "    " + c.red() + "! " + a + c.reset() + "\n";
    }
    if (m.bundles.empty()) out += "  (no bundle)\n";
  }
  return out;
}

}  // namespace ugc::cli
