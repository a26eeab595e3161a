#include "ugc/cli/campaign_files.hpp"

#include <algorithm>
#include <filesystem>

#include "ugc/cli/project_config.hpp"

namespace ugc::cli {
namespace {

// The project config lives beside campaign files but is not one.
bool is_campaign_file_name(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return (ext == ".yaml" || ext == ".yml") && p.filename() != kProjectConfigName;
}

}  // namespace

Result<std::vector<std::string>> campaign_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::directory_iterator(path, ec))
        if (entry.is_regular_file() && is_campaign_file_name(entry.path())) found.push_back(entry.path().string());
      if (ec) return io_error("cannot read directory " + path + ": " + ec.message());
      if (found.empty()) return invalid_input("directory " + path + " holds no campaign files (*.yaml, *.yml)");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, ec)) {
      files.push_back(path);
    } else {
      return not_found("campaign file " + path + " does not exist");
    }
  }
  return files;
}

}  // namespace ugc::cli
