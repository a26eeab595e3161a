#pragma once
// `ugc analytics report` (cmd_analytics_report.cpp), added under the
// `analytics` command (which the command table defines): the returned run
// writes the report when `report` was parsed. Its own header so that the
// analytics command can include it without every command recompiling.
#include <memory>

#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_analytics_report(CLI::App& analytics, std::shared_ptr<Clock> clock);

}  // namespace ugc::cli
