#pragma once
// Plan: what apply will do to bring TokPortal from what the state records to
// what a campaign file says. THE PLAN IS THE CONTRACT FOR APPLY: apply runs
// exactly these actions, in an order compatible with `depends_on`, making
// exactly the requests listed (so the plan's request count is an upper bound on
// what apply sends; retries excepted). Nothing here is ever a delete.
//
// Requests name things only known at apply time through placeholders:
//   {bundle:<external_ref>}       TokPortal id of that bundle (from state, or
//                                 from the create action that makes it);
//                                 appears in paths, form fields and body strings
//   {media:<media key>}           public_url of media uploaded by an upload_media action
//   {media_storage:<media key>}   storage_path of an uploaded image (profile_picture_url)
// A placeholder in a JSON body is always a whole string value. A media key is
// the file's sha256, or the URL itself for media given by URL (the same key
// KnownSlot::media_sha256 and KnownMedia::sha256 hold).
//
// Records (bundles/account/slots/media) say what apply writes to state once an
// action's requests succeeded; apply takes ids and URLs from the responses.
// Idempotency keys should be derived from the action id, the request index and
// the request body (ids are stable across plans of the same change, but a later
// plan may reuse an id with a different body).
//
// Plain data; (de)serialised by plan_json.hpp, rendered by render.hpp.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/core/json.hpp"

namespace ugc::plan {

inline constexpr int kPlanFormatVersion = 1;

enum class ActionKind {
  upload_media,         // POST /upload/video/direct | /upload/image/direct | /upload/image/from-url
  create_bundle,        // POST /bundles
  create_bundles_bulk,  // POST /bundles/bulk (one country; several bundles of one shape)
  rename_bundle,        // PATCH /bundles/{id} {external_ref} (a `moved:` entry)
  configure_account,    // PUT /bundles/{id}/account
  add_video_slots,      // POST /bundles/{id}/add-video-slots (paid)
  configure_videos,     // PUT /bundles/{id}/videos/batch (optionally auto_publish)
  patch_video,          // PATCH /bundles/{id}/videos/{position}
  publish_bundle,       // POST /bundles/{id}/publish
  publish_videos,       // POST /bundles/{id}/videos/publish-all
  unschedule_video,     // POST /bundles/{id}/videos/{position}/unschedule
};
const char* to_string(ActionKind kind);
std::optional<ActionKind> parse_action_kind(std::string_view text);
// How a change shows in a summary: "+" create, "~" update, "->" publish, "-" unschedule.
const char* symbol_of(ActionKind kind);

// One field before -> after. nullopt before: did not exist / unset.
struct FieldChange {
  std::string field;  // "caption", "publish_date", "media", "account.username", "status", ...
  std::optional<std::string> before;
  std::optional<std::string> after;
};

// A configure_videos batch body kept as what builds it: the action's slot
// records are its `videos` (request_body()). As JSON documents they were the
// largest part of a plan's memory, about 900 bytes a slot.
struct SlotBatch {
  bool instagram = false;  // the videos are reels
  bool auto_publish = false;
};

// One HTTP request, relative to the API base URL.
struct Request {
  std::string method;  // "POST", "PUT", "PATCH"
  std::string path;    // may contain {bundle:REF}
  Json body;           // JSON body; null when the request has none, is multipart or is a slot_batch
  // Multipart upload: `file` is the local path sent as the `file` part, `form`
  // the other fields (bundle_id, purpose). Both empty for JSON requests.
  std::string file;
  std::map<std::string, std::string> form;
  std::optional<SlotBatch> slot_batch;  // set by the planner; a saved plan holds the body itself
};

// What a bundle action records. For create_bundles_bulk, apply maps the
// created bundles of each platform, in response order, onto these records of
// that platform, in this order (bulk create cannot set per-bundle external_refs).
struct BundleRecord {
  std::string external_ref;
  std::string previous_ref;  // rename_bundle: the ref state knows it by
  std::string market;        // canonical alpha-2
  std::string country;       // TokPortal code sent ("USA")
  std::string platform;      // "tiktok" | "instagram"
  int index = 0;
  int videos_quantity = 0;   // slots bought in total after the action
};

struct AccountRecord {
  std::string username;
  std::string visible_name;
  std::string biography;
  std::string profile_picture_key;  // media key of the picture
};

struct SlotRecord {
  std::string external_ref;
  std::string previous_ref;  // patch_video of a `moved:` slot: the ref state knows it by
  std::string bundle_ref;
  int position = 0;
  std::string campaign_video;
  std::string media_key;
  std::string video_url;     // as sent (may be a {media:...} placeholder)
  std::string caption;
  std::string publish_date;  // YYYY-MM-DD as sent
  std::string status_after;  // "configured", "published", "unscheduled"
};

struct MediaRecord {
  std::string key;      // sha256 of the file, or the URL
  std::string purpose;  // "video" | "profile_picture"
  std::string path;     // local file, empty for URL media
  std::string url;      // source URL, empty for files
};

struct Action {
  std::string id;  // stable: "<kind>:<target>", e.g. "create_bundle:ugc-wave-1-US-tiktok-1"
  ActionKind kind = ActionKind::create_bundle;
  std::string bundle_ref;            // the bundle acted on (for uploads: the bundle_id lent)
  std::vector<std::string> targets;  // refs (bundles, slots) or media keys it concerns
  std::string reason;                // why, in words
  std::vector<FieldChange> changes;
  std::vector<std::string> depends_on;  // action ids
  int credits = 0;                      // debited by the API for this action
  std::vector<Request> requests;
  int request_count() const { return static_cast<int>(requests.size()); }

