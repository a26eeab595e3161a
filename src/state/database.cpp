#include "database.hpp"

namespace ugc::state {

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

Result<Statement*> Database::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto prepared = prepare(sql);
    if (!prepared) return prepared.error();
    it = cache_.emplace(sql, std::move(*prepared)).first;
  }
  it->second->reset();
  return it->second.get();
}

Result<bool> Database::table_exists(const std::string& name) {
  auto st = cached(dialect() == Dialect::postgres
                       ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?1"
                       : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!st) return st.error();
  (*st)->bind(1, name);
  auto row = (*st)->step();
  (*st)->reset();
  return row;
}

}  // namespace ugc::state
