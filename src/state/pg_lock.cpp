#include "pg_lock.hpp"

#include <unistd.h>

#include <mutex>
#include <optional>

#include "lock_holder.hpp"
#include "pg_db.hpp"
#include "ugc/state/state_uri.hpp"

namespace ugc::state {

namespace {

constexpr std::chrono::milliseconds kPgLockPoll{50};
// pg_advisory_xact_lock key serializing the creation of ugc_lock_holders.
constexpr long long kPgHolderTableKey = 0x7567632d686f6c64LL;  // "ugc-hold"

constexpr const char* kPgHolderTable =
    "CREATE TABLE IF NOT EXISTS ugc_lock_holders ("
    " name TEXT PRIMARY KEY, holder_id TEXT NOT NULL, pid BIGINT NOT NULL, host TEXT NOT NULL,"
    " command TEXT NOT NULL, acquired_at TEXT NOT NULL, campaign TEXT NOT NULL,"
    " backend_pid BIGINT NOT NULL, key BIGINT NOT NULL)";

// The advisory lock key of a scope (FNV-1a of its name; "" is the whole state).
long long pg_lock_key(const std::string& campaign) {
  unsigned long long h = 14695981039346656037ULL;
  for (unsigned char c : "ugc-lock:" + campaign) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return static_cast<long long>(h);
}

std::string pg_scope_name(const std::string& campaign) { return campaign.empty() ? "state" : "campaign:" + campaign; }

Result<bool> pg_query_bool(Database& db, const std::string& sql, long long key) {
  auto st = db.cached(sql);
  if (!st) return st.error();
  (*st)->bind(1, key);
  auto row = (*st)->step();
  if (!row) return row.error();
  const bool value = *row && (*st)->integer(0) != 0;
  (*st)->reset();
  return value;
}

Status pg_ensure_holder_table(Database& db) {
  UGC_TRY(db.exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kPgHolderTableKey) + "); " +
                  kPgHolderTable + "; COMMIT"));
  return {};
}

// The live holders among the records: those whose backend holds `key`
// exclusively now. `name` empty: every live record.
Result<std::vector<LockInfo>> pg_live_holders(Database& db, const std::string& name) {
  // An advisory lock on a bigint key shows in pg_locks as classid (high 32
  // bits), objid (low 32 bits) and objsubid 1.
  auto st = db.cached(
      "SELECT h.holder_id, h.pid, h.host, h.command, h.acquired_at, h.campaign FROM ugc_lock_holders h"
      " WHERE (?1 = '' OR h.name = ?1) AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory'"
      " AND l.granted AND l.mode = 'ExclusiveLock' AND l.pid = h.backend_pid AND l.objsubid = 1"
      " AND l.classid::bigint = ((h.key >> 32) & 4294967295) AND l.objid::bigint = (h.key & 4294967295))"
      " ORDER BY h.campaign");
  if (!st) return st.error();
  (*st)->bind(1, name);
  std::vector<LockInfo> holders;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("reading the lock holders");
    if (!*row) break;
    holders.push_back(LockInfo{(*st)->text(0), (*st)->integer(1), (*st)->text(2), (*st)->text(3), (*st)->text(4),
                               false, (*st)->text(5), false});
  }
  return holders;
}

std::string pg_describe(const LockInfo& holder) {
  return holder.id + ": `" + holder.command + "` (pid " + std::to_string(holder.pid) + " on " + holder.host +
         ", since " + holder.acquired_at + ")";
}

Error pg_held_by(const std::string& shown, const std::string& campaign, const std::vector<LockInfo>& holders,
                 std::chrono::milliseconds waited) {
  std::string message = (campaign.empty() ? "PostgreSQL state " + shown
                                          : "campaign " + campaign + " in PostgreSQL state " + shown) +
                        " is locked by ";
  for (size_t i = 0; i < holders.size(); ++i) message += (i ? ", " : "") + pg_describe(holders[i]);
  if (holders.empty()) message += "another run";
  return conflict(message + "; waited " + std::to_string(waited.count()) +
                  " ms; wait for that run to finish (or raise --lock-timeout): the server releases the lock when "
                  "its holder's connection ends, even if it is killed");
}

// Why the lock's query failed: libpq's words when the connection is gone
// ("terminating connection due to administrator command", "server closed the
// connection unexpectedly"), else the error itself.
std::string pg_lost_reason(const PgDb& db, const Error& error) {
  if (db.connected()) return error.message();
  std::string text = PQerrorMessage(db.handle());
  for (char& c : text)
    if (c == '\n') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text.empty() ? error.message() : text;
}

// Whether this session still holds `key` exclusively: one query, on the lock's
// own connection. A dead connection fails the query, and a live session keeps
// its advisory locks; pg_locks also catches a session that is not the one
// which took the lock (a pooler between us and the server).
Status pg_verify_held(PgDb& db, long long key, const std::string& campaign) {
  auto held = pg_query_bool(db,
                            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                            " AND mode = 'ExclusiveLock' AND pid = pg_backend_pid() AND objsubid = 1"
                            " AND classid::bigint = ((?1 >> 32) & 4294967295) AND objid::bigint = (?1 & 4294967295))",
                            key);
  if (held && *held) return {};
  const std::string lock = campaign.empty() ? "lost the whole-state lock of PostgreSQL state " + db.path()
                                            : "lost the lock of campaign " + campaign + " in PostgreSQL state " + db.path();
  const std::string what = held ? "the server no longer shows it held by this run's session"
                                : "its connection ended (" + pg_lost_reason(db, held.error()) + ")";
  return Error(ErrorKind::conflict,
               lock + ": " + what +
                   "; another run may hold it now, so this run stopped before its next paid request and bought "
                   "nothing more. Run the same command again: it waits for the lock, settles what this run left "
                   "open and buys only what is missing",
               "STATE_LOCK_LOST");
}

}  // namespace

