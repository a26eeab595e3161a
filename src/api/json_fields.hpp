#pragma once
// Lenient readers for open API objects: a missing or mistyped field reads as
// empty/zero instead of throwing, because clients must tolerate schema drift.
// Private to the api module.
#include <cstdint>
#include <optional>
#include <string>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"

namespace ugc::api::detail {

inline std::string str_field(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return {};
}

inline std::optional<std::int64_t> opt_int_field(const Json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_float()) {
    double d = it->get<double>();
    if (!(d > -9e18 && d < 9e18)) return std::nullopt;  // NaN or out of range: no UB cast
    return static_cast<std::int64_t>(d);
  }
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return it->get<std::int64_t>();
}

inline std::int64_t int_field(const Json& obj, const char* key) { return opt_int_field(obj, key).value_or(0); }

inline bool bool_field(const Json& obj, const char* key) {
  if (!obj.is_object()) return false;
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

// An error for an answer whose shape we cannot use.
Error malformed_error(const std::string& what, const std::string& detail);

}  // namespace ugc::api::detail
