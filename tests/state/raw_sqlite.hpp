#pragma once
// Direct SQLite access for tests that must build or tamper with a state file
// the way an older ugc, another tool or a disk fault would.
#include <sqlite3.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace ugc::state::testing {

// Runs `sql` on the file at `path` (created if missing); returns "" or the error.
inline std::string raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
  } else {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) error = message ? message : "error";
    sqlite3_free(message);
  }
  sqlite3_close(db);
  return error;
}

// The first column of the first row of `sql`, as text ("" when no row).
inline std::string raw_query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(st, 0);
      out = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `rows` finished journal rows with ~300-byte responses, in one transaction
// (journal_begin commits each row on its own: slow to build a big fixture).
inline std::string raw_fill_journal(const std::string& path, int rows) {
  return raw_exec(path,
                  "INSERT INTO journal (run_id, action_id, method, path, idempotency_key, request_hash, started_at,"
                  " finished_at, status_code, response_json) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                  " FROM n WHERE i < " + std::to_string(rows) + ") SELECT 'r', 'act-' || i, 'POST', '/bundles',"
                  " 'key-' || i, 'h', '2027-01-15T12:00:00.000Z', '2027-01-15T12:00:01.000Z', 200,"
                  " '{\"data\": \"' || printf('%.300c', 'x') || '\"}' FROM n");
}

// The leaf pages of `table`'s b-tree (dbstat), in page order.
inline std::vector<long long> table_pages(const std::string& path, const std::string& table) {
  std::vector<long long> pages;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    std::string sql = "SELECT pageno FROM dbstat WHERE name = '" + table + "' AND pagetype = 'leaf' ORDER BY pageno";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW) pages.push_back(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return pages;
}

// A disk fault: 4 KB of (seeded) random bytes over page `page` (4 KB pages).
inline void scribble_page(const std::string& path, long long page, unsigned seed = 7) {
  std::mt19937 random(seed);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xff);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>((page - 1) * 4096));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace ugc::state::testing
