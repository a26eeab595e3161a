#include "ugc/api/response.hpp"

#include "ugc/api/api_error.hpp"
#include "ugc/core/log.hpp"
#include "json_fields.hpp"

namespace ugc::api {
namespace {


Error malformed(const std::string& what, const std::string& request_id, const std::string& detail) {
  std::string msg = what;
  if (!request_id.empty()) msg += " (request " + request_id + ")";
  msg += ": " + std::string(kMalformedResponse) + ": " + detail;
  return Error(ErrorKind::fatal, log::redact(msg), kMalformedResponse);
}

}  // namespace

const Json& Response::data() const {
  static const Json null_json;
  if (!body.is_object()) return null_json;
  auto it = body.find("data");
  return it == body.end() ? null_json : *it;
}

std::string response_request_id(const Headers& headers) {
  for (const char* name : {"x-tokportal-request-id", "x-request-id", "request-id", "x-vercel-id"})
    if (auto v = headers.get(name); v && !v->empty()) return *v;
  return {};
}

Result<Response> parse_response(const std::string& what, HttpResponse http, bool expect_json) {
  std::string request_id = response_request_id(http.headers);
  if (http.status < 200 || http.status > 299) return error_from_response(what, request_id, http);

  Response r;
  r.status = http.status;
  r.request_id = request_id;
  r.replayed = http.headers.get("Idempotent-Replayed").value_or("") == "true";
  if (!expect_json) {
    r.text = std::move(http.body);
    r.headers = std::move(http.headers);
    return r;
  }
  if (http.status == 204 || http.body.empty()) {
    if (http.status == 204) {
      r.headers = std::move(http.headers);
      return r;
    }
    return malformed(what, request_id, "HTTP " + std::to_string(http.status) + " with an empty body (expected JSON)");
  }
  Json body = Json::parse(http.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    std::string type = http.headers.get("Content-Type").value_or("no content type");
    return malformed(what, request_id,
                     "HTTP " + std::to_string(http.status) + " body is not JSON (" + type + ", " +
                         std::to_string(http.body.size()) + " bytes)");
  }
  if (!body.is_object() || !body.contains("data"))
    return malformed(what, request_id,
                     "HTTP " + std::to_string(http.status) + " JSON has no \"data\" member (not a TokPortal envelope)");
  if (auto p = body.find("pagination"); p != body.end() && p->is_object()) {
    Pagination pg;
    pg.page = detail::opt_int_field(*p, "page").value_or(1);
    pg.per_page = detail::opt_int_field(*p, "per_page").value_or(0);
    pg.total = detail::opt_int_field(*p, "total").value_or(0);
    pg.total_pages = detail::opt_int_field(*p, "total_pages").value_or(0);
    r.pagination = pg;
  }
  r.credits_charged = detail::opt_int_field(body, "credits_charged");
  r.credits_remaining = detail::opt_int_field(body, "credits_remaining");
  r.credits_would_charge = detail::opt_int_field(body, "credits_would_charge");
  if (auto d = body.find("dry_run"); d != body.end() && d->is_boolean()) r.dry_run = d->get<bool>();
  r.body = std::move(body);
  r.headers = std::move(http.headers);
  return r;
}

std::string id_of(const Json& data) {
  if (!data.is_object()) return {};
  for (const char* key : {"id", "bundle_id"}) {
    auto it = data.find(key);
    if (it != data.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
  }
  return {};
}

}  // namespace ugc::api
