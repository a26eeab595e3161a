#pragma once
// StateStore: `ugc sim --state FILE`. The whole World is serialised to one JSON
// document (world_json.hpp) and written into a single-row SQLite table in one
// transaction after each mutating request; SQLite's journal makes each save
// all-or-nothing, so a crash leaves the previous or the new world, never a mix.
// Not thread-safe; SimServer calls it with World::mu held.
#include <sqlite3.h>

#include <string>

#include "ugc/core/result.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

class StateStore {
 public:
  StateStore() = default;
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  Status open(const std::string& path);
  // Loads the saved world into `world`; returns false when the file holds none yet.
  Result<bool> load(World& world);
  Status save(const World& world);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace ugc::sim
