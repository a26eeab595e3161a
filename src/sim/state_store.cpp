#include "ugc/sim/state_store.hpp"

#include "ugc/sim/world_json.hpp"

namespace ugc::sim {
namespace {

Status exec(sqlite3* db, const char* sql, const std::string& path) {
  char* msg = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string text = msg ? msg : "unknown error";
    sqlite3_free(msg);
    return io_error("sim state " + path + ": " + text);
  }
  return {};
}

}  // namespace

StateStore::~StateStore() {
  if (db_) sqlite3_close(db_);
}

Status StateStore::open(const std::string& path) {
  path_ = path;
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    return io_error("cannot open sim state " + path + ": " + sqlite3_errmsg(db_));
  sqlite3_busy_timeout(db_, 5000);
  UGC_TRY(exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", path));
  return exec(db_,
              "CREATE TABLE IF NOT EXISTS sim_world (id INTEGER PRIMARY KEY CHECK (id = 1), "
              "document TEXT NOT NULL, saved_at TEXT NOT NULL)",
              path);
}

Result<bool> StateStore::load(World& world) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT document FROM sim_world WHERE id = 1", -1, &st, nullptr) != SQLITE_OK)
    return io_error("sim state " + path_ + ": " + sqlite3_errmsg(db_));
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return false;
    return io_error("sim state " + path_ + ": " + sqlite3_errmsg(db_));
  }
  std::string text(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded()) return io_error("sim state " + path_ + " holds corrupt JSON");
  UGC_TRY(world_from_json(world, doc).context("sim state " + path_));
  return true;
}

Status StateStore::save(const World& world) {
  const std::string doc = world_to_json(world).dump();
  UGC_TRY(exec(db_, "BEGIN IMMEDIATE", path_));
  sqlite3_stmt* st = nullptr;
  bool ok = sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO sim_world (id, document, saved_at) VALUES (1, ?, ?)", -1,
                               &st, nullptr) == SQLITE_OK;
  const std::string saved_at = world.now_iso();
  ok = ok && sqlite3_bind_text(st, 1, doc.data(), static_cast<int>(doc.size()), SQLITE_TRANSIENT) == SQLITE_OK;
  ok = ok && sqlite3_bind_text(st, 2, saved_at.c_str(), -1, SQLITE_TRANSIENT) == SQLITE_OK;
  ok = ok && sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  if (!ok) {
    std::string msg = sqlite3_errmsg(db_);
    (void)exec(db_, "ROLLBACK", path_);
    return io_error("saving sim state " + path_ + ": " + msg);
  }
  return exec(db_, "COMMIT", path_);
}

}  // namespace ugc::sim
