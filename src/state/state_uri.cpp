#include "ugc/state/state_uri.hpp"

namespace ugc::state {

bool is_postgres_uri(std::string_view location) {
  return location.starts_with("postgres://") || location.starts_with("postgresql://");
}

namespace {

// Drops "password=..." (up to the next '&') from a query string.
std::string without_password_parameter(std::string_view query) {
  std::string kept;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    if (!param.starts_with("password=")) kept += (kept.empty() ? "" : "&") + std::string(param);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return kept;
}

}  // namespace

std::string redact_state_uri(std::string_view location) {
  if (!is_postgres_uri(location)) return std::string(location);
  const size_t scheme_end = location.find("://") + 3;
  std::string_view rest = location.substr(scheme_end);
  const size_t query_at = rest.find('?');
  std::string_view authority_path = rest.substr(0, query_at);
  std::string out(location.substr(0, scheme_end));
  // The userinfo ends at the last '@' before the path: a password may hold '@' or '/'.
  const size_t at = authority_path.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority_path.substr(0, at);
    out += userinfo.substr(0, userinfo.find(':'));
    out += authority_path.substr(at);
  } else {
    out += authority_path;
  }
  if (query_at != std::string_view::npos) {
    const std::string query = without_password_parameter(rest.substr(query_at + 1));
    if (!query.empty()) out += "?" + query;
  }
  return out;
}

}  // namespace ugc::state
