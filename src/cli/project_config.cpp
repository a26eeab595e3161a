#include "ugc/cli/project_config.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "ugc/state/state_uri.hpp"

namespace ugc::cli {

namespace {

constexpr std::size_t kProjectConfigMaxBytes = 64 * 1024;

Error project_config_error(const std::string& path, const YAML::Mark& mark, const std::string& message) {
  return invalid_input(path + ":" + std::to_string(mark.line + 1) + ": " + message);
}

// A relative SQLite path names a file beside the config, wherever ugc runs.
std::string project_state_location(const std::string& config_path, const std::string& value) {
  if (state::is_postgres_uri(value)) return value;
  const std::filesystem::path p(value);
  if (p.is_absolute()) return value;
  return (std::filesystem::path(config_path).parent_path() / p).lexically_normal().string();
}

Status check_project_state(const std::string& path, const YAML::Node& node) {
  const YAML::Mark at = node.Mark();
  if (!node.IsScalar() || node.Scalar().empty())
    return project_config_error(path, at, "`state` must be an SQLite path or a postgres:// URI");
  const std::string& value = node.Scalar();
  if (state::redact_state_uri(value) != value)
    return project_config_error(path, at,
                                "the state URI holds a password, and this file is checked in: remove it from the URI "
                                "and give it to libpq through PGPASSWORD, ~/.pgpass or PGSERVICE "
                                "(postgres:///?service=NAME with the password in ~/.pg_service.conf)");
  return {};
}

}  // namespace

Result<ProjectConfig> read_project_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("cannot read the project config " + path);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().size() > kProjectConfigMaxBytes)
    return invalid_input(path + ": a project config is at most " + std::to_string(kProjectConfigMaxBytes) + " bytes");
  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    return invalid_input(path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                         ": not valid YAML: " + e.msg);
  }
  ProjectConfig config;
  config.path = path;
  if (root.IsNull()) return config;
  if (!root.IsMap()) return project_config_error(path, root.Mark(), "a project config is a mapping (`state: ...`)");
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key != "state")
      return project_config_error(path, entry.first.Mark(),
                                  "unknown key `" + key + "` (a project config knows only `state`)");
    if (config.state_line != 0)
      return project_config_error(path, entry.first.Mark(),
                                  "`state` is given twice (first on line " + std::to_string(config.state_line) + ")");
    UGC_TRY(check_project_state(path, entry.second));
    config.state = project_state_location(path, entry.second.Scalar());
    config.state_line = entry.first.Mark().line + 1;
  }
  return config;
}

Result<std::optional<ProjectConfig>> find_project_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return std::optional<ProjectConfig>();
  for (;;) {
    const std::filesystem::path candidate = dir / kProjectConfigName;
    if (std::filesystem::is_regular_file(candidate, ec)) {
      auto config = read_project_config(candidate.string());
      if (!config) return config.error();
      return std::optional<ProjectConfig>(std::move(*config));
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::optional<ProjectConfig>();
    dir = dir.parent_path();
  }
}

}  // namespace ugc::cli
