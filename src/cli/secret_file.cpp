#include "ugc/cli/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace ugc::cli {

Result<SecretFile> SecretFile::create(const std::string& path) {
  if (path.empty()) return invalid_input("no file named for the secret");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST)
      return invalid_input("refusing to overwrite " + path + ": it already exists (a secret file is never replaced)");
    return io_error("cannot create " + path + ": " + std::strerror(err));
  }
  SecretFile file(path, fd);
  // The mode given to open() passes through the umask; make sure it is 0600.
  if (::fchmod(fd, 0600) != 0) return io_error("cannot set mode 0600 on " + path + ": " + std::strerror(errno));
  return file;
}

SecretFile::SecretFile(SecretFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), written_(std::exchange(other.written_, true)) {}

SecretFile::~SecretFile() {
  if (!written_) discard();
}

void SecretFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!path_.empty()) ::unlink(path_.c_str());
  written_ = true;  // nothing left to clean up
}

Status SecretFile::write(const std::string& secret) {
  if (fd_ < 0) return io_error("writing " + path_ + ": the file is already closed");
  const std::string text = secret + "\n";
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      discard();
      return io_error("writing " + path_ + ": " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd_) != 0 || ::close(std::exchange(fd_, -1)) != 0) {
    const std::string why = std::strerror(errno);
    discard();
    return io_error("writing " + path_ + ": " + why);
  }
  written_ = true;
  return {};
}

}  // namespace ugc::cli
