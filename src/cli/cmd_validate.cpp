#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_validate(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc validate is not built yet"); };
}

}  // namespace ugc::cli
