// Local media: resolve each path against the campaign file's directory and hash
// its bytes (the upload identity). The only file I/O of the manifest module
// besides reading the campaign file itself.
#include <filesystem>

#include "campaign_checks.hpp"
#include "ugc/core/hash.hpp"

namespace ugc::manifest::detail {
namespace {

bool is_url(const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

std::string resolve(const std::string& base_dir, const std::string& file) {
  std::filesystem::path p(file);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

// The sha256 of a regular readable file, or an explanation.
bool hash_file(const std::string& path, std::string& sha256, std::string& why) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    why = "does not exist";
    return false;
  }
  if (!std::filesystem::is_regular_file(status)) {
    why = "is not a regular file";
    return false;
  }
  auto hashed = sha256_file_hex(path);
  if (!hashed) {
    why = "cannot be read (" + hashed.error().message() + ")";
    return false;
  }
  sha256 = *hashed;
  return true;
}

}  // namespace

void resolve_media_files(Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  for (auto& m : campaign.media) {
    if (!m.url.empty()) {
      if (!is_url(m.url))
        add_error(out, m.where, "bad-url", "media '" + m.id + "' url '" + m.url + "' must start with https:// or http://");
      continue;
    }
    if (m.file.empty()) continue;
    m.path = resolve(ctx.base_dir, m.file);
    std::string why;
    if (!hash_file(m.path, m.sha256, why))
      add_error(out, m.where, "media-missing",
                "media '" + m.id + "' file '" + m.file + "' (" + m.path + ") " + why +
                    "; paths are relative to the campaign file");
  }
  auto& a = campaign.accounts;
  if (a.profile_picture.empty() || is_url(a.profile_picture)) return;
  a.profile_picture_path = resolve(ctx.base_dir, a.profile_picture);
  std::string why;
  if (!hash_file(a.profile_picture_path, a.profile_picture_sha256, why))
    add_error(out, a.where, "media-missing",
              "accounts profile_picture '" + a.profile_picture + "' (" + a.profile_picture_path + ") " + why +
                  "; paths are relative to the campaign file");
}

}  // namespace ugc::manifest::detail
