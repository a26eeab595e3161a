#include "hashed_file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ugc/api/transport.hpp"

namespace ugc::api::detail {

Result<std::unique_ptr<HashedFileReader>> HashedFileReader::open(const std::string& path,
                                                                 std::string expected_sha256) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return io_error("cannot read " + path + " for upload: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return io_error("cannot read " + path + " for upload: not a regular file");
  }
  std::unique_ptr<HashedFileReader> reader(
      new HashedFileReader(fd, path, static_cast<std::int64_t>(st.st_size), std::move(expected_sha256)));
  // No read will come to verify an empty file: do it now.
  if (reader->size_ == 0 && !reader->verify_complete()) return *reader->failure_;
  return reader;
}

HashedFileReader::HashedFileReader(int fd, std::string path, std::int64_t size, std::string expected_sha256)
    : fd_(fd), path_(std::move(path)), size_(size), expected_sha256_(std::move(expected_sha256)) {}

HashedFileReader::~HashedFileReader() { ::close(fd_); }

std::optional<std::size_t> HashedFileReader::fail(Error error) {
  failure_ = std::move(error);
  return std::nullopt;
}

bool HashedFileReader::verify_complete() {
  std::string actual = hash_.finish_hex();
  if (expected_sha256_.empty() || actual == expected_sha256_) return true;
  fail(Error(ErrorKind::conflict,
             path_ + " changed since it was planned: its bytes hash to sha256 " + actual + ", the plan has " +
                 expected_sha256_ + "; the upload was aborted before its end and nothing is recorded (plan again)",
             kFileChanged));
  return false;
}

std::optional<std::size_t> HashedFileReader::read(char* out, std::size_t capacity) {
  if (failure_) return std::nullopt;
  auto left = static_cast<std::size_t>(size_ - offered_);
  if (left == 0) return 0;
  ssize_t n = 0;
  do {
    n = ::read(fd_, out, std::min(capacity, left));
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail(io_error("reading " + path_ + " for upload: " + std::strerror(errno)));
  if (n == 0)
    return fail(Error(ErrorKind::conflict, path_ + " shrank while it was being uploaded; the upload was aborted",
                      kFileChanged));
  hash_.update(std::string_view(out, static_cast<std::size_t>(n)));
  offered_ += n;
  if (offered_ == size_ && !verify_complete()) return std::nullopt;  // the last bytes stay here
  return static_cast<std::size_t>(n);
}

bool HashedFileReader::rewind() {
  if (failure_ || ::lseek(fd_, 0, SEEK_SET) != 0) return false;
  hash_.reset();
  offered_ = 0;
  return true;
}

}  // namespace ugc::api::detail
