#pragma once
// Store: the state file, one SQLite database (WAL mode) that records what ugc
// knows exists at TokPortal (bundles, accounts, video slots with their stable
// slot assignment, uploaded media), plus the apply journal, received events,
// analytics snapshots, the run lock and API caches. It knows nothing about YAML
// or HTTP.
//
// Opening: a read-only open never creates or changes a file (a missing file is
// an error); a read-write open with create_if_missing creates the file with mode
// 0600 (and its directory) and applies pending migrations. Damaged files (every
// open of an existing file runs PRAGMA quick_check, ugc/state/integrity.hpp),
// files from a newer ugc and files that are not ugc state are refused with an
// Error naming the file, before anything is written.
//
// The serial (meta) counts committed changes to the resources the planner reads
// (bundles, accounts, slots, media): it goes up by one per committed write
// transaction that changed them, so a saved plan can tell the state moved.
// Journal, events, locks, caches and snapshots do not bump it: they never
// change a plan. The state id (meta) tells two files at the same serial apart.
//
// Every write runs in a transaction (its own, or the caller's Transaction) and
// is committed with synchronous=FULL. The API key is never stored: values that
// could carry it (meta, caches, journal responses) pass through log::redact.
//
// Thread-safety: a Store may be shared by threads; calls are serialized. A
// Transaction holds the Store for its thread until it ends. Not for sharing
// across processes (that is what the lock is for).
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::state {

enum class Access { read_only, read_write };

struct OpenMode {
  Access access = Access::read_only;
  bool create_if_missing = false;  // only with read_write
  // How long a statement waits for another process's SQLite write lock.
  std::chrono::milliseconds busy_timeout{5000};
  // Refuse a damaged existing file (PRAGMA quick_check and the -wal, see
  // ugc/state/integrity.hpp). Off only for `ugc state check`, which reports
  // the damage itself.
  bool verify_integrity = true;
};

// What a ref names in the state.
enum class RefKind { bundle, slot };
const char* to_string(RefKind kind);

struct Removal {
  RefKind kind = RefKind::bundle;
  int slots_removed = 0;  // for a bundle: its slots, removed with it
};

struct CachedJson {
  Json body;
  std::string fetched_at;  // ISO 8601 UTC
};

class Transaction;

class Store {
 public:
  // `clock` (never null) stamps what the store records (journal, events,
  // lock, caches, snapshots) and times waits for the lock.
  static Result<Store> open(const std::string& path, OpenMode mode, std::shared_ptr<Clock> clock);
  // The state at `path` opened read-only, or nothing when nothing has been
  // applied there yet: no SQLite file, or a PostgreSQL database without ugc's
  // schema. `ugc plan` and `ugc status` read that as an empty state.
  static Result<std::optional<Store>> open_if_applied(const std::string& path, std::shared_ptr<Clock> clock);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const;
  bool writable() const;

  // Everything known for `campaign` (all campaigns when empty): one query per
  // table, ordered by external_ref (slots by bundle_ref, position). Media is
  // shared between campaigns and always returned in full.
  Result<KnownResources> load(const std::string& campaign = {});
  Result<long long> serial();
  // The state id: 32 hex digits drawn at random once for this file (migration
  // 3) and never changed; a copy of the file shares it. Saved plans bind to it.
  Result<std::string> state_id();

  Result<std::optional<KnownBundle>> find_bundle(const std::string& external_ref);
  Result<std::optional<KnownSlot>> find_slot(const std::string& external_ref);
  Result<std::optional<RefKind>> kind_of(const std::string& ref);

  // Inserts or replaces by key. upsert_bundle also writes bundle.account when
  // set (an unset account leaves a recorded one alone). upsert_slot needs its
  // bundle recorded first (not_found otherwise).
  Status upsert_bundle(const KnownBundle& bundle);
  Status upsert_slot(const KnownSlot& slot);
  Status upsert_media(const KnownMedia& media);
  Status set_account(const std::string& bundle_ref, const KnownAccount& account);
  // Forgets a bundle (with its account and slots) or a slot. Touches no API.
  Result<Removal> remove(const std::string& ref);
  // Renames a bundle ref (its account and slots follow) or a slot ref; the slot
  // keeps its place. not_found if `old_ref` is unknown, conflict if `new_ref` exists.
  Result<RefKind> move(const std::string& old_ref, const std::string& new_ref);

  // Batches writes: begin(), write, commit(). Destroyed uncommitted = rolled back.
  Result<Transaction> begin();

  // Small key/value settings. "serial" and "state_id" are reserved.
  Result<std::optional<std::string>> meta_get(const std::string& key);
  Status meta_put(const std::string& key, const std::string& value);

  // Cache of GET /credit-costs, keyed by API base URL (or any caller key).
  Result<std::optional<CachedJson>> credit_costs_get(const std::string& key);
  Status credit_costs_put(const std::string& key, const Json& body);

  // PRAGMA quick_check and the -wal check: empty when the file is sound, else
  // the findings. Reads every page (as every open does unless told not to).
  Result<std::vector<std::string>> quick_check();

  // For the state module's own parts (journal, events, lock, analytics).
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A write transaction on a Store (BEGIN IMMEDIATE). Writes made through the
// Store while it is open join it; commit() makes them durable together and
// bumps the serial once if resources changed. Movable, not copyable; stays on
// the thread that began it.
class Transaction {
 public:
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  Status commit();

 private:
  friend class Store;
  Transaction(Store::Impl* impl, std::unique_lock<std::recursive_mutex> hold);
  Store::Impl* impl_;
  std::unique_lock<std::recursive_mutex> hold_;
};

}  // namespace ugc::state
