#include "ugc/cli/build_info.hpp"

namespace ugc::cli {

std::string version_line() {
  return std::string("ugc ") + build_version() + " (commit " + build_commit() + ")";
}

}  // namespace ugc::cli
