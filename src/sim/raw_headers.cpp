#include "ugc/sim/raw_headers.hpp"

#include <utility>
#include <vector>

namespace ugc::sim {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string trimmed(const std::string& s, std::size_t from, std::size_t to) {
  while (from < to && is_blank(s[from])) ++from;
  while (to > from && is_blank(s[to - 1])) --to;
  return s.substr(from, to - from);
}

std::vector<std::pair<std::string, std::string>> header_lines(const std::string& raw) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t line = raw.find("\r\n");  // skip the request line
  while (line != std::string::npos) {
    const std::size_t begin = line + 2;
    const std::size_t end = raw.find("\r\n", begin);
    if (end == std::string::npos || end == begin) break;
    const std::size_t colon = raw.find(':', begin);
    if (colon != std::string::npos && colon < end && colon > begin && !is_blank(raw[begin]))
      out.emplace_back(raw.substr(begin, colon - begin), trimmed(raw, colon + 1, end));
    line = end;
  }
  return out;
}

}  // namespace

void restore_raw_headers(httplib::Request& req, const std::string& raw) {
  const auto sent = header_lines(raw);
  for (const auto& [name, value] : sent) req.headers.erase(name);  // case-insensitive, every copy
  for (const auto& [name, value] : sent) req.headers.emplace(name, value);
}

}  // namespace ugc::sim
