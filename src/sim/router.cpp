#include "ugc/sim/router.hpp"

#include <algorithm>

namespace ugc::sim {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_param(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

}  // namespace

Reply Reply::data(Json data, int status) {
  Reply r;
  r.status = status;
  r.body = Json{{"data", std::move(data)}};
  return r;
}

Reply Reply::page(const Json& items, int page, int per_page) {
  const int total = static_cast<int>(items.size());
  const int total_pages = total == 0 ? 0 : (total + per_page - 1) / per_page;
  Json slice = Json::array();
  const long start = static_cast<long>(page - 1) * per_page;
  for (long i = start; i < total && i < start + per_page; ++i) slice.push_back(items[static_cast<size_t>(i)]);
  Reply r;
  r.body = Json{{"data", std::move(slice)},
                {"pagination", {{"page", page}, {"per_page", per_page}, {"total", total}, {"total_pages", total_pages}}}};
  return r;
}

Reply Reply::error(int status, std::string code, std::string message, Json details) {
  Reply r;
  r.status = status;
  Json err{{"code", std::move(code)}, {"message", std::move(message)}};
  if (!details.is_null()) err["details"] = std::move(details);
  r.body = Json{{"error", std::move(err)}};
  return r;
}

void fail(int status, std::string code, std::string message, Json details) {
  throw ApiError(Reply::error(status, std::move(code), std::move(message), std::move(details)));
}

Reply Reply::no_content() {
  Reply r;
  r.status = 204;
  r.raw = "";
  return r;
}

std::optional<std::string> Call::query(const std::string& name) const {
  if (!req.has_param(name.c_str())) return std::nullopt;
  return req.get_param_value(name.c_str());
}

bool is_write_method(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

int Route::literal_count() const {
  return static_cast<int>(std::count_if(segments.begin(), segments.end(), [](const auto& s) { return !is_param(s); }));
}

void Router::control(const std::string& method, const std::string& pattern, Handler h) {
  add(method, pattern, std::move(h), IdempotencyPolicy::not_applicable, true);
}

void Router::get_public(const std::string& pattern, Handler h) {
  add("GET", pattern, std::move(h), IdempotencyPolicy::not_applicable).public_read = true;
}

Route& Router::add(const std::string& method, const std::string& pattern, Handler h, IdempotencyPolicy p,
                   bool control) {
  return routes_.emplace_back(Route{method, split_path(pattern), std::move(h), p, control});
}

const Route* Router::match(const std::string& method, const std::string& path, bool control,
                           std::map<std::string, std::string>& params, bool& path_known) const {
  const auto segs = split_path(path);
  const Route* best = nullptr;
  path_known = false;
  for (const auto& r : routes_) {
    if (r.control != control || r.segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i)
      ok = is_param(r.segments[i]) || r.segments[i] == segs[i];
    if (!ok) continue;
    path_known = true;
    if (r.method != method) continue;
    if (!best || r.literal_count() > best->literal_count()) best = &r;
  }
  if (best) {
    params.clear();
    for (size_t i = 0; i < segs.size(); ++i)
      if (is_param(best->segments[i]))
        params[best->segments[i].substr(1, best->segments[i].size() - 2)] = segs[i];
  }
  return best;
}

Reply run_handler(const Route& route, Call& call) {
  try {
    return route.handler(call);
  } catch (const ApiError& e) {
    return e.reply;
  } catch (const std::exception& e) {
    return Reply::error(500, "INTERNAL_ERROR", std::string("ugc sim handler failed: ") + e.what());
  }
}

}  // namespace ugc::sim
