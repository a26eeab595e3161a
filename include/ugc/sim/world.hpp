#pragma once
// The simulator's world: everything `ugc sim` knows, in memory, guarded by ONE
// mutex (`World::mu`). Every HTTP handler runs with that mutex held (the Router
// takes it), so handlers read and mutate the world freely and never lock
// themselves. Code running outside a handler (SIM-LIFE's lifecycle thread,
// webhook dispatcher) must lock `mu` itself and must never call network I/O
// while holding it (copy what you need, unlock, then send).
//
// Tenancy: each API key is a Tenant, stored under the SHA-256 of the key (the
// key itself is never stored, logged or persisted). Tenants are created on the
// first authenticated request.
//
// Time: the simulated clock is the real clock shifted by `clock_offset`. `now()`
// and `today()` are what every date rule, timestamp and the HTTP `Date` header
// use. Only the clock control (`POST /__sim/clock`, `--clock DATE`) moves the
// offset, via `set_clock`, which then runs every `clock_listeners` callback
// (SIM-LIFE hooks its time-driven transitions there) with the mutex held.
//
// Events: `emit(tenant, type, data)` appends to `tenant.events` (with a stable
// id and the simulated timestamp) and notifies `events_cv`; SIM-LIFE's
// dispatcher delivers them to the tenant's webhook endpoints. Handlers emit for
// every state change they make.
//
// Persistence (`--state FILE`): the whole world is serialised to JSON
// (world_json.cpp) after every mutating request. Anything SIM-LIFE adds that
// must survive a restart goes into the `ext` Json fields below (free-form,
// persisted) or needs a matching change in world_json.cpp.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/core/json.hpp"

namespace ugc::sim {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// ISO 8601 UTC with milliseconds and Z ("2026-11-25T15:18:00.123Z").
std::string iso8601(TimePoint t);

// The profile of the account TokPortal creates for a bundle (§5.10).
struct BundleAccount {
  std::string id;  // the bundle account listing id (`account_id` in webhook payloads; stable across remakes)
  std::string status = "pending";  // account_status: pending|configured|in_review|pending_corrections|finalized
  std::optional<std::string> username, visible_name, biography, profile_picture_url, link_in_bio,
      niche_warming_instructions;
  std::vector<std::string> advanced_warming_terms;
  std::optional<std::string> configured_at;
  Json ext = Json::object();  // SIM-LIFE: lifecycle bookkeeping (persisted)
};

// One video slot of a bundle (§6.1). `config` holds the configuration fields
// exactly as the last PUT/PATCH left them (PUT replaces it).
struct VideoSlot {
  std::string id;
  int position = 0;
  std::string status = "pending";  // pending|configured|published|accepted|in_review|pending_corrections|finalized|cancelled
  Json config = Json::object();    // video_type, description, video_url, ... (no dates)
  std::optional<std::string> target_publish_start_date, target_publish_end_date;  // YYYY-MM-DD
  std::vector<std::string> paid_addons;  // one-time add-ons already paid: sound_volume, story_repost, instant_repost_as_story
  std::optional<std::string> configured_at, published_at;
  Json ext = Json::object();  // SIM-LIFE: post URL, analytics seeds, timers (persisted)
};

struct Bundle {
  std::string id;
  std::string bundle_type;  // account_only|account_and_videos|videos_only
  std::string platform;     // tiktok|instagram
  std::string country;      // canonical TokPortal code ("USA", "UK", "FR")
  std::string status = "pending_setup";
  std::optional<std::string> title, external_ref;
  int videos_quantity = 0;
  int edits_quantity = 0;
  bool auto_finalize_videos = true;
  std::string review_mode = "auto";
  bool wants_advanced_warming = false;
  int advanced_warming_terms_count = 0;
  bool wants_niche_warming = false;
  std::optional<std::string> account_id;        // videos_only: the saved account used
  std::optional<std::string> saved_account_id;  // set at account in_review (SIM-LIFE)
  std::string created_at;
  std::optional<std::string> published_at, unpublished_at;
  BundleAccount account;
  std::vector<VideoSlot> videos;  // index = position - 1
  Json ext = Json::object();      // SIM-LIFE bookkeeping (persisted)

