// Local media: confine each path to the media roots, check its type by its
// bytes and hash them (the upload identity). The only file I/O of the
// manifest module besides reading the campaign file itself.
//
// A campaign file comes from a pull request as often as from its author, so
// it must not be able to name a file the runner can read but the campaign
// does not own (/etc/passwd, ../../.ssh/id_rsa, a symlink in media/ pointing
// at either). Media resolve, symlinks followed, inside the campaign file's
// directory or a --media-root given on the command line.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "campaign_checks.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/manifest/media_type.hpp"

namespace ugc::manifest::detail {
namespace {

bool is_url(const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

// The path as the plan shows and apply opens it: relative to the campaign
// file's directory, normalized.
std::string resolve(const std::string& base_dir, const std::string& file) {
  std::filesystem::path p(file);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

bool inside(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

bool inside_any(const std::filesystem::path& path, const std::vector<std::filesystem::path>& roots) {
  for (const auto& root : roots)
    if (inside(path, root)) return true;
  return false;
}

struct MediaProblem {
  std::string rule;
  std::string why;  // completes "media 'x' file 'y' ..."
};

// Where media may live: each root as written (made absolute) for a first,
// lexical check that touches no file outside the roots, and canonical
// (symlinks resolved) for the check that decides.
class MediaRoots {
 public:
  explicit MediaRoots(const CheckContext& ctx) {
    std::vector<std::string> dirs{ctx.base_dir};
    dirs.insert(dirs.end(), ctx.media_roots.begin(), ctx.media_roots.end());
    for (const auto& dir : dirs) {
      std::error_code ec;
      auto absolute = std::filesystem::absolute(dir, ec).lexically_normal();
      if (!absolute.has_filename()) absolute = absolute.parent_path();
      lexical_.push_back(absolute);
      auto canonical = std::filesystem::canonical(dir, ec);
      if (!ec) {
        canonical_.push_back(canonical);
        lexical_.push_back(canonical);
      }
      names_ += (names_.empty() ? "" : " or ") + absolute.string();
    }
  }

  // The canonical path of `file` (as written), or why it may not be used.
  std::optional<MediaProblem> confine(const std::string& base_dir, const std::string& file,
                                      std::filesystem::path& canonical) const {
    std::error_code ec;
    auto lexical = std::filesystem::absolute(resolve(base_dir, file), ec).lexically_normal();
    if (!inside_any(lexical, lexical_)) return outside(lexical.string());
    canonical = std::filesystem::canonical(lexical, ec);
    if (ec == std::errc::no_such_file_or_directory) return MediaProblem{"media-missing", "does not exist"};
    if (ec) return MediaProblem{"media-missing", "cannot be resolved (" + ec.message() + ")"};
    if (!inside_any(canonical, canonical_)) return outside(canonical.string() + " (through a symlink)");
    return std::nullopt;
  }

 private:
  MediaProblem outside(const std::string& resolved) const {
    return MediaProblem{"media-outside-root", "resolves to " + resolved + ", outside " + names_ +
                                                  "; media must be inside the campaign file's directory (a "
                                                  "campaign cannot widen this; the command line can, with "
                                                  "--media-root DIR)"};
  }

  std::vector<std::filesystem::path> lexical_;
  std::vector<std::filesystem::path> canonical_;
  std::string names_;
};

std::optional<MediaProblem> not_regular(mode_t mode) {
  if (S_ISREG(mode)) return std::nullopt;
  const char* what = S_ISDIR(mode)    ? "a directory"
                     : S_ISFIFO(mode) ? "a FIFO"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "a device";
  return MediaProblem{"media-not-file", std::string("is ") + what + ", not a regular file"};
}

class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Reads up to `want` more bytes into `out`; false on a read error.
bool read_some(int fd, std::string& out, std::size_t want, bool& eof) {
  std::size_t old = out.size();
  out.resize(old + want);
  ssize_t n = 0;
  do {
    n = ::read(fd, out.data() + old, want);
  } while (n < 0 && errno == EINTR);
  out.resize(old + static_cast<std::size_t>(n < 0 ? 0 : n));
  eof = n == 0;
  return n >= 0;
}

std::optional<MediaProblem> read_problem() {
  return MediaProblem{"media-missing", std::string("cannot be read (") + std::strerror(errno) + ")"};
}

std::optional<MediaProblem> wrong_type(const std::optional<MediaType>& type, MediaKind kind) {
  if (type && type->kind == kind) return std::nullopt;
  std::string want = kind == MediaKind::video ? "a video" : "an image";
  std::string found = type ? std::string("a ") + type->name + (type->kind == MediaKind::video ? " video" : " image")
                           : std::string("none of them");
  return MediaProblem{"media-type", "is not " + want + " the API accepts (" + accepted_media_types(kind) +
                                        "): its content is " + found + " (checked by content, not by name)"};
}

// One pass over a regular file: its first bytes decide the type, all of them
// make the sha256. Opened non-blocking so that a FIFO swapped in after the
// stat cannot hang the check.
std::optional<MediaProblem> type_and_hash(const std::filesystem::path& canonical, MediaKind kind,
                                          std::string& sha256) {
  struct stat st {};
  if (::stat(canonical.c_str(), &st) != 0) return read_problem();
  if (auto p = not_regular(st.st_mode)) return p;
  OpenFile file(::open(canonical.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.fd() < 0) return read_problem();
  if (::fstat(file.fd(), &st) != 0) return read_problem();
  if (auto p = not_regular(st.st_mode)) return p;
  std::string chunk;
  bool eof = false;
  while (!eof && chunk.size() < kMediaSniffBytes)
    if (!read_some(file.fd(), chunk, kMediaSniffBytes - chunk.size(), eof)) return read_problem();
  if (auto p = wrong_type(sniff_media_type(chunk), kind)) return p;
  Sha256Stream hash;
  while (!chunk.empty()) {
    hash.update(chunk);
    chunk.clear();
    if (!eof && !read_some(file.fd(), chunk, 1 << 16, eof)) return read_problem();
  }
  sha256 = hash.finish_hex();
  return std::nullopt;
}

// Resolves `file` into `path`, checks it and hashes it; appends a diagnostic
// naming `what` when it cannot be used.
void check_local_media(const CheckContext& ctx, const MediaRoots& roots, const std::string& what,
                       const std::string& file, MediaKind kind, const SourceLocation& where, std::string& path,
                       std::string& sha256, std::vector<Diagnostic>& out) {
  path = resolve(ctx.base_dir, file);
  std::filesystem::path canonical;
  auto problem = roots.confine(ctx.base_dir, file, canonical);
  if (!problem) problem = type_and_hash(canonical, kind, sha256);
  if (!problem) return;
  std::string hint = problem->rule == "media-missing" ? "; paths are relative to the campaign file" : "";
  add_error(out, where, problem->rule, what + " '" + file + "' (" + path + ") " + problem->why + hint);
}

}  // namespace

void resolve_media_files(Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  const MediaRoots roots(ctx);
  for (auto& m : campaign.media) {
    if (!m.url.empty()) {
      if (!is_url(m.url))
        add_error(out, m.where, "bad-url", "media '" + m.id + "' url '" + m.url + "' must start with https:// or http://");
      continue;
    }
    if (m.file.empty()) continue;
    check_local_media(ctx, roots, "media '" + m.id + "' file", m.file, MediaKind::video, m.where, m.path, m.sha256,
                      out);
  }
  auto& a = campaign.accounts;
  if (a.profile_picture.empty() || is_url(a.profile_picture)) return;
  check_local_media(ctx, roots, "accounts profile_picture", a.profile_picture, MediaKind::image,
                    a.profile_picture_where.line ? a.profile_picture_where : a.where, a.profile_picture_path,
                    a.profile_picture_sha256, out);
}

}  // namespace ugc::manifest::detail
