// Store::open for PostgreSQL: connect, check the schema version this build
// can use, and apply pending migrations (translated from the one migration
// text, pg_dialect.hpp) in one transaction under a transaction-scoped
// advisory lock, so that two first runs do not both migrate.
#include "pg_db.hpp"
#include "pg_dialect.hpp"
#include "store_impl.hpp"
#include "ugc/state/migrations.hpp"
#include "ugc/state/state_uri.hpp"

namespace ugc::state {

namespace {

// pg_advisory_xact_lock key of migrations ("ugc-migr").
constexpr long long kPgMigrationLockKey = 0x7567632d6d696772LL;

// The schema version, 0 when the database holds no ugc state.
Result<long long> pg_schema_version(PgDb& db) {
  auto exists = db.table_exists("ugc_schema");
  if (!exists) return exists.error().with_context("reading the schema version");
  if (!*exists) return 0LL;
  auto st = db.cached("SELECT coalesce(max(version), 0) FROM ugc_schema");
  if (!st) return st.error();
  auto row = (*st)->step();
  if (!row) return row.error().with_context("reading the schema version");
  const long long version = *row ? (*st)->integer(0) : 0;
  (*st)->reset();
  return version;
}

Status pg_migrate(PgDb& db) {
  // READ COMMITTED (not the snapshot a bare BEGIN means): once the lock is
  // ours, the version read must see what the previous holder committed.
  UGC_TRY(db.exec("BEGIN IMMEDIATE"));
  auto fail = [&](const Error& e) -> Status {
    (void)db.exec("ROLLBACK");
    return e.with_context("migrating the state schema");
  };
  if (auto s = db.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kPgMigrationLockKey) + ")"); !s)
    return fail(s.error());
  if (auto s = db.exec("CREATE TABLE IF NOT EXISTS ugc_schema (version BIGINT NOT NULL)"); !s) return fail(s.error());
  // Re-read under the lock: another process may have just migrated.
  auto version = pg_schema_version(db);
  if (!version) return fail(version.error());
  for (const Migration& m : migrations()) {
    if (m.version <= *version) continue;
    if (auto s = db.exec(postgres_schema(m.sql)); !s) return fail(s.error());
    const std::string record =
        "DELETE FROM ugc_schema; INSERT INTO ugc_schema (version) VALUES (" + std::to_string(m.version) + ")";
    if (auto s = db.exec(record); !s) return fail(s.error());
  }
  if (auto s = db.exec("COMMIT"); !s) return fail(s.error());
  return {};
}

Status pg_check_schema(long long version, const std::string& shown, const OpenMode& mode) {
  const int latest = latest_schema_version();
  if (version == 0 && !(mode.access == Access::read_write && mode.create_if_missing))
    return not_found("PostgreSQL state " + shown +
                     " holds no ugc state yet (nothing has been applied to it, or pass another --state)");
  if (version > latest)
    return conflict("PostgreSQL state " + shown + " was written by a newer ugc (schema version " +
                    std::to_string(version) + "; this ugc reads up to " + std::to_string(latest) + "): upgrade ugc");
  if (version < latest && mode.access == Access::read_only)
    return conflict("PostgreSQL state " + shown + " has schema version " + std::to_string(version) +
                    ", older than " + std::to_string(latest) + ": run `ugc state upgrade --state " + shown +
                    "` (or any command that writes the state) to migrate it");
  return {};
}

}  // namespace

Result<std::unique_ptr<Store::Impl>> open_postgres_store(const std::string& uri, OpenMode mode, std::shared_ptr<Clock> clock) {
  const std::string shown = redact_state_uri(uri);
  auto db = PgDb::connect(uri);
  if (!db) return db.error();
  PgDb& conn = **db;
  auto version = pg_schema_version(conn);
  if (!version) return version.error();
  UGC_TRY(pg_check_schema(*version, shown, mode));
  if (mode.access == Access::read_write && *version < latest_schema_version()) UGC_TRY(pg_migrate(conn));
  if (mode.access == Access::read_only) UGC_TRY(conn.exec("SET default_transaction_read_only = on"));

  auto impl = std::make_unique<Store::Impl>();
  impl->db = std::move(*db);
  impl->clock = std::move(clock);
  impl->path = shown;
  impl->connect_uri = uri;
  impl->access = mode.access;
  return impl;
}

}  // namespace ugc::state
