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

}  // namespace ugc::state
