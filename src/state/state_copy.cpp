#include "ugc/state/state_copy.hpp"

#include <algorithm>

#include "store_impl.hpp"
#include "ugc/core/hash.hpp"

namespace ugc::state {

namespace {

// A table and its columns, each with its kind: T text, I integer, B bytes.
// In foreign-key order (bundles before accounts and slots, events before the
// outbox). The lock table is left out: a lock belongs to a running process.
struct CopiedTable {
  const char* name;
  std::vector<std::pair<const char*, char>> columns;
  bool has_identity;  // an INTEGER PRIMARY KEY AUTOINCREMENT `id`
};

const std::vector<CopiedTable>& copied_tables() {
  static const std::vector<CopiedTable> tables = {
      {"meta", {{"key", 'T'}, {"value", 'T'}}, false},
      {"bundles",
       {{"external_ref", 'T'}, {"id", 'T'}, {"campaign", 'T'}, {"market", 'T'}, {"country", 'T'}, {"platform", 'T'},
        {"idx", 'I'}, {"videos_quantity", 'I'}, {"status", 'T'}, {"status_at", 'T'}, {"cancel_reason", 'T'},
        {"last_event_at", 'T'}},
       false},
      {"accounts",
       {{"bundle_ref", 'T'}, {"username", 'T'}, {"visible_name", 'T'}, {"biography", 'T'},
        {"profile_picture_sha256", 'T'}, {"status", 'T'}, {"saved_account_id", 'T'}, {"status_at", 'T'},
        {"delivered_username", 'T'}},
       false},
      {"video_slots",
       {{"external_ref", 'T'}, {"bundle_ref", 'T'}, {"position", 'I'}, {"video_id", 'T'}, {"campaign_video", 'T'},
        {"media_sha256", 'T'}, {"video_url", 'T'}, {"caption", 'T'}, {"publish_date", 'T'}, {"status", 'T'},
        {"status_at", 'T'}, {"status_before_cancel", 'T'}, {"post_url", 'T'}},
       false},
      {"media", {{"sha256", 'T'}, {"purpose", 'T'}, {"public_url", 'T'}, {"storage_path", 'T'}}, false},
      {"journal",
       {{"id", 'I'}, {"run_id", 'T'}, {"action_id", 'T'}, {"method", 'T'}, {"path", 'T'}, {"idempotency_key", 'T'},
        {"request_hash", 'T'}, {"started_at", 'T'}, {"finished_at", 'T'}, {"status_code", 'I'},
        {"response_json", 'T'}, {"request_id", 'T'}, {"error_code", 'T'}},
       true},
      {"events", {{"event_id", 'T'}, {"type", 'T'}, {"payload", 'T'}, {"received_at", 'T'}}, false},
      {"credit_costs", {{"key", 'T'}, {"body", 'T'}, {"fetched_at", 'T'}}, false},
      {"analytics_snapshots", {{"id", 'I'}, {"ref", 'T'}, {"taken_at", 'T'}, {"metrics", 'T'}}, true},
      {"account_bans",
       {{"ban_key", 'T'}, {"bundle_ref", 'T'}, {"saved_account_id", 'T'}, {"username", 'T'}, {"status", 'T'},
        {"banned_at", 'T'}},
       false},
      {"account_remakes",
       {{"event_id", 'T'}, {"bundle_ref", 'T'}, {"previous_saved_account_id", 'T'}, {"saved_account_id", 'T'},
        {"remade_at", 'T'}},
       false},
      {"runs",
       {{"id", 'I'}, {"command", 'T'}, {"started_at", 'T'}, {"finished_at", 'T'}, {"host", 'T'}, {"\"user\"", 'T'},
        {"campaign", 'T'}, {"campaign_file", 'T'}, {"campaign_sha256", 'T'}, {"git_commit", 'T'}, {"actions", 'I'},
        {"actions_failed", 'I'}, {"credits_planned", 'I'}, {"credits_charged", 'I'}, {"requests_planned", 'I'},
        {"requests_made", 'I'}, {"outcome", 'T'}, {"message", 'T'}, {"plan", 'B'}, {"plan_bytes", 'I'},
        {"results", 'B'}, {"results_bytes", 'I'}},
       true},
      {"outbox",
       {{"id", 'I'}, {"target", 'T'}, {"event_id", 'T'}, {"order_key", 'T'}, {"attempts", 'I'},
        {"next_attempt_at", 'T'}, {"last_error", 'T'}, {"created_at", 'T'}},
       true},
  };
  return tables;
}

std::string column_list(const CopiedTable& t) {
  std::string list;
  for (const auto& column : t.columns) list += (list.empty() ? "" : ", ") + std::string(column.first);
  return list;
}

// One row as bytes that tell NULL, text, integers and blobs apart.
std::string encoded_row(const Statement& st, const CopiedTable& t) {
  std::string row;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const int i = static_cast<int>(c);
    if (st.is_null(i)) {
      row += "N;";
      continue;
    }
    const std::string value = t.columns[c].second == 'I'   ? std::to_string(st.integer(i))
                              : t.columns[c].second == 'B' ? st.blob(i)
                                                           : st.text(i);
    row += t.columns[c].second + std::to_string(value.size()) + ":" + value + ";";
  }
  return row;
}

Result<TableCopy> table_checksum(Database& db, const CopiedTable& t) {
  auto st = db.prepare("SELECT " + column_list(t) + " FROM " + t.name);
  if (!st) return st.error();
  std::vector<std::string> rows;
  for (;;) {
    auto more = (*st)->step();
    if (!more) return more.error().with_context(std::string("reading table ") + t.name);
    if (!*more) break;
    rows.push_back(encoded_row(**st, t));
  }
  std::sort(rows.begin(), rows.end());
  Sha256Stream hash;
  for (const std::string& row : rows) hash.update(row + "\n");
  return TableCopy{t.name, static_cast<long long>(rows.size()), hash.finish_hex()};
}

Status copy_table(Database& from, Database& to, const CopiedTable& t) {
  auto read = from.prepare("SELECT " + column_list(t) + " FROM " + t.name);
  if (!read) return read.error();
  std::string placeholders;
  for (size_t c = 1; c <= t.columns.size(); ++c) placeholders += (c > 1 ? ", ?" : "?") + std::to_string(c);
  std::string insert = std::string("INSERT INTO ") + t.name + " (" + column_list(t) + ") VALUES (" + placeholders + ")";
  // meta already holds the destination's own serial and state id: the copied ones win.
  if (std::string(t.name) == "meta") insert += " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  auto write = to.prepare(insert);
  if (!write) return write.error();
  for (;;) {
    auto more = (*read)->step();
    if (!more) return more.error().with_context(std::string("reading table ") + t.name);
    if (!*more) break;
    (*write)->reset();
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const int i = static_cast<int>(c);
      if ((*read)->is_null(i))
        (*write)->bind_null(i + 1);
      else if (t.columns[c].second == 'I')
        (*write)->bind(i + 1, (*read)->integer(i));
      else if (t.columns[c].second == 'B')
        (*write)->bind_blob(i + 1, (*read)->blob(i));
      else
        (*write)->bind(i + 1, (*read)->text(i));
    }
    UGC_TRY((*write)->run().context(std::string("copying table ") + t.name));
  }
  // PostgreSQL's identity sequence does not follow explicit ids (SQLite's does).
  if (t.has_identity && to.dialect() == Dialect::postgres)
    UGC_TRY(to.exec(std::string("SELECT setval(pg_get_serial_sequence('") + t.name + "', 'id'), " +
                    "(SELECT coalesce(max(id), 0) + 1 FROM " + t.name + "), false)"));
  return {};
}

