#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_apply(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc apply is not built yet"); };
}

}  // namespace ugc::cli
