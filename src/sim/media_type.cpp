#include "ugc/sim/media_type.hpp"

#include <algorithm>
#include <cctype>

namespace ugc::sim {
namespace {

// "Application/JSON; charset=utf-8" -> "application/json".
std::string essence_of(const std::string& content_type) {
  std::string out = content_type.substr(0, content_type.find(';'));
  auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  out.erase(out.begin(), std::find_if_not(out.begin(), out.end(), blank));
  out.erase(std::find_if_not(out.rbegin(), out.rend(), blank).base(), out.end());
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_json_type(const std::string& essence) {
  return essence == "application/json" ||
         (essence.rfind("application/", 0) == 0 && essence.size() > 5 && essence.ends_with("+json"));
}

}  // namespace

StageAnswer check_media_type(const RequestContext& request) {
  const httplib::Request& req = request.http;
  if (req.body.empty() && req.files.empty()) return std::nullopt;
  const std::string sent = req.get_header_value("Content-Type");
  const std::string essence = essence_of(sent);
  const bool multipart = request.route->body == BodyKind::multipart;
  if (multipart ? essence == "multipart/form-data" : is_json_type(essence)) return std::nullopt;
  const char* expected = multipart ? "multipart/form-data" : "application/json";
  return Reply::error(415, "UNSUPPORTED_MEDIA_TYPE", std::string("Content-Type must be ") + expected,
                      Json{{"expected", expected}, {"content_type", sent}});
}

}  // namespace ugc::sim
