#include "ugc/sim/fields.hpp"

#include <algorithm>

namespace ugc::sim::fields {
namespace {

std::string join(std::initializer_list<std::string_view> values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

const Json* present(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<int64_t> parse_query_int(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return std::stoll(text);
}

}  // namespace

void invalid(const std::string& field, const std::string& message) {
  fail(400, "VALIDATION_ERROR", message, Json{{"field", field}});
}

const Json& object_body(const Call& call) {
  if (!call.body.is_object()) fail(400, "VALIDATION_ERROR", "Request body must be a JSON object");
  return call.body;
}

void no_body(const Call& call) {
  if (call.body.is_null() || (call.body.is_object() && call.body.empty())) return;
  fail(400, "VALIDATION_ERROR", "This operation takes no request body");
}

void reject_unknown(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& prefix) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(400, "UNKNOWN_FIELD", "Unknown field '" + prefix + key + "' for this operation",
           Json{{"field", prefix + key}});
  }
}

std::optional<std::string> opt_string(const Json& obj, const char* name, size_t max_len, size_t min_len) {
  const Json* v = present(obj, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid(name, std::string(name) + " must be a string");
  auto s = v->get<std::string>();
  if (s.size() < min_len || s.size() > max_len)
    invalid(name, std::string(name) + " must be " + std::to_string(min_len) + "-" + std::to_string(max_len) +
                      " characters");
  return s;
}

std::string req_string(const Json& obj, const char* name, size_t max_len, size_t min_len) {
  auto s = opt_string(obj, name, max_len, min_len);
  if (!s) invalid(name, std::string(name) + " is required");
  return *s;
}

std::optional<int64_t> opt_int(const Json& obj, const char* name, int64_t min, int64_t max) {
  const Json* v = present(obj, name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) invalid(name, std::string(name) + " must be an integer");
  auto n = v->get<int64_t>();
  if (n < min || n > max)
    invalid(name, std::string(name) + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  return n;
}

int64_t req_int(const Json& obj, const char* name, int64_t min, int64_t max) {
  auto n = opt_int(obj, name, min, max);
  if (!n) invalid(name, std::string(name) + " is required");
  return *n;
}

std::optional<bool> opt_bool(const Json& obj, const char* name) {
  const Json* v = present(obj, name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) invalid(name, std::string(name) + " must be a boolean");
  return v->get<bool>();
}

std::optional<std::vector<std::string>> opt_string_array(const Json& obj, const char* name) {
  const Json* v = present(obj, name);
  if (!v) return std::nullopt;
  if (!v->is_array()) invalid(name, std::string(name) + " must be an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *v) {
    if (!e.is_string()) invalid(name, std::string(name) + " must be an array of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

std::optional<std::string> opt_enum(const Json& obj, const char* name, std::initializer_list<std::string_view> allowed) {
  auto s = opt_string(obj, name);
  if (s && std::find(allowed.begin(), allowed.end(), *s) == allowed.end())
    invalid(name, std::string(name) + " must be one of: " + join(allowed));
  return s;
}

std::pair<int, int> pagination(const Call& call) {
  int page = 1, per_page = 25;
  if (auto p = call.query("page")) {
    auto n = parse_query_int(*p);
    if (!n || *n < 1) invalid("page", "page must be a positive integer");
    page = static_cast<int>(*n);
  }
  if (auto p = call.query("per_page")) {
    auto n = parse_query_int(*p);
    if (!n || *n < 1 || *n > 100) invalid("per_page", "per_page must be an integer between 1 and 100");
    per_page = static_cast<int>(*n);
  }
  return {page, per_page};
}

std::optional<std::string> query_enum(const Call& call, const char* name, std::initializer_list<std::string_view> allowed) {
  auto v = call.query(name);
  if (v && std::find(allowed.begin(), allowed.end(), *v) == allowed.end())
    invalid(name, std::string(name) + " must be one of: " + join(allowed));
  return v;
}

}  // namespace ugc::sim::fields
