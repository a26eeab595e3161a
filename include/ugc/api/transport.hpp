#pragma once
// Transport: the one seam below the API client. A Transport sends one HTTP
// request and returns the raw response; it knows nothing about TokPortal
// (no envelope, no retries, no rate limit). The real one is CurlTransport
// (libcurl, keep-alive); unit tests use a fake that scripts responses.
//
// A non-2xx status is a *successful* send: send() fails only when no complete
// HTTP response arrived. Its error is ErrorKind::transient with one of the
// codes below, so the client can tell "never reached the server" (always safe
// to retry) from "the server may have acted" (retry only if idempotent).
// Implementations must be safe to call from many threads at once.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ugc/core/result.hpp"

namespace ugc::api {

// Transport error codes (Error::code()).
inline constexpr const char* kConnectFailed = "CONNECT_FAILED";          // nothing was sent
inline constexpr const char* kTimedOut = "TIMEOUT";                      // request may have run
inline constexpr const char* kConnectionDropped = "CONNECTION_DROPPED";  // request may have run
inline constexpr const char* kTlsFailed = "TLS_FAILED";                  // not retried (ErrorKind::fatal)
// A file sent with an expected sha256 hashed to something else as it was read:
// the send was aborted before the body ended, so the server got no complete
// request (ErrorKind::conflict, not retried).
inline constexpr const char* kFileChanged = "FILE_CHANGED";

// Ordered header list with case-insensitive lookup (HTTP header names are).
class Headers {
 public:
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  // First value of `name`, if present.
  std::optional<std::string> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// One part of a multipart/form-data body: either an inline value or a file
// streamed from disk (file_path set).
struct MultipartPart {
  std::string name;
  std::string value;
  std::string file_path;
  std::string filename;      // defaults to the file's base name
  std::string content_type;  // optional
  // When set, the file's bytes are hashed as they are read and sent; the
  // send fails with kFileChanged, before the body is complete, if they differ.
  std::string file_sha256{};
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute, query included
  Headers headers;
  std::string body;                  // sent when non-empty (or for POST/PUT/PATCH)
  std::string body_file;             // stream this file as the body instead (presigned PUT)
  std::string body_file_sha256;      // as MultipartPart::file_sha256, for body_file
  std::vector<MultipartPart> parts;  // multipart/form-data when non-empty
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  // Open a new connection instead of reusing a kept-alive one. libcurl
  // silently sends a request again when the reused connection it went out on
  // turns out dead; that is only safe for a request that may be repeated.
  bool fresh_connection = false;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace ugc::api
