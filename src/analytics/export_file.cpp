#include "ugc/analytics/export_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace ugc::analytics {
namespace {

Error export_failure(const std::string& what, const std::string& path) {
  return io_error(what + " " + path + ": " + std::strerror(errno));
}

// True when the first bytes of the file at `path` hold `marker`.
bool starts_with_marker(const std::string& path, const std::string& marker) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return !marker.empty() && head.find(marker) != std::string::npos;
}

Status may_replace(const std::string& path, const std::string& marker, bool force) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return {};
  if (std::filesystem::is_directory(status)) return invalid_input(path + " is a directory: name a file");
  if (force || starts_with_marker(path, marker)) return {};
  return conflict("refusing to overwrite " + path + ": it is not a file ugc wrote (pass --force to replace it)");
}

}  // namespace

Status write_export_file(const std::string& path, const std::string& content, const std::string& marker, bool force) {
  UGC_TRY(may_replace(path, marker, force));
  // Same directory as the target so rename() is atomic; pid keeps two runs apart.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) return export_failure("cannot create", temp);
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    auto err = export_failure("cannot write", temp);
    std::remove(temp.c_str());
    return err;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    auto err = export_failure("cannot rename the report into", path);
    std::remove(temp.c_str());
    return err;
  }
  return {};
}

}  // namespace ugc::analytics
