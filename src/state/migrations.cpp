#include "ugc/state/migrations.hpp"

namespace ugc::state {

namespace {

// Version 1: resources, journal, events, locks.
constexpr const char* kV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('serial', '0');

CREATE TABLE bundles (
  external_ref    TEXT PRIMARY KEY,
  id              TEXT NOT NULL DEFAULT '',
  campaign        TEXT NOT NULL,
  market          TEXT NOT NULL,
  country         TEXT NOT NULL DEFAULT '',
  platform        TEXT NOT NULL,
  idx             INTEGER NOT NULL,
  videos_quantity INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bundles_by_campaign ON bundles (campaign);

CREATE TABLE accounts (
  bundle_ref             TEXT PRIMARY KEY REFERENCES bundles (external_ref) ON UPDATE CASCADE ON DELETE CASCADE,
  username               TEXT NOT NULL DEFAULT '',
  visible_name           TEXT NOT NULL DEFAULT '',
  biography              TEXT NOT NULL DEFAULT '',
  profile_picture_sha256 TEXT NOT NULL DEFAULT '',
  status                 TEXT NOT NULL DEFAULT '',
  saved_account_id       TEXT NOT NULL DEFAULT ''
);

-- A slot row is also the stable slot assignment: (bundle_ref, position) of a
-- campaign video never changes once recorded.
CREATE TABLE video_slots (
  external_ref   TEXT PRIMARY KEY,
  bundle_ref     TEXT NOT NULL REFERENCES bundles (external_ref) ON UPDATE CASCADE ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  video_id       TEXT NOT NULL DEFAULT '',
  campaign_video TEXT NOT NULL DEFAULT '',
  media_sha256   TEXT NOT NULL DEFAULT '',
  video_url      TEXT NOT NULL DEFAULT '',
  caption        TEXT NOT NULL DEFAULT '',
  publish_date   TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT '',
  UNIQUE (bundle_ref, position)
);

CREATE TABLE media (
  sha256       TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  public_url   TEXT NOT NULL DEFAULT '',
  storage_path TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sha256, purpose)
);

-- One row per mutating request: written before the request is sent,
-- finished after the response. finished_at IS NULL marks an open entry.
CREATE TABLE journal (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id          TEXT NOT NULL DEFAULT '',
  action_id       TEXT NOT NULL,
  method          TEXT NOT NULL,
  path            TEXT NOT NULL,
  idempotency_key TEXT NOT NULL DEFAULT '',
  request_hash    TEXT NOT NULL DEFAULT '',
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  status_code     INTEGER,
  response_json   TEXT,
  request_id      TEXT,
  error_code      TEXT
);
CREATE INDEX journal_open ON journal (finished_at) WHERE finished_at IS NULL;
CREATE INDEX journal_by_key ON journal (idempotency_key);

CREATE TABLE events (
  event_id    TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  payload     TEXT NOT NULL,
  received_at TEXT NOT NULL
);

CREATE TABLE locks (
  name        TEXT PRIMARY KEY,
  holder_id   TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  host        TEXT NOT NULL,
  command     TEXT NOT NULL,
  acquired_at TEXT NOT NULL
);
)sql";

// Version 2: caches and analytics, for the plan (credit costs) and analytics modules.
constexpr const char* kV2 = R"sql(
CREATE TABLE credit_costs (
  key        TEXT PRIMARY KEY,
  body       TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

CREATE TABLE analytics_snapshots (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  ref       TEXT NOT NULL,
  taken_at  TEXT NOT NULL,
  metrics   TEXT NOT NULL
);
CREATE INDEX analytics_by_ref ON analytics_snapshots (ref, taken_at);
)sql";

// Version 3: the state id, a random name for this state file made once (when
// the file is created, or at the first write of an older file). A saved plan
// binds to it: two state files at the same serial are still different states.
constexpr const char* kV3 = R"sql(
INSERT INTO meta (key, value) VALUES ('state_id', lower(hex(randomblob(16))));
)sql";

