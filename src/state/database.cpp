#include "database.hpp"

namespace ugc::state {

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

}  // namespace ugc::state
