#include "pg_db.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "pg_dialect.hpp"
#include "ugc/state/state_uri.hpp"

namespace ugc::state {

namespace {

// Type Oids (pg_type.h is a server header).
constexpr Oid kPgInt8 = 20;
constexpr Oid kPgText = 25;
constexpr Oid kPgBytea = 17;

ErrorKind pg_error_kind(std::string_view sqlstate) {
  // A foreign key names a row that is not there (a slot of an unknown bundle).
  if (sqlstate == "23503") return ErrorKind::not_found;
  if (sqlstate.starts_with("23") || sqlstate.starts_with("40") || sqlstate == "55P03") return ErrorKind::conflict;
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57") || sqlstate.starts_with("53") ||
      sqlstate.starts_with("58"))
    return ErrorKind::io;
  if (sqlstate.starts_with("28") || sqlstate == "3D000") return ErrorKind::invalid_input;
  return ErrorKind::fatal;  // a bug in our SQL
}

// What libpq said, on one line.
std::string pg_one_line(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

void pg_quiet_notices(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<PgDb>> PgDb::connect(const std::string& uri) {
  const std::string shown = redact_state_uri(uri);
  PGconn* conn = PQconnectdb(uri.c_str());
  std::unique_ptr<PgDb> db(new PgDb(conn, shown));
  if (!conn) return io_error("PostgreSQL state " + shown + ": cannot connect: out of memory");
  if (PQstatus(conn) != CONNECTION_OK)
    return io_error("PostgreSQL state " + shown + ": cannot connect: " + pg_one_line(PQerrorMessage(conn)) +
                    " (credentials come from PGPASSWORD, ~/.pgpass or PGSERVICE)");
  // NOTICEs (e.g. "relation already exists, skipping") are not for the user.
  PQsetNoticeProcessor(conn, pg_quiet_notices, nullptr);
  return db;
}

PgDb::~PgDb() {
  clear_cache();
  if (conn_) PQfinish(conn_);
}

bool PgDb::connected() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

Error PgDb::error(const PGresult* result, const std::string& what) const {
  const std::string where = "PostgreSQL state " + path() + ": " + what + ": ";
  if (!connected())
    return io_error(where + "lost the connection to the server (" + pg_one_line(PQerrorMessage(conn_)) + ")");
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string detail = primary ? primary : pg_one_line(PQerrorMessage(conn_));
  // The DETAIL names the key ("Key (bundle_ref)=(c-FR-tiktok-9) is not present ...").
  if (const char* more = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL) : nullptr)
    detail += std::string(" (") + more + ")";
  return Error(pg_error_kind(state ? state : ""), where + detail + (state ? std::string(" [") + state + "]" : ""));
}

Status PgDb::exec(const std::string& sql) {
  const PostgresStatement translated = postgres_statement(sql);
  PgResult result(PQexec(conn_, translated.sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return error(result.get(), "executing \"" + sql.substr(0, 60) + "\"");
  // COMMIT of a transaction in which a statement failed rolls back instead.
  if (sql == "COMMIT" && std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0)
    return conflict("PostgreSQL state " + path() + ": the transaction was rolled back (a statement in it failed)");
  return {};
}

Result<std::unique_ptr<Statement>> PgDb::prepare(std::string_view sql) {
  PostgresStatement translated = postgres_statement(sql);
  return std::unique_ptr<Statement>(std::make_unique<PgStatement>(this, std::move(translated.sql), translated.parameters));
}

Result<long long> PgDb::last_insert_rowid() {
  auto st = cached("SELECT lastval()");
  if (!st) return st.error();
  auto row = (*st)->step();
  if (!row) return row.error();
  const long long id = *row ? (*st)->integer(0) : 0;
  (*st)->reset();
  return id;
}

bool PgDb::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

PgStatement::PgStatement(PgDb* db, std::string sql, int parameters)
    : db_(db),
      sql_(std::move(sql)),
      values_(static_cast<size_t>(parameters)),
      types_(static_cast<size_t>(parameters), 0),
      formats_(static_cast<size_t>(parameters), 0),
      nulls_(static_cast<size_t>(parameters), true) {}

Statement& PgStatement::set(int index, Oid type, std::string value, int format, bool null) {
  if (index < 1 || static_cast<size_t>(index) > values_.size()) {
    if (bind_status_.ok())
      bind_status_ = fatal_error("PostgreSQL state " + db_->path() + ": binding parameter " + std::to_string(index) +
                                 " of \"" + sql_.substr(0, 60) + "\", which has " + std::to_string(values_.size()));
    return *this;
  }
  const auto i = static_cast<size_t>(index - 1);
  values_[i] = std::move(value);
  types_[i] = type;
  formats_[i] = format;
  nulls_[i] = null;
  return *this;
}

Statement& PgStatement::bind(int index, std::string_view text) {
  return set(index, kPgText, std::string(text), 0, false);
}
Statement& PgStatement::bind(int index, long long value) {
  return set(index, kPgInt8, std::to_string(value), 0, false);
}
// Untyped: the server gives a NULL the type of the column it goes to.
Statement& PgStatement::bind_null(int index) { return set(index, 0, {}, 0, true); }
Statement& PgStatement::bind_blob(int index, std::string_view bytes) {
  return set(index, kPgBytea, std::string(bytes), 1, false);
}

Result<bool> PgStatement::step() {
  if (!bind_status_.ok()) return bind_status_.error();
  if (!result_) {
    const size_t n = values_.size();
    std::vector<const char*> values(n);
    std::vector<int> lengths(n);
    for (size_t i = 0; i < n; ++i) {
      values[i] = nulls_[i] ? nullptr : values_[i].data();
      lengths[i] = static_cast<int>(values_[i].size());
    }
    result_.reset(PQexecParams(db_->handle(), sql_.c_str(), static_cast<int>(n),
                               types_.data(), values.data(), lengths.data(),
                               formats_.data(), 0));
    const ExecStatusType status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK) {
      db_->set_changes(std::atoll(PQcmdTuples(result_.get())));
    } else if (status != PGRES_TUPLES_OK) {
      Error failure = db_->error(result_.get(), "running \"" + sql_.substr(0, 60) + "\"");
      result_.reset();
      return failure;
    }
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(result_.get());
}

void PgStatement::reset() {
  result_.reset();
  row_ = -1;
  std::fill(nulls_.begin(), nulls_.end(), true);
  std::fill(types_.begin(), types_.end(), 0);
  bind_status_ = Status();
}

std::string PgStatement::text(int column) const {
  if (PQgetisnull(result_.get(), row_, column)) return {};
  return std::string(PQgetvalue(result_.get(), row_, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row_, column)));
}

std::string PgStatement::blob(int column) const {
  if (PQftype(result_.get(), column) != kPgBytea) return text(column);
  if (PQgetisnull(result_.get(), row_, column)) return {};
  size_t length = 0;
  unsigned char* bytes =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row_, column)), &length);
  if (!bytes) return {};
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

long long PgStatement::integer(int column) const {
  const char* value = PQgetvalue(result_.get(), row_, column);
  if (value[0] == 't') return 1;  // a boolean
  if (value[0] == 'f') return 0;
  return std::atoll(value);
}

bool PgStatement::is_null(int column) const { return PQgetisnull(result_.get(), row_, column) != 0; }

}  // namespace ugc::state
