#pragma once
// Logging setup. Everything logs through spdlog's default logger, to stderr,
// as text or one JSON object per line. Registered secrets (the API key, signed
// upload URLs) are replaced by "[REDACTED]" in every record before it is written.
// Lines meant for the user on stderr (errors, progress, notices) go through
// print_stderr(), so that with the json format every stderr line is a JSON record.
#include <string>
#include <string_view>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"

namespace ugc::log {

enum class Format { text, json };

// level: trace|debug|info|warn|error|off.
Status configure(std::string_view level, Format format);
// The format configure() set; text before that.
Format format();

// One JSON record line (with its newline): {"ts_ms", "level", "msg"} and then
// `fields`' members; `msg` is redacted. The shape of every json-format line.
std::string json_record(std::string_view level, std::string_view msg, const Json& fields = Json::object());

// Writes `text` (one or more lines) for the user to stderr, at any log level,
// redacted. Text format: as it is. Json format: one json_record per non-empty
// line, at `level` (e.g. "error", "info"), with `fields` added to each.
void print_stderr(std::string_view level, std::string_view text, const Json& fields = Json::object());

// Never write `secret` to the log. Empty or very short strings are ignored.
void add_secret(const std::string& secret);
// Returns `text` with every registered secret replaced; for error messages too.
std::string redact(std::string text);

}  // namespace ugc::log
