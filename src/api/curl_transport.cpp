#include "ugc/api/curl_transport.hpp"

#include <curl/curl.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string>

#include "ugc/core/log.hpp"

namespace ugc::api {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<Headers*>(user);
  std::string_view line(data, size * count);
  // A new status line (after 100 Continue, or an interim answer) starts over.
  if (line.rfind("HTTP/", 0) == 0) {
    *headers = Headers();
    return size * count;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
      s.remove_suffix(1);
    return s;
  };
  headers->add(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  return size * count;
}

Error transport_error(CURLcode rc, const char* detail) {
  std::string msg = detail && *detail ? std::string(detail) : std::string(curl_easy_strerror(rc));
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return Error(ErrorKind::transient, "connection failed: " + msg, kConnectFailed);
    case CURLE_OPERATION_TIMEDOUT:
      return Error(ErrorKind::transient, "timed out: " + msg, kTimedOut);
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return Error(ErrorKind::transient, "connection dropped: " + msg, kConnectionDropped);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return Error(ErrorKind::fatal, "TLS failed (certificate verification is always on): " + msg, kTlsFailed);
    case CURLE_READ_ERROR:
      return Error(ErrorKind::io, "reading the request body failed: " + msg);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Error(ErrorKind::invalid_input, "bad URL: " + msg);
    default:
      return Error(ErrorKind::fatal, "HTTP client error: " + msg);
  }
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MimeDeleter {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};
struct FileDeleter {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) { global_init(); }

CurlTransport::~CurlTransport() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* CurlTransport::borrow_handle() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void CurlTransport::return_handle(void* handle) {
  std::lock_guard lock(mutex_);
  idle_.push_back(handle);
}

Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  // Check files first: libcurl would only report a vague read error mid-request.
  for (const auto& part : request.parts) {
    struct stat st {};
    if (!part.file_path.empty() && (::stat(part.file_path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)))
      return io_error("cannot read " + part.file_path + " for upload");
  }
  std::unique_ptr<FILE, FileDeleter> body_file;
  curl_off_t body_file_size = 0;
  if (!request.body_file.empty()) {
    struct stat st {};
    if (::stat(request.body_file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      return io_error("cannot read " + request.body_file + " for upload");
    body_file.reset(std::fopen(request.body_file.c_str(), "rb"));
    if (!body_file) return io_error("cannot open " + request.body_file + " for upload");
    body_file_size = st.st_size;
  }

  CURL* h = static_cast<CURL*>(borrow_handle());
  if (!h) return fatal_error("curl_easy_init failed");
  // Keeps the handle's live connections (keep-alive) but clears all options.
  curl_easy_reset(h);

  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  for (const auto& [k, v] : request.headers.items()) add_header(k + ": " + v);
  add_header("Expect:");  // no 100-continue round trip

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  if (request.fresh_connection) curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  if (!options_.user_agent.empty()) curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);

  std::unique_ptr<curl_mime, MimeDeleter> mime;
  const std::string& method = request.method;
  if (!request.parts.empty()) {
    mime.reset(curl_mime_init(h));
    for (const auto& part : request.parts) {
      curl_mimepart* p = curl_mime_addpart(mime.get());
      curl_mime_name(p, part.name.c_str());
      if (!part.file_path.empty()) {
        curl_mime_filedata(p, part.file_path.c_str());
        if (!part.filename.empty()) curl_mime_filename(p, part.filename.c_str());
      } else {
        curl_mime_data(p, part.value.data(), part.value.size());
      }
      if (!part.content_type.empty()) curl_mime_type(p, part.content_type.c_str());
    }
    curl_easy_setopt(h, CURLOPT_MIMEPOST, mime.get());
    if (method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else if (body_file) {
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READDATA, body_file.get());
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, body_file_size);
    if (method != "PUT") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else if (method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else {
    // POST, PUT, PATCH, DELETE: send the body (possibly empty) as is, labelled
    // only by the caller: curl would call a body-less POST form data.
    if (!request.headers.get("Content-Type")) add_header("Content-Type:");
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    if (method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  if (rc == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  // Detach per-request state before the handle goes back to the pool.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, nullptr);
  return_handle(h);

  if (rc != CURLE_OK) {
    Error e = transport_error(rc, error_buffer);
    return Error(e.kind(), log::redact(e.message()), e.code());
  }
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace ugc::api
