#pragma once
// What `ugc status FILE` shows: the campaign's bundles per market and
// platform as the state knows them from apply and from lifecycle events
// (docs/lifecycle.md, "Watching a campaign"), read from the state file and the
// campaign file only (no API call). Every bundle and video keeps its
// external_ref, so a row traces back to market, platform, video and creator.
#include <string>
#include <vector>

#include "ugc/cli/terminal.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/manifest/campaign.hpp"
#include "ugc/state/lifecycle.hpp"

namespace ugc::state {
class Store;
}

namespace ugc::cli {

// Video slots by where they are in §8.3's lifecycle. posted = in_review +
// finalized (in_review counts pending_corrections, published counts accepted);
// failed = cancelled.
struct SlotCounts {
  int videos = 0;  // slots of the bundle: recorded in the state, or wanted by the file
  int configured = 0;
  int published = 0;
  int in_review = 0;
  int posted = 0;
  int finalized = 0;
  int failed = 0;

  void count(const std::string& status);
  void add(const SlotCounts& other);
};

struct VideoStatus {
  std::string external_ref;
  std::string video_id;  // in the campaign file
  std::string creator;   // of the video's media; empty when the file no longer has the video
  std::string status;    // slot status; "not configured" when the state has no slot yet
  std::string publish_date;
  std::string post_url;
};

struct BundleStatus {
  std::string external_ref;
  std::string bundle_id;
  std::string market;
  std::string platform;
  std::string status;  // "not created" before apply creates it
  std::string cancel_reason;
  std::string username;
  std::string account_status;
  std::string saved_account_id;
  std::string next_publish_date;  // earliest date of a video not posted yet
  std::string last_event_at;
  int remakes = 0;
  std::vector<state::AccountBan> bans;
  SlotCounts slots;
  std::vector<VideoStatus> videos;
  std::vector<std::string> attention;  // what needs a human: ban, cancel, corrections
};

struct MarketStatus {
  std::string market;
  std::string platform;
  std::vector<BundleStatus> bundles;
  SlotCounts slots;
};

struct CampaignStatus {
  std::string campaign;
  std::string campaign_file;
  std::string state_file;
  std::vector<MarketStatus> markets;  // file order of markets, then platforms
  SlotCounts slots;
  int bundles_needing_attention = 0;
  bool needs_attention() const { return bundles_needing_attention > 0; }
};

// `store`: nullptr when there is no state file yet (nothing created).
Result<CampaignStatus> read_campaign_status(const manifest::Campaign& campaign, state::Store* store,
                                            const std::string& state_file);

OrderedJson to_json(const CampaignStatus& status);
std::string render_status_text(const CampaignStatus& status, const Palette& colors);

}  // namespace ugc::cli
