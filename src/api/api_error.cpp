#include "ugc/api/api_error.hpp"

#include "ugc/api/response.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/log.hpp"

namespace ugc::api {
namespace {

// A short printable excerpt of a non-JSON body (an HTML error page's title is
// usually in the first bytes), so the user sees what answered.
std::string excerpt(const std::string& body) {
  std::string out;
  bool space = false;
  for (char c : body) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= 120) {
      out += "...";
      break;
    }
  }
  return out;
}

}  // namespace

ErrorKind error_kind_for_status(int status) {
  if (status == 404) return ErrorKind::not_found;
  if (status == 409) return ErrorKind::conflict;
  if (status == 429) return ErrorKind::rate_limited;
  if (status == 408 || status >= 500) return ErrorKind::transient;
  return ErrorKind::invalid_input;  // 400, 401, 402, 403, 428, other 4xx
}

Error error_from_response(const std::string& what, const std::string& request_id, const HttpResponse& http) {
  std::string prefix = what;
  if (!request_id.empty()) prefix += " (request " + request_id + ")";
  ErrorKind kind = error_kind_for_status(http.status);

  Json body = Json::parse(http.body, nullptr, /*allow_exceptions=*/false);
  const Json* err = nullptr;
  if (body.is_object()) {
    auto it = body.find("error");
    if (it != body.end() && it->is_object()) err = &*it;
  }
  std::string code;
  std::string message;
  if (err) {
    if (auto c = err->find("code"); c != err->end() && c->is_string()) code = c->get<std::string>();
    if (auto m = err->find("message"); m != err->end() && m->is_string()) message = m->get<std::string>();
  }
  if (http.status == 402 && code.empty()) code = "INSUFFICIENT_CREDITS";

  std::string text = prefix + ": ";
  if (err) {
    text += (code.empty() ? "HTTP " + std::to_string(http.status) : code) + ": " +
            (message.empty() ? "(no message)" : message);
  } else {
    std::string type = http.headers.get("Content-Type").value_or("no content type");
    text += "HTTP " + std::to_string(http.status) + " without a TokPortal error body (" + type + ")";
    std::string ex = excerpt(http.body);
    if (!ex.empty()) text += ": " + ex;
  }
  return Error(kind, log::redact(text), code);
}

}  // namespace ugc::api