Status require_empty(Store& to) {
  auto known = to.load();
  if (!known) return known.error();
  auto events = to.impl().db->prepare("SELECT (SELECT count(*) FROM journal) + (SELECT count(*) FROM events)");
  if (!events) return events.error();
  auto row = (*events)->step();
  if (!row) return row.error();
  if (!known->bundles.empty() || !known->media.empty() || (*events)->integer(0) > 0)
    return conflict("the destination " + to.path() +
                    " already holds state; copy into a new file or an empty database");
  return {};
}

}  // namespace

Result<std::vector<TableCopy>> state_checksums(Store& store) {
  std::lock_guard hold(store.impl().mu);
  std::vector<TableCopy> sums;
  for (const CopiedTable& t : copied_tables()) {
    auto sum = table_checksum(*store.impl().db, t);
    if (!sum) return sum.error();
    sums.push_back(std::move(*sum));
  }
  return sums;
}

Result<std::vector<TableCopy>> copy_state(Store& from, Store& to) {
  UGC_TRY(require_empty(to));
  Database& source = *from.impl().db;
  std::lock_guard hold(from.impl().mu);
  {
    auto tx = to.begin();
    if (!tx) return tx.error();
    for (const CopiedTable& t : copied_tables()) UGC_TRY(copy_table(source, *to.impl().db, t));
    UGC_TRY(tx->commit().context("committing the copy into " + to.path()));
  }
  auto copied = state_checksums(from);
  if (!copied) return copied.error();
  auto landed = state_checksums(to);
  if (!landed) return landed.error();
  for (size_t i = 0; i < copied->size(); ++i) {
    const TableCopy& a = (*copied)[i];
    const TableCopy& b = (*landed)[i];
    if (a.rows != b.rows || a.sha256 != b.sha256)
      return io_error("verifying the copy into " + to.path() + ": table " + a.table + " has " +
                      std::to_string(a.rows) + " rows in " + from.path() + " and " + std::to_string(b.rows) +
                      " in the copy" + (a.rows == b.rows ? " with different contents" : ""));
  }
  return copied;
}

}  // namespace ugc::state
