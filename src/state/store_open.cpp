// Store::open: find or create the file, check it is a ugc state file this
// build can read, configure the connection and apply pending migrations. Every
// refusal happens before the first write, so a refused file is left as it was.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "store_impl.hpp"
#include "ugc/state/migrations.hpp"
#include "ugc/state/state_uri.hpp"

namespace ugc::state {

namespace {

namespace fs = std::filesystem;

Result<long long> query_integer(SqliteDb& db, const std::string& sql, const std::string& what) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error().with_context(what);
  auto row = (*stmt)->step();
  if (!row) return row.error().with_context(what);
  return *row ? (*stmt)->integer(0) : 0;
}

Status set_pragma(SqliteDb& db, const std::string& pragma) {
  auto stmt = db.prepare("PRAGMA " + pragma);
  if (!stmt) return stmt.error();
  return (*stmt)->run();
}

Status migrate(SqliteDb& db) {
  UGC_TRY(db.exec("BEGIN IMMEDIATE"));
  auto fail = [&](const Error& e) -> Status {
    (void)db.exec("ROLLBACK");
    return e.with_context("migrating the state schema");
  };
  // Re-read inside the write lock: another process may have just migrated.
  auto version = query_integer(db, "PRAGMA user_version", "reading the schema version");
  if (!version) return fail(version.error());
  for (const Migration& m : migrations()) {
    if (m.version <= *version) continue;
    if (auto s = db.exec(m.sql); !s) return fail(s.error());
    if (auto s = db.exec("PRAGMA user_version = " + std::to_string(m.version)); !s) return fail(s.error());
  }
  if (auto s = db.exec("COMMIT"); !s) return fail(s.error());
  return {};
}

// Decides from the schema version whether this file can be used as asked;
// returns the version.
Result<long long> check_schema(SqliteDb& db, const std::string& path, Access access, bool created) {
  // The first read of the file: "file is not a database" and corruption of
  // the schema page show up here.
  auto tables = query_integer(db, "SELECT count(*) FROM sqlite_master", "reading the schema");
  if (!tables) return tables.error();
  auto version = query_integer(db, "PRAGMA user_version", "reading the schema version");
  if (!version) return version.error();
  const int latest = latest_schema_version();

  if (*version == 0) {
    // No tables at all: a new file, or one whose creator was killed before
    // its first migration committed (nothing to lose). A writer adopts it.
    if (*tables == 0 && (created || access == Access::read_write)) return 0;
    return invalid_input("state file " + path + " is not a ugc state file (an SQLite database without a ugc schema)");
  }
  if (*version > latest)
    return conflict("state file " + path + " was written by a newer ugc (schema version " + std::to_string(*version) +
                    "; this ugc reads up to " + std::to_string(latest) + "): upgrade ugc");
  if (*version < latest && access == Access::read_only)
    return conflict("state file " + path + " has schema version " + std::to_string(*version) + ", older than " +
                    std::to_string(latest) + ": run `ugc state upgrade --state " + path +
                    "` (or any command that writes the state) to migrate it");
  return *version;
}

Status configure(SqliteDb& db, const OpenMode& mode) {
  sqlite3_busy_timeout(db.handle(), static_cast<int>(mode.busy_timeout.count()));
  UGC_TRY(set_pragma(db, "foreign_keys = ON"));
  if (mode.access == Access::read_only) return {};
  UGC_TRY(set_pragma(db, "journal_mode = WAL"));
  // FULL: a journal row is on disk before the request it announces is sent.
  return set_pragma(db, "synchronous = FULL");
}

std::string uri_escape(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

bool cannot_open(int rc) {
  return (rc & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_DIRECTORY;
}

// Opens a connection for reading and checks that the file can be read.
//
// A plain SQLITE_OPEN_READONLY connection to a WAL-mode file creates -wal and
// -shm files that it cannot remove when it closes. So the reader opens the
// file read-write (never with CREATE) under `PRAGMA query_only`, which refuses
// every change through SQL: as the last connection to close, SQLite then
// removes its side files as it found them.
//
// In a directory the reader may not write, with no -shm file there, SQLite
// cannot open a WAL file at all; when no -wal is pending either, the main file
// holds everything and is read as immutable (nobody can write it there
// without creating a -wal).
Result<std::unique_ptr<SqliteDb>> open_reader(const std::string& path) {
  auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE);
  if (!db) return db;
  sqlite3* handle = (*db)->handle();
  if (sqlite3_exec(handle, "PRAGMA query_only = ON", nullptr, nullptr, nullptr) != SQLITE_OK)
    return (*db)->error(sqlite3_extended_errcode(handle), "opening read-only");
  if (sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK) return db;
  struct stat wal {};
  if (!cannot_open(sqlite3_extended_errcode(handle)) || ::stat((path + "-wal").c_str(), &wal) == 0) return db;
  auto immutable = SqliteDb::open("file:" + uri_escape(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (immutable) (*immutable)->set_path(path);
  return immutable;
}

}  // namespace

// Creates an empty file with mode 0600 (and its directory, 0700), failing if
// it appeared meanwhile. SQLite gives the -wal and -shm files the same mode.
Status create_private_file(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    if (!fs::exists(parent, ec)) {
      fs::create_directories(parent, ec);
      if (ec) return io_error("cannot create directory " + parent.string() + " for the state file: " + ec.message());
      fs::permissions(parent, fs::perms::owner_all, ec);
    }
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot create state file " + path + ": " + std::strerror(errno));
  ::close(fd);
  return {};
}

void remove_with_side_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

Result<Store> Store::open(const std::string& path, OpenMode mode, std::shared_ptr<Clock> clock) {
  if (path.empty()) return invalid_input("the state file path is empty");
  if (is_postgres_uri(path)) {
    auto impl = open_postgres_store(path, mode, std::move(clock));
    if (!impl) return impl.error();
    return Store(std::move(*impl));
  }
  if (mode.access == Access::read_only) mode.create_if_missing = false;

  bool created = false;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return io_error("state file " + path + ": cannot stat: " + std::strerror(errno));
    if (!mode.create_if_missing)
      return not_found("state file " + path + " does not exist (nothing has been applied yet, or pass --state FILE)");
    UGC_TRY(create_private_file(path));
    created = true;
  } else {
    if (S_ISDIR(st.st_mode)) return invalid_input("state file " + path + " is a directory");
    UGC_TRY(check_file_header(path));
  }

  auto fail = [&](const Error& e) -> Result<Store> {
    if (created) remove_with_side_files(path);
    return e;
  };
  struct stat wal {};
  const bool had_wal = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
  auto db = mode.access == Access::read_only ? open_reader(path) : SqliteDb::open(path, SQLITE_OPEN_READWRITE);
  if (!db) return fail(db.error());
  SqliteDb& conn = **db;
  sqlite3_busy_timeout(conn.handle(), static_cast<int>(mode.busy_timeout.count()));
  // A refused file stays as it is: closing the last connection would
  // otherwise checkpoint a pending -wal into it.
  auto refuse = [&](const Error& e) -> Result<Store> {
    if (had_wal) sqlite3_db_config(conn.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return fail(e);
  };

  auto version = check_schema(conn, path, mode.access, created);
  if (!version) return refuse(version.error());
  // Before the first write (WAL mode, migrations, anything a command does).
  if (!created && mode.verify_integrity) {
    if (auto s = verify_integrity(conn, path); !s) return refuse(s.error());
  }
  if (auto s = configure(conn, mode); !s) return refuse(s.error());
  if (mode.access == Access::read_write && *version < latest_schema_version()) {
    if (auto s = migrate(conn); !s) return refuse(s.error());
  }

  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  impl->clock = std::move(clock);
  impl->path = path;
  impl->access = mode.access;
  return Store(std::move(impl));
}

Result<std::optional<Store>> Store::open_if_applied(const std::string& path, std::shared_ptr<Clock> clock) {
  auto store = open(path, {Access::read_only, false}, std::move(clock));
  if (store) return std::optional<Store>{std::move(*store)};
  if (store.error().kind() == ErrorKind::not_found) return std::optional<Store>{};
  return store.error();
}

}  // namespace ugc::state
