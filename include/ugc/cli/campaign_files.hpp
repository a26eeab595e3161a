#pragma once
// Campaign files named on the command line: `ugc plan DIR` and `ugc reconcile
// FILE|DIR...` take folders of campaigns that share one state.
#include <string>
#include <vector>

#include "ugc/core/result.hpp"

namespace ugc::cli {

// The campaign files of the arguments: a file as is, a directory's *.yaml and
// *.yml files (not recursive), sorted. Errors: a path that does not exist, a
// directory without campaign files.
Result<std::vector<std::string>> campaign_files(const std::vector<std::string>& paths);

}  // namespace ugc::cli
