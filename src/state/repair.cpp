// Rebuilding a damaged state file from its readable rows (see repair.hpp).
#include "ugc/state/repair.hpp"

#include <sys/stat.h>

#include "store_impl.hpp"
#include "ugc/state/backup.hpp"

namespace ugc::state {

namespace {

// In foreign key order; `locks` is left out on purpose.
constexpr const char* kSalvagedTables[] = {"meta",  "bundles", "accounts",     "video_slots",        "media",
                                           "journal", "events", "outbox", "credit_costs", "analytics_snapshots"};

struct RawStatement {
  sqlite3_stmt* stmt = nullptr;
  RawStatement(sqlite3* db, const std::string& sql) { sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr); }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  ~RawStatement() { sqlite3_finalize(stmt); }
};

std::vector<std::string> columns_of(sqlite3* db, const std::string& table) {
  std::vector<std::string> columns;
  RawStatement info(db, "SELECT name FROM pragma_table_info('" + table + "')");
  while (info.stmt && sqlite3_step(info.stmt) == SQLITE_ROW)
    columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(info.stmt, 0)));
  return columns;
}

// One scan of a damaged table: the rows it read, until the end or the first error.
struct ScanResult {
  long long read = 0;
  long long rejected = 0;
  long long last_rowid = 0;  // of the last row read
  bool stopped_on_damage = false;
};

// Runs `select` (rowid, then the columns) on the damaged file, from rowid
// `bound` on, and inserts each row it reads through `insert`.
ScanResult copy_rows(sqlite3* from, const std::string& select, long long bound, sqlite3_stmt* insert) {
  ScanResult scan;
  RawStatement rows(from, select);
  if (!rows.stmt) {
    scan.stopped_on_damage = true;
    return scan;
  }
  sqlite3_bind_int64(rows.stmt, 1, bound);
  const int columns = sqlite3_column_count(rows.stmt);
  for (;;) {
    const int rc = sqlite3_step(rows.stmt);
    if (rc == SQLITE_DONE) return scan;
    if (rc != SQLITE_ROW) {
      scan.stopped_on_damage = true;
      return scan;
    }
    scan.last_rowid = sqlite3_column_int64(rows.stmt, 0);
    ++scan.read;
    sqlite3_reset(insert);
    for (int c = 1; c < columns; ++c) sqlite3_bind_value(insert, c, sqlite3_column_value(rows.stmt, c));
    if (sqlite3_step(insert) != SQLITE_DONE) ++scan.rejected;
  }
}

TableSalvage salvage_table(sqlite3* from, sqlite3* to, const std::string& table) {
  TableSalvage salvage{table, 0, 0, ""};
  const std::vector<std::string> columns = columns_of(to, table);
  std::string list, slots;
  for (const auto& c : columns) {
    list += (list.empty() ? "" : ", ") + c;
    slots += slots.empty() ? "?" : ", ?";
  }
  RawStatement insert(to, "INSERT OR REPLACE INTO " + table + " (" + list + ") VALUES (" + slots + ")");
  const std::string select = "SELECT rowid, " + list + " FROM " + table;
  RawStatement probe(from, select + " LIMIT 0");
  if (!insert.stmt || !probe.stmt) {
    salvage.lost = "the table could not be read: " + std::string(sqlite3_errmsg(probe.stmt ? to : from));
    return salvage;
  }
  ScanResult forward = copy_rows(from, select + " WHERE rowid > ?1 ORDER BY rowid", -(1LL << 62), insert.stmt);
  salvage.copied = forward.read - forward.rejected;
  salvage.rejected = forward.rejected;
  if (!forward.stopped_on_damage) return salvage;

  const long long after = forward.read > 0 ? forward.last_rowid : -(1LL << 62);
  ScanResult backward = copy_rows(from, select + " WHERE rowid > ?1 ORDER BY rowid DESC", after, insert.stmt);
  salvage.copied += backward.read - backward.rejected;
  salvage.rejected += backward.rejected;
  const std::string from_row = forward.read > 0 ? "the rows after rowid " + std::to_string(after) : "the rows";
  if (backward.read == 0)
    salvage.lost = from_row + " could not be read";
  else
    salvage.lost = from_row + " up to rowid " + std::to_string(backward.last_rowid) + " could not be read (at most " +
                   std::to_string(backward.last_rowid - std::max(after, 0LL) - 1) + " rows)";
  return salvage;
}

// Copies what is readable of `damaged` into the new file `out`.
Result<std::vector<TableSalvage>> salvage_into(Store& damaged, const std::string& out, std::shared_ptr<Clock> clock) {
  auto fresh = Store::open(out, {Access::read_write, true}, std::move(clock));
  if (!fresh) return fresh.error();
  auto fresh_db = fresh->impl().sqlite("repair");
  if (!fresh_db) return fresh_db.error();
  auto damaged_db = damaged.impl().sqlite("repair");
  if (!damaged_db) return damaged_db.error();
  SqliteDb& to = **fresh_db;
  sqlite3* from = (*damaged_db)->handle();
  std::vector<TableSalvage> tables;
  UGC_TRY(to.exec("BEGIN IMMEDIATE"));
  for (const char* table : kSalvagedTables) {
    RawStatement exists(from, std::string("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '") + table + "'");
    if (exists.stmt && sqlite3_step(exists.stmt) == SQLITE_ROW) tables.push_back(salvage_table(from, to.handle(), table));
  }
  // Saved plans made against the damaged file must not pass as fresh.
  UGC_TRY(to.exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'"));
  UGC_TRY(to.exec("COMMIT"));
  auto findings = quick_check_findings(to);
  if (!findings) return findings.error();
  if (!findings->empty()) return io_error("the repaired copy " + out + " fails its own check: " + findings->front());
  return tables;
}

}  // namespace

bool RepairReport::complete() const {
  for (const auto& t : tables)
    if (!t.lost.empty() || t.rejected > 0) return false;
  return true;
}

Result<RepairReport> repair_state(const std::string& path, std::shared_ptr<Clock> clock) {
  const std::string stamp = file_stamp(clock->wall_now());
  const std::string out = path + ".repairing";
  remove_with_side_files(out);  // a leftover of a killed repair
  struct stat wal {};
  const bool had_wal = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
  RepairReport report;
  {
    OpenMode mode{Access::read_only};
    mode.verify_integrity = false;
    auto damaged = Store::open(path, mode, clock);
    if (!damaged) return damaged.error().with_context("repairing: not even the schema can be read, restore a backup");
    // The damaged file is kept as it is: no checkpoint of its -wal into it.
    auto damaged_db = damaged->impl().sqlite("repair");
    if (!damaged_db) return damaged_db.error();
    if (had_wal) sqlite3_db_config((*damaged_db)->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    auto tables = salvage_into(*damaged, out, clock);
    if (!tables) {
      remove_with_side_files(out);
      return tables.error().with_context("repairing state file " + path);
    }
    report.tables = std::move(*tables);
  }
  report.damaged_kept_as = path + ".damaged-" + stamp;
  UGC_TRY(move_state_file(path, report.damaged_kept_as));
  UGC_TRY(move_state_file(out, path));
  return report;
}

}  // namespace ugc::state
