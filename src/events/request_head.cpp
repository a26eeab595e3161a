#include "ugc/events/request_head.hpp"

#include <charconv>

namespace ugc::events {
namespace {

Error malformed_head(std::string message) {
  return Error(ErrorKind::invalid_input, "malformed request: " + std::move(message), kHeadMalformed);
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// RFC 9110 token characters, for header names and methods.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits off the next line (LF or CRLF ended); the rest stays in `text`.
std::string_view next_line(std::string_view& text) {
  const auto lf = text.find('\n');
  std::string_view line = text.substr(0, lf);
  text.remove_prefix(lf == std::string_view::npos ? text.size() : lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Status parse_request_line(std::string_view line, HttpRequestHead& out) {
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return malformed_head("the request line is not METHOD TARGET VERSION");
  out.method = std::string(line.substr(0, sp1));
  out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  out.version = std::string(line.substr(sp2 + 1));
  if (!is_token(out.method)) return malformed_head("the method is not a token");
  if (out.target.empty()) return malformed_head("the request target is empty");
  if (out.version != "HTTP/1.1" && out.version != "HTTP/1.0") return malformed_head("not HTTP/1.0 or HTTP/1.1");
  return {};
}

}  // namespace

std::optional<std::string_view> HttpRequestHead::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (same_name(key, name)) return std::string_view(value);
  return std::nullopt;
}

bool HttpRequestHead::keep_alive() const {
  auto connection = header("Connection");
  if (version == "HTTP/1.0") return connection && same_name(*connection, "keep-alive");
  return !(connection && same_name(*connection, "close"));
}

Result<std::size_t> HttpRequestHead::content_length() const {
  if (header("Transfer-Encoding")) return malformed_head("Transfer-Encoding is not supported; send Content-Length");
  std::optional<std::string_view> declared;
  for (const auto& [key, value] : headers) {
    if (!same_name(key, "Content-Length")) continue;
    if (declared) return malformed_head("Content-Length is repeated");
    declared = value;
  }
  if (!declared) return std::size_t{0};
  std::size_t length = 0;
  const char* end = declared->data() + declared->size();
  auto [ptr, ec] = std::from_chars(declared->data(), end, length);
  if (declared->empty() || ec != std::errc() || ptr != end) return malformed_head("Content-Length is not a number");
  return length;
}

Result<HttpRequestHead> parse_request_head(std::string_view head, const HttpHeadLimits& limits) {
  if (head.size() > limits.max_head_bytes)
    return Error(ErrorKind::invalid_input, "request head larger than " + std::to_string(limits.max_head_bytes) + " bytes",
                 kHeadTooLarge);
  HttpRequestHead out;
  UGC_TRY(parse_request_line(next_line(head), out));
  while (!head.empty()) {
    const std::string_view line = next_line(head);
    if (line.empty()) return malformed_head("an empty line inside the head");
    if (line.front() == ' ' || line.front() == '\t') return malformed_head("folded header lines are obsolete");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return malformed_head("a header line is not NAME: VALUE");
    if (out.headers.size() == limits.max_headers)
      return Error(ErrorKind::invalid_input, "more than " + std::to_string(limits.max_headers) + " header fields",
                   kHeadTooLarge);
    out.headers.emplace_back(std::string(line.substr(0, colon)), std::string(trim_ows(line.substr(colon + 1))));
  }
  return out;
}

}  // namespace ugc::events
