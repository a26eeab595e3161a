#include "ugc/api/request.hpp"

namespace ugc::api {

Request Request::get(std::string path, Query query) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.query = std::move(query);
  return r;
}

Request Request::post(std::string path, std::optional<Json> body, std::string idempotency_key) {
  Request r;
  r.method = "POST";
  r.path = std::move(path);
  r.body = std::move(body);
  r.idempotency_key = std::move(idempotency_key);
  return r;
}

Request Request::put(std::string path, Json body, std::string idempotency_key) {
  Request r = post(std::move(path), std::move(body), std::move(idempotency_key));
  r.method = "PUT";
  return r;
}

Request Request::patch(std::string path, Json body, std::string idempotency_key) {
  Request r = post(std::move(path), std::move(body), std::move(idempotency_key));
  r.method = "PATCH";
  return r;
}

std::string Request::describe() const { return method + " " + path; }

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

std::string path_segment(std::string_view id) { return url_encode(id); }

}  // namespace ugc::api
