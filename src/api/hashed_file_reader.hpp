#pragma once
// HashedFileReader: a file read once for sending, hashed as it is read
// (internal to the transport). With an expected sha256 it verifies the hash
// before handing over the last bytes: a file changed since it was planned
// never goes out whole, the send is aborted before the request body ends and
// the server discards the incomplete request. Not thread-safe; one per send.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ugc/core/hash.hpp"
#include "ugc/core/result.hpp"

namespace ugc::api::detail {

class HashedFileReader {
 public:
  // Opens a regular file. Fails with io for an unreadable path, and with
  // kFileChanged for an empty file whose (empty) hash is not the expected one.
  static Result<std::unique_ptr<HashedFileReader>> open(const std::string& path, std::string expected_sha256);
  ~HashedFileReader();
  HashedFileReader(const HashedFileReader&) = delete;
  HashedFileReader& operator=(const HashedFileReader&) = delete;

  std::int64_t size() const { return size_; }
  // Copies up to `capacity` bytes into `out`: their count, 0 at the end, or
  // nullopt to abort the send (failure() says why).
  std::optional<std::size_t> read(char* out, std::size_t capacity);
  // Back to the first byte, hash reset (libcurl resends a request whose
  // kept-alive connection turned out dead).
  bool rewind();
  const std::optional<Error>& failure() const { return failure_; }

 private:
  HashedFileReader(int fd, std::string path, std::int64_t size, std::string expected_sha256);
  std::optional<std::size_t> fail(Error error);
  bool verify_complete();

  int fd_;
  std::string path_;
  std::int64_t size_;
  std::string expected_sha256_;
  std::int64_t offered_ = 0;
  Sha256Stream hash_;
  std::optional<Error> failure_;
};

}  // namespace ugc::api::detail
