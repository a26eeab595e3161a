#pragma once
// Content hashes (OpenSSL): media identity, idempotency keys, file fingerprints.
#include <memory>
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// Lowercase hex SHA-256 of a file's bytes, streamed.
Result<std::string> sha256_file_hex(const std::string& path);
// SHA-256 fed piece by piece, for bytes hashed as they are read (an upload
// checks the bytes it sends, not a second read of the file). Not thread-safe.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(Sha256Stream&&) noexcept;
  Sha256Stream& operator=(Sha256Stream&&) noexcept;
  void update(std::string_view bytes);
  // Lowercase hex digest of everything fed since construction or reset();
  // the stream starts over afterwards.
  std::string finish_hex();
  void reset();

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

// Lowercase hex HMAC-SHA256 of `data` keyed by `key` (raw bytes).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace ugc
