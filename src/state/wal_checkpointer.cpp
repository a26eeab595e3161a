#include "ugc/state/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "sqlite_db.hpp"
#include "store_impl.hpp"

namespace ugc::state {

namespace {

// SQLite's default, restored when the checkpointer stops.
constexpr int kDefaultAutoCheckpointPages = 1000;

Status set_auto_checkpoint(Store& store, int pages) {
  Store::Impl& impl = store.impl();
  std::lock_guard hold(impl.mu);
  return impl.db->exec("PRAGMA wal_autocheckpoint = " + std::to_string(pages));
}

}  // namespace

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(Store& store, std::chrono::milliseconds interval) {
  UGC_TRY(store.impl().require_writable());
  if (store.impl().db->dialect() != Dialect::sqlite) return std::unique_ptr<WalCheckpointer>();
  auto db = SqliteDb::open(store.path(), SQLITE_OPEN_READWRITE);
  if (!db) return db.error().with_context("opening the checkpoint connection");
  sqlite3_busy_timeout((*db)->handle(), 5000);
  // A connection learns the file is in WAL mode on its first read; until
  // then a checkpoint through it does nothing.
  UGC_TRY((*db)->exec("SELECT count(*) FROM sqlite_master"));
  UGC_TRY(set_auto_checkpoint(store, 0));
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(store, std::move(*db), interval));
}

WalCheckpointer::WalCheckpointer(Store& store, std::unique_ptr<SqliteDb> db, std::chrono::milliseconds interval)
    : store_(store), db_(std::move(db)), interval_(interval), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard hold(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  checkpoint_once();
  db_.reset();
  if (auto restored = set_auto_checkpoint(store_, kDefaultAutoCheckpointPages); !restored)
    spdlog::warn("state: restoring automatic WAL checkpoints: {}", restored.error().message());
}

std::size_t WalCheckpointer::checkpoints() const {
  std::lock_guard hold(mu_);
  return checkpoints_;
}

void WalCheckpointer::run() {
  std::unique_lock hold(mu_);
  while (!wake_.wait_for(hold, interval_, [this] { return stopping_; })) {
    hold.unlock();
    checkpoint_once();
    hold.lock();
  }
}

// A failed passive checkpoint is harmless (the WAL keeps every frame, and the
// next one retries), so it is only logged.
void WalCheckpointer::checkpoint_once() {
  int wal_frames = 0;
  int copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    spdlog::debug("state: passive WAL checkpoint: {}", sqlite3_errmsg(db_->handle()));
  std::lock_guard hold(mu_);
  ++checkpoints_;
}

}  // namespace ugc::state
