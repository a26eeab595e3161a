#pragma once
// The head of an HTTP/1.1 request (request line and header fields), parsed
// within limits. The receiver reads heads itself rather than through
// cpp-httplib 0.11 (the packaged version), which buffers header lines and
// header counts without bound before any handler can refuse them.
// Pure: no I/O; never throws.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ugc/core/result.hpp"

namespace ugc::events {

// Error codes: a head that is not HTTP (400), one beyond the limits (431).
inline constexpr const char* kHeadMalformed = "HEAD_MALFORMED";
inline constexpr const char* kHeadTooLarge = "HEAD_TOO_LARGE";

struct HttpHeadLimits {
  std::size_t max_head_bytes = 16 * 1024;  // request line + all header lines
  std::size_t max_headers = 64;
};

struct HttpRequestHead {
  std::string method, target, version;  // version: "HTTP/1.1" or "HTTP/1.0"
  std::vector<std::pair<std::string, std::string>> headers;  // values trimmed

  // The first value of a header, by case-insensitive name.
  std::optional<std::string_view> header(std::string_view name) const;
  // Whether the client wants the connection kept after this request.
  bool keep_alive() const;
  // The declared body length: 0 when absent. Transfer-Encoding (chunked
  // bodies) and repeated or non-numeric Content-Length are malformed.
  Result<std::size_t> content_length() const;
};

// `head` is everything before the blank line that ends the head (CRLF or LF
// line ends; the blank line itself excluded).
Result<HttpRequestHead> parse_request_head(std::string_view head, const HttpHeadLimits& limits);

}  // namespace ugc::events
