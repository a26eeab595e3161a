#pragma once
// Strict reading of request bodies and query strings for the simulator's
// handlers. Every reader throws ApiError (400 VALIDATION_ERROR or
// UNKNOWN_FIELD, with details.field) on a missing, mistyped or out-of-range
// value, so handlers read a field in one line and never half-apply a body.
// JSON null counts as "absent" unless the reader says otherwise.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/sim/router.hpp"

namespace ugc::sim::fields {

// The body must be a JSON object.
const Json& object_body(const Call& call);
// The body must be absent, empty or `{}` (operations that take no body).
void no_body(const Call& call);
// 400 UNKNOWN_FIELD for the first key of `obj` not in `allowed`.
void reject_unknown(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& prefix = "");

[[noreturn]] void invalid(const std::string& field, const std::string& message);

std::optional<std::string> opt_string(const Json& obj, const char* name, size_t max_len = 100000, size_t min_len = 0);
std::string req_string(const Json& obj, const char* name, size_t max_len = 100000, size_t min_len = 1);
std::optional<int64_t> opt_int(const Json& obj, const char* name, int64_t min, int64_t max);
int64_t req_int(const Json& obj, const char* name, int64_t min, int64_t max);
std::optional<bool> opt_bool(const Json& obj, const char* name);
std::optional<std::vector<std::string>> opt_string_array(const Json& obj, const char* name);
// The value must be one of `allowed`.
std::optional<std::string> opt_enum(const Json& obj, const char* name, std::initializer_list<std::string_view> allowed);

// page/per_page from the query (default 1/25, per_page <= 100); 400 on bad values.
std::pair<int, int> pagination(const Call& call);
// An optional query filter that must be one of `allowed` (400 otherwise).
std::optional<std::string> query_enum(const Call& call, const char* name, std::initializer_list<std::string_view> allowed);

}  // namespace ugc::sim::fields
