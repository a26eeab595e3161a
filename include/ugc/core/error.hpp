#pragma once
// The one error type of ugc. A failure carries a kind, which drives retries and
// exit codes, and a message that gains context at each layer
// ("publishing FR/tiktok/1: bundle 42: BUNDLE_INVALID_STATUS ..."). Nobody
// parses messages; decide on `kind` (and `code` for API errors).
#include <string>
#include <utility>

namespace ugc {

enum class ErrorKind {
  invalid_input,  // the user's file, flags or data are wrong; fix and rerun
  not_found,      // a named thing does not exist
  conflict,       // state changed under us, a lock is held, a stale plan
  rate_limited,   // the server asked us to slow down; retryable after a wait
  transient,      // network error or 5xx; retryable
  io,             // local file system or database failure
  fatal,          // a bug or an impossible state
};

const char* to_string(ErrorKind kind);

class Error {
 public:
  Error(ErrorKind kind, std::string message, std::string code = {})
      : kind_(kind), message_(std::move(message)), code_(std::move(code)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  // Machine code from the API (e.g. "BUNDLE_NOT_FOUND") or a lint rule id; may be empty.
  const std::string& code() const { return code_; }

  // Returns a copy whose message is prefixed with "context: ".
  Error with_context(const std::string& context) const;

  bool retryable() const { return kind_ == ErrorKind::rate_limited || kind_ == ErrorKind::transient; }

 private:
  ErrorKind kind_;
  std::string message_;
  std::string code_;
};

}  // namespace ugc
