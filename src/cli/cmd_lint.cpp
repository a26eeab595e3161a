#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_lint(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc lint is not built yet"); };
}

}  // namespace ugc::cli
