#pragma once
// WalCheckpointer: moves WAL checkpoints off a busy writer's commit path.
//
// SQLite checkpoints a WAL-mode file inside whichever commit pushes the WAL
// past wal_autocheckpoint pages (1000): that commit also copies the pages into
// the database file and fsyncs it, so every caller waiting on it (a burst of
// webhook deliveries in one group commit) sees tens of milliseconds more. A
// long-running writer instead starts a WalCheckpointer: automatic checkpoints
// are turned off on the Store's connection while it runs, and a thread with
// its own connection runs passive checkpoints (which never wait for, nor
// block, the writer) every `interval`. A passive checkpoint that copies every
// frame lets the next commit restart the WAL from its start, so the file stays
// small. Destroying it runs a last checkpoint and restores the Store's
// automatic checkpoints.
//
// For a Store opened read-write; the Store must outlive it. A PostgreSQL
// state needs none (the server checkpoints): start() then returns null.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>

#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

class SqliteDb;

class WalCheckpointer {
 public:
  static Result<std::unique_ptr<WalCheckpointer>> start(Store& store, std::chrono::milliseconds interval);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far, for the tests and the logs.
  std::size_t checkpoints() const;

 private:
  WalCheckpointer(Store& store, std::unique_ptr<SqliteDb> db, std::chrono::milliseconds interval);
  void run();
  void checkpoint_once();

  Store& store_;
  std::unique_ptr<SqliteDb> db_;  // its own connection
  std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::size_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace ugc::state
