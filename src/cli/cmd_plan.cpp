#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_plan(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc plan is not built yet"); };
}

}  // namespace ugc::cli
