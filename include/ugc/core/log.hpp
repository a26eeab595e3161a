#pragma once
// Logging setup. Everything logs through spdlog's default logger, to stderr,
// as text or one JSON object per line. Registered secrets (the API key, signed
// upload URLs) are replaced by "[REDACTED]" in every record before it is written.
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc::log {

enum class Format { text, json };

// level: trace|debug|info|warn|error|off.
Status configure(std::string_view level, Format format);

// Never write `secret` to the log. Empty or very short strings are ignored.
void add_secret(const std::string& secret);
// Returns `text` with every registered secret replaced; for error messages too.
std::string redact(std::string text);

}  // namespace ugc::log