// Takes the advisory locks of one request on its own connection.
class PgLockTaker {
 public:
  PgLockTaker(std::shared_ptr<PgDb> db, const LockRequest& request) : db_(std::move(db)), request_(request) {}

  Result<std::optional<StateLock>> attempt(const std::string& now_iso) {
    const long long whole = pg_lock_key("");
    const bool campaign_run = !request_.campaign.empty();
    auto got_whole = pg_query_bool(*db_, campaign_run ? "SELECT pg_try_advisory_lock_shared(?1)"
                                                      : "SELECT pg_try_advisory_lock(?1)", whole);
    if (!got_whole) return got_whole.error();
    if (!*got_whole) {
      auto holders = pg_live_holders(*db_, "state");
      if (!holders) return holders.error();
      if (holders->empty()) {
        auto campaigns = pg_live_holders(*db_, "");
        if (!campaigns) return campaigns.error();
        holders = std::move(campaigns);
      }
      blockers_ = std::move(*holders);
      return std::optional<StateLock>();
    }
    const long long key = campaign_run ? pg_lock_key(request_.campaign) : whole;
    if (campaign_run) {
      auto got = pg_query_bool(*db_, "SELECT pg_try_advisory_lock(?1)", key);
      if (!got) return got.error();
      if (!*got) {
        auto unlocked = pg_query_bool(*db_, "SELECT pg_advisory_unlock_shared(?1)", whole);
        if (!unlocked) return unlocked.error();
        auto holders = pg_live_holders(*db_, pg_scope_name(request_.campaign));
        if (!holders) return holders.error();
        blockers_ = std::move(*holders);
        return std::optional<StateLock>();
      }
    }
    LockInfo info{new_holder_id(), static_cast<long long>(::getpid()), this_host(), request_.command, now_iso,
                  false, request_.campaign, false};
    UGC_TRY(record(info, key));
    // Released at once when the StateLock lets go, rather than when the
    // server notices the closed connection.
    std::shared_ptr<void> session(db_.get(), [db = db_](void*) { (void)db->exec("SELECT pg_advisory_unlock_all()"); });
    // The executor's workers ask at once; one connection answers one query at a time.
    auto serial = std::make_shared<std::mutex>();
    std::function<Status()> held_check = [db = db_, serial, key, campaign = request_.campaign] {
      std::lock_guard<std::mutex> one_at_a_time(*serial);
      return pg_verify_held(*db, key, campaign);
    };
    return std::optional<StateLock>(StateLock(std::move(session), std::move(held_check), std::move(info)));
  }

  const std::vector<LockInfo>& blockers() const { return blockers_; }

 private:
  Status record(const LockInfo& info, long long key) {
    auto st = db_->cached(
        "INSERT INTO ugc_lock_holders (name, holder_id, pid, host, command, acquired_at, campaign, backend_pid, key)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, pg_backend_pid(), ?8) ON CONFLICT (name) DO UPDATE SET"
        " holder_id = ?2, pid = ?3, host = ?4, command = ?5, acquired_at = ?6, campaign = ?7,"
        " backend_pid = pg_backend_pid(), key = ?8");
    if (!st) return st.error();
    (*st)->bind(1, pg_scope_name(info.campaign)).bind(2, info.id).bind(3, info.pid).bind(4, info.host);
    (*st)->bind(5, info.command).bind(6, info.acquired_at).bind(7, info.campaign).bind(8, key);
    return (*st)->run().context("recording the lock holder");
  }

  std::shared_ptr<PgDb> db_;
  const LockRequest& request_;
  std::vector<LockInfo> blockers_;
};

Result<StateLock> acquire_pg_lock(const std::string& uri, Clock& clock, const LockRequest& request,
                                  const std::function<std::string()>& now_iso) {
  auto connected = PgDb::connect(uri);
  if (!connected) return connected.error().with_context("taking the state lock");
  std::shared_ptr<PgDb> db = std::move(*connected);
  UGC_TRY(pg_ensure_holder_table(*db).context("taking the state lock"));
  const auto start = clock.monotonic_now();
  const auto deadline = start + request.timeout;
  PgLockTaker taker(db, request);
  for (;;) {
    auto held = taker.attempt(now_iso());
    if (!held) return held.error().with_context("taking the state lock");
    if (*held) return std::move(**held);
    const auto now = clock.monotonic_now();
    if (now >= deadline)
      return pg_held_by(db->path(), request.campaign, taker.blockers(),
                        std::chrono::duration_cast<std::chrono::milliseconds>(now - start));
    clock.sleep(std::min<Clock::duration>(kPgLockPoll, deadline - now));
  }
}

Result<std::vector<LockInfo>> current_pg_locks(const std::string& uri) {
  auto db = PgDb::connect(uri);
  if (!db) return db.error();
  auto exists = (*db)->table_exists("ugc_lock_holders");
  if (!exists) return exists.error();
  if (!*exists) return std::vector<LockInfo>();
  return pg_live_holders(**db, "");
}

}  // namespace ugc::state
