#pragma once
// Where `ugc webhooks serve` gets the endpoint's signing secret: a file only
// its owner can read (the one `POST /webhooks` returned, saved once), or the
// environment variable UGC_WEBHOOK_SECRET. Never a flag value (it would show
// in `ps` and shell history). The caller registers the secret with
// log::add_secret so that it never reaches a log line.
#include <optional>
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::events {

inline constexpr const char* kSigningSecretEnv = "UGC_WEBHOOK_SECRET";

// Reads the secret from `file` when given, else from `env_value` (the
// variable's value, or null when unset). A file readable or writable by group
// or others is refused (chmod 600), as is an empty secret or a file and the
// variable both set. One trailing newline (LF or CRLF) is dropped from a file.
Result<std::string> load_signing_secret(const std::optional<std::string>& file, const char* env_value);

// The same rules for another secret (the forwarding secret): `flag` and
// `env_name` name its sources in the error messages.
Result<std::string> load_secret(const std::optional<std::string>& file, const char* env_value, const std::string& flag,
                                const std::string& env_name);

}  // namespace ugc::events