  VideoSlot* slot(int position);
  // New-account bundles have an account step; videos_only runs on a delivered account.
  bool creates_account() const { return bundle_type != "videos_only"; }
  // Videos need only 1 day of lead time (not 3) once the bundle runs on an
  // existing or delivered account (§6.2). SIM-LIFE sets saved_account_id at in_review.
  bool runs_on_delivered_account() const { return !creates_account() || saved_account_id.has_value(); }
};

// A delivered account (GET /accounts).
struct SavedAccount {
  std::string id, platform, username, visible_name, biography, profile_picture_url, country;
  std::optional<std::string> link_in_bio;
  std::string profile_url, tokmail_email, created_at, updated_at;
  std::string status = "active";  // active|banned
  bool banned = false;
  std::optional<std::string> bundle_id;
  Json ext = Json::object();
};

struct WebhookEndpoint {
  std::string id, url, signing_secret, created_at, updated_at;
  std::vector<std::string> events;
  std::optional<std::string> description;
  bool enabled = true;
  std::vector<Json> deliveries;  // SIM-LIFE defines the record shape
  Json ext = Json::object();
};

struct Event {
  std::string id;    // stable across delivery attempts
  std::string type;  // "bundle.created", ...
  std::string created_at;
  Json data;
  bool dispatched = false;  // SIM-LIFE: set once handed to the dispatcher
};

// One credits movement. Debits have negative `amount`.
struct LedgerEntry {
  std::string id, type, description, created_at;  // type: debit|credit
  int64_t amount = 0;
  int64_t balance_after = 0;
  Json breakdown = Json::object();
  std::string request_id, method, path;
  std::optional<std::string> idempotency_key;
  std::vector<std::string> bundle_ids;
};

// A stored response for Idempotency-Key replay; scope is tenant + method + path + key.
struct IdempotencyRecord {
  std::string body_fingerprint;  // sha256 of the canonical request body
  int status = 0;
  std::string response_body;
  std::string created_at;
};

struct TokenBucket {
  double tokens = -1;  // < 0: not yet initialised (full on first use)
  std::chrono::steady_clock::time_point last{};
};

struct Tenant {
  std::string key_hash;  // sha256 of the API key
  std::string email;
  int64_t balance = 0;
  std::vector<LedgerEntry> ledger;
  std::map<std::string, Bundle> bundles;  // by id
  std::vector<std::string> bundle_order;  // creation order (list endpoints)
  std::map<std::string, SavedAccount> saved_accounts;
  std::map<std::string, WebhookEndpoint> webhooks;
  std::vector<Event> events;
  std::map<std::string, IdempotencyRecord> idempotency;  // key: "METHOD path\nkey"
  TokenBucket bucket;  // not persisted
  bool revoked = false;
  Json ext = Json::object();

  Bundle* bundle(const std::string& id);
};

// One line of GET /__sim/requests.
struct RequestLogEntry {
  std::string request_id, method, path, created_at;
  double elapsed_ms = 0;  // real time since the simulator started (created_at is simulated time)
  int status = 0;
  std::optional<std::string> idempotency_key;
  bool replayed = false;
  bool dropped = false;
};

struct World {
  mutable std::mutex mu;
  std::condition_variable events_cv;  // notified by emit()

  int64_t starting_credits = 100000;
  std::map<std::string, Tenant> tenants;  // by key hash
  std::vector<RequestLogEntry> requests;
  std::chrono::seconds clock_offset{0};
  uint64_t seed = 1;  // --seed (SIM-LIFE: the analytics model draws from it; set by the constructor)

  // Clock listeners run with `mu` held after the clock moved: (world, from, to).
  using ClockListener = std::function<void(World&, TimePoint, TimePoint)>;
  std::vector<ClockListener> clock_listeners;

  explicit World(uint64_t seed = 1);

  TimePoint now() const { return Clock::now() + clock_offset; }
  CivilDate today() const;
  std::string now_iso() const { return iso8601(now()); }
  // Moves the clock so that it reads `to` (time of day kept when moving by days), then runs listeners.
  void set_clock(TimePoint to);

  // Deterministic (per --seed) UUID v4 string; also used for event and ledger ids.
  std::string new_uuid();
  // "req_" + 24 hex chars, deterministic per seed.
  std::string new_request_id();
  // Uniform [0,1) draw from the fault stream (separate from ids, so faults do not shift ids).
  double fault_draw();
  // Random lowercase hex of n chars (secrets, tokens).
  std::string random_hex(size_t n);

  Tenant& tenant_for_key_hash(const std::string& key_hash);

  // Appends an event to the tenant's list and wakes the dispatcher.
  Event& emit(Tenant& tenant, std::string_view type, Json data);

  // Charges `amount` credits; caller has already checked the balance.
  LedgerEntry& debit(Tenant& tenant, int64_t amount, std::string description, Json breakdown,
                     std::vector<std::string> bundle_ids);

  // Filled in by the Router for the request being handled (ledger entries copy them).
  std::string current_request_id, current_method, current_path;
  std::optional<std::string> current_idempotency_key;

  std::mt19937_64 id_rng;
  std::mt19937_64 fault_rng;
};

}  // namespace ugc::sim
