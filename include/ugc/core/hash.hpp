#pragma once
// Content hashes (OpenSSL): media identity, idempotency keys, file fingerprints.
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// Lowercase hex SHA-256 of a file's bytes, streamed.
Result<std::string> sha256_file_hex(const std::string& path);
// Lowercase hex HMAC-SHA256 of `data` keyed by `key` (raw bytes).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace ugc
