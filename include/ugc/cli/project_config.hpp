#pragma once
// The project config: `ugc-project.yaml`, checked into the project's
// repository and found, as git finds .git, in the current directory or the
// nearest parent. It holds what every member of a team shares; today only
// where the state lives:
//
//   state: postgres://db.internal/ugc    # or an SQLite path, relative to this file
//
// It arrives through pull requests, so it is strict: unknown keys, a value
// that is not a string and YAML that does not parse are errors naming
// file:line, and a password inside the URI is refused (libpq takes it from
// PGPASSWORD, ~/.pgpass or PGSERVICE). Campaign directories skip this file.
#include <filesystem>
#include <optional>
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::cli {

inline constexpr const char* kProjectConfigName = "ugc-project.yaml";

struct ProjectConfig {
  std::string path;  // the file read
  std::string state;  // empty when the file has no `state:`; a relative SQLite path is made absolute
  int state_line = 0;  // 1-based line of `state:`
};

// Reads and checks the project config at `path`.
Result<ProjectConfig> read_project_config(const std::string& path);
// The nearest project config from `start` upwards; nullopt when there is none.
Result<std::optional<ProjectConfig>> find_project_config(const std::filesystem::path& start);

}  // namespace ugc::cli
