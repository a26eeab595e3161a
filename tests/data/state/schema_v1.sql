-- A state file at schema version 1, frozen: migration 1 exactly as released,
-- then some rows. tests/state/migration_test.cpp builds a file from this and
-- checks that the current ugc upgrades it (and that migration 1 was not edited).
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

-- Rows as ugc with schema version 1 wrote them.
INSERT INTO bundles VALUES ('old-US-tiktok-1', 'B1', 'old', 'US', 'USA', 'tiktok', 1, 6, 'published');
INSERT INTO accounts VALUES ('old-US-tiktok-1', 'glowlab.us1', 'Glow Lab', 'Honest reviews', '', 'configured', 'SA1');
INSERT INTO video_slots VALUES ('old-review-US-tiktok', 'old-US-tiktok-1', 1, 'V1', 'review', 'abc', 'https://cdn.example.com/r.mp4', 'Review #ad', '2027-03-01', 'published');
INSERT INTO media VALUES ('abc', 'video', 'https://cdn.example.com/r.mp4', '');
INSERT INTO journal (run_id, action_id, method, path, idempotency_key, request_hash, started_at) VALUES ('r1', 'create-bundles-US', 'POST', '/bundles/bulk', 'k1', 'h1', '2026-11-01T10:00:00.000Z');
UPDATE meta SET value = '7' WHERE key = 'serial';
PRAGMA user_version = 1;
