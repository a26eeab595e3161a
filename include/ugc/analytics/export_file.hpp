#pragma once
// Writing a report (or any export) to disk: atomically (a temp file in the
// same directory, fsynced, then renamed over the target), so a reader never
// sees half a report and a failed run leaves the old one in place.
//
// Overwriting: a file this function wrote before (it carries `marker`) is
// replaced, so a daily report can be made again without a flag; any other
// existing file is refused (conflict) unless `force`: `-o campaign.yaml` by
// mistake must not destroy the campaign.
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::analytics {

Status write_export_file(const std::string& path, const std::string& content, const std::string& marker, bool force);

}  // namespace ugc::analytics
