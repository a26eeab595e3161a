#include "store_impl.hpp"

namespace ugc::state {

Result<std::vector<std::string>> Store::quick_check() {
  std::lock_guard hold(impl_->mu);
  auto st = impl_->db->prepare("PRAGMA quick_check");
  if (!st) return st.error();
  std::vector<std::string> problems;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error().with_context("checking the state file");
    if (!*row) break;
    std::string finding = (*st)->text(0);
    if (finding != "ok") problems.push_back(std::move(finding));
  }
  return problems;
}

}  // namespace ugc::state
