#pragma once
// Known resources: what the state store records about what exists at
// TokPortal, as plain data. The planner diffs DesiredResources against this;
// apply and the event/poller paths write it through the Store.
#include <optional>
#include <string>
#include <vector>

namespace ugc::state {

struct KnownAccount {
  std::string username;
  std::string visible_name;
  std::string biography;
  std::string profile_picture_sha256;  // content hash of the picture that was configured
  std::string status;                  // account_status from the API ("configured", "in_review", ...)
  std::string saved_account_id;        // delivered account id; empty until in_review
  std::string delivered_username;      // as TokPortal reports it in events; empty until then
};

struct KnownBundle {
  std::string external_ref;
  std::string id;         // TokPortal bundle id
  std::string campaign;
  std::string market;     // canonical alpha-2
  std::string country;    // as the API echoed it ("USA")
  std::string platform;   // "tiktok" | "instagram"
  int index = 0;
  int videos_quantity = 0;  // slots bought
  std::string status;       // bundle status ("pending_setup", "published", ...)
  std::optional<KnownAccount> account;  // set once configured
  // From lifecycle events (ugc/state/lifecycle.hpp); upserts leave them alone.
  std::string cancel_reason;  // why TokPortal cancelled it ("account_banned", ...)
  std::string last_event_at;  // created_at of the newest event about it, or its slots
};

struct KnownSlot {
  std::string external_ref;
  std::string bundle_ref;
  int position = 0;
  std::string video_id;      // TokPortal video id, once known
  std::string campaign_video;  // video id in the campaign file
  std::string media_sha256;  // content hash (or url) of the media configured
  std::string video_url;     // URL sent to the API
  std::string caption;
  std::string publish_date;  // YYYY-MM-DD as configured
  std::string status;        // "pending", "configured", "published", ..., "unscheduled"
  std::string post_url;      // from lifecycle events once posted; upserts leave it alone
};

struct KnownMedia {
  std::string sha256;
  std::string purpose;       // "video" | "profile_picture"
  std::string public_url;
  std::string storage_path;  // for images
};

struct KnownResources {
  long long serial = 0;  // meta serial at read time
  std::vector<KnownBundle> bundles;
  std::vector<KnownSlot> slots;
  std::vector<KnownMedia> media;
};

}  // namespace ugc::state
