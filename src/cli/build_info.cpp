#include "ugc/cli/build_info.hpp"

#include "ugc/core/heap.hpp"

namespace ugc::cli {

std::string version_line() {
  return std::string("ugc ") + build_version() + " (commit " + build_commit() + ", heap " + heap::name() + ")";
}

}  // namespace ugc::cli