  std::vector<BundleRecord> bundles;     // create_bundle, create_bundles_bulk, rename_bundle
  std::optional<AccountRecord> account;  // configure_account
  std::vector<SlotRecord> slots;         // configure_videos, patch_video, publish_videos, unschedule_video
  std::optional<MediaRecord> media;      // upload_media
  bool publishes_bundle = false;         // bundle goes pending_setup -> published
};

// The JSON body `request` of `action` sends: its `body`, or for a slot_batch
// the batch of the action's slot records.
Json request_body(const Action& action, const Request& request);

// A change the API cannot make. Never executed; shown so nothing is silently dropped.
struct Blocked {
  std::string id;      // "blocked:<target>:<field>"
  std::string target;  // ref
  std::string reason;  // why the API cannot do it
  std::string remedy;  // what the user can do
  std::vector<FieldChange> changes;
};

// Something the user should know that needs no request (a posted video no
// longer in the file, a bundle kept although its market was removed, ...).
struct Note {
  std::string target;
  std::string text;
};

// A publish date too close to today for the API's lead time: what apply sends
// (configure/patch) or what the server will do (publish moves it forward).
struct DateShift {
  std::string slot_ref;
  std::string bundle_ref;
  std::string requested;  // date in the file (or in state)
  std::string planned;    // earliest allowed date apply uses / the server will set
  int min_days_ahead = 3;
  std::string how;        // "configured with the planned date" | "the server moves it on publish"
};

// Credit prices (docs/tokportal-api.md section 4). Cached in state and refreshed
// from GET /credit-costs when online; these are the contract's defaults.
struct CreditCosts {
  int account_creation = 32;
  int video_slot = 2;
  int edit_slot = 3;
  int niche_warming = 7;  // deprecated review-based warming
  int advanced_warming_per_target = 5;
};

enum class TodaySource { as_of, server_date, local_clock };
const char* to_string(TodaySource source);
std::optional<TodaySource> parse_today_source(std::string_view text);

struct Totals {
  int bundles_to_create = 0;
  int slots_to_buy = 0;        // positions paid for (create + add-video-slots)
  int slots_to_configure = 0;  // slots sent in batch configures
  int slots_to_patch = 0;
  int slots_to_unschedule = 0;
  int uploads = 0;
  int credits = 0;
  int api_requests = 0;
  int actions = 0;
  int blocked = 0;
  int notes = 0;
};

struct Plan {
  int format_version = kPlanFormatVersion;
  std::string campaign;
  std::string campaign_file;    // as given on the command line
  std::string campaign_sha256;  // of the campaign file's bytes
  long long state_serial = 0;   // KnownResources::serial the plan was made from
  CivilDate today;
  TodaySource today_source = TodaySource::local_clock;
  CreditCosts costs;
  std::vector<Action> actions;  // every action after the actions it depends on
  std::vector<Blocked> blocked;
  std::vector<Note> notes;
  std::vector<DateShift> date_shifts;
  Totals totals;

  // Actions or blocked changes exist (what --detailed-exitcode reports as 2).
  bool has_changes() const { return !actions.empty() || !blocked.empty(); }
  const Action* find(const std::string& action_id) const;
};

// Sums credits, requests and counts over the actions (recomputed, never trusted from a file).
Totals compute_totals(const Plan& plan);

}  // namespace ugc::plan
