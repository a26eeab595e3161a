// State integrity: the quick check run by every open, and the words a user
// gets about a damaged file.
#include "ugc/state/integrity.hpp"

#include <sstream>

#include "store_impl.hpp"
#include "ugc/state/backup.hpp"

namespace ugc::state {

std::string damage_advice(const std::string& path) {
  return "run `ugc state check --state " + path + "` for the details, `ugc state check --repair --state " + path +
         "` to recover what is readable (the damaged file is kept), or restore a backup from " + backup_dir(path) +
         "/ with `ugc state restore FILE --state " + path + "`";
}

Error damaged_state(const std::string& path, const std::vector<std::string>& findings) {
  std::string found;
  for (size_t i = 0; i < findings.size() && i < 3; ++i) found += (i ? "; " : "") + findings[i];
  if (findings.size() > 3) found += "; and " + std::to_string(findings.size() - 3) + " more";
  return io_error("state file " + path + " is damaged (" + found + "); nothing was written to it: " +
                  damage_advice(path));
}

Result<std::vector<std::string>> quick_check_findings(SqliteDb& db) {
  auto st = db.prepare("PRAGMA quick_check");
  if (!st) return st.error();
  std::vector<std::string> problems;
  for (;;) {
    auto row = (*st)->step();
    if (!row) {
      // A page so damaged that the check cannot go on is a finding too.
      if ((sqlite3_errcode(db.handle()) & 0xff) != SQLITE_CORRUPT)
        return row.error().with_context("checking the state file");
      problems.push_back(std::string("the check stopped at a damaged page: ") + sqlite3_errmsg(db.handle()));
      break;
    }
    if (!*row) break;
    // One row may hold several lines, headed "*** in database main ***".
    std::istringstream lines((*st)->text(0));
    for (std::string line; std::getline(lines, line);)
      if (line != "ok" && !line.starts_with("*** in database")) problems.push_back(line);
  }
  return problems;
}

Status verify_integrity(SqliteDb& db, const std::string& path) {
  auto wal = check_wal_file(path);
  if (!wal) return wal.error();
  if (!wal->empty()) return damaged_state(path, *wal);
  auto findings = quick_check_findings(db);
  if (!findings) return findings.error();
  if (!findings->empty()) return damaged_state(path, *findings);
  return {};
}

Result<std::vector<std::string>> Store::quick_check() {
  std::lock_guard hold(impl_->mu);
  auto db = impl_->sqlite("`ugc state check` (PRAGMA quick_check)");
  if (!db) return db.error();
  auto wal = check_wal_file(impl_->path);
  if (!wal) return wal.error();
  auto findings = quick_check_findings(**db);
  if (!findings) return findings;
  wal->insert(wal->end(), findings->begin(), findings->end());
  return wal;
}

}  // namespace ugc::state