// Version 4: what lifecycle events (webhooks and polled bans) tell about
// bundles, accounts and slots. `status_at` is the created_at of the event
// that set a status, so an older event arriving late never overwrites a newer
// one; a cancelled bundle keeps its reason, a slot the status it had before
// the cancel (a remake resumes it); bans and remakes are kept as history;
// the delivered account's username is kept apart from the configured one.
constexpr const char* kV4 = R"sql(
ALTER TABLE bundles ADD COLUMN status_at TEXT NOT NULL DEFAULT '';
ALTER TABLE bundles ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE bundles ADD COLUMN last_event_at TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN status_at TEXT NOT NULL DEFAULT '';
-- The username TokPortal reports for the delivered account; `username` stays
-- the one ugc configured, which is what a plan compares with the file.
ALTER TABLE accounts ADD COLUMN delivered_username TEXT NOT NULL DEFAULT '';
ALTER TABLE video_slots ADD COLUMN status_at TEXT NOT NULL DEFAULT '';
ALTER TABLE video_slots ADD COLUMN status_before_cancel TEXT NOT NULL DEFAULT '';
ALTER TABLE video_slots ADD COLUMN post_url TEXT NOT NULL DEFAULT '';

-- Not tied to a bundle row: a ban stays known after `ugc state rm`.
CREATE TABLE account_bans (
  ban_key          TEXT PRIMARY KEY,
  bundle_ref       TEXT NOT NULL DEFAULT '',
  saved_account_id TEXT NOT NULL DEFAULT '',
  username         TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT '',
  banned_at        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE account_remakes (
  event_id                  TEXT PRIMARY KEY,
  bundle_ref                TEXT NOT NULL DEFAULT '',
  previous_saved_account_id TEXT NOT NULL DEFAULT '',
  saved_account_id          TEXT NOT NULL DEFAULT '',
  remade_at                 TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 5: run history (`ugc runs`, state/runs.hpp). One row per apply or
// reconcile: where and from what it ran (host, user, campaign file hash, git
// commit), its counts and outcome, and the plan and results it carried out as
// zlib-deflated JSON (a 20,000-slot plan is ~22 MB of JSON; plan-like JSON
// deflates about 25x).
constexpr const char* kV5 = R"sql(
CREATE TABLE runs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  command          TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  finished_at      TEXT NOT NULL,
  host             TEXT NOT NULL DEFAULT '',
  user             TEXT NOT NULL DEFAULT '',
  campaign         TEXT NOT NULL DEFAULT '',
  campaign_file    TEXT NOT NULL DEFAULT '',
  campaign_sha256  TEXT NOT NULL DEFAULT '',
  git_commit       TEXT NOT NULL DEFAULT '',
  actions          INTEGER NOT NULL DEFAULT 0,
  actions_failed   INTEGER NOT NULL DEFAULT 0,
  credits_planned  INTEGER NOT NULL DEFAULT 0,
  credits_charged  INTEGER NOT NULL DEFAULT 0,
  requests_planned INTEGER NOT NULL DEFAULT 0,
  requests_made    INTEGER NOT NULL DEFAULT 0,
  outcome          TEXT NOT NULL,
  message          TEXT NOT NULL DEFAULT '',
  plan             BLOB,
  plan_bytes       INTEGER NOT NULL DEFAULT 0,
  results          BLOB,
  results_bytes    INTEGER NOT NULL DEFAULT 0
);
)sql";

// Version 6: the forwarding outbox of `ugc webhooks serve --forward/--on-event`.
// One row per (target, event) still to deliver, written in the transaction
// that stores the event and deleted once the target took it. Rows of one
// target and order_key (the event's bundle) are delivered in id order.
constexpr const char* kV6 = R"sql(
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  target          TEXT NOT NULL,
  event_id        TEXT NOT NULL REFERENCES events (event_id),
  order_key       TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  UNIQUE (target, event_id)
);
CREATE INDEX outbox_by_key ON outbox (target, order_key, id);
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {{1, kV1}, {2, kV2}, {3, kV3}, {4, kV4}, {5, kV5}, {6, kV6}};
  return list;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace ugc::state
