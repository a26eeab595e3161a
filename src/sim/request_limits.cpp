#include "ugc/sim/request_limits.hpp"

namespace ugc::sim {
namespace {

// The only requests that carry media bytes (routes_uploads.cpp).
bool carries_media(const std::string& path) {
  return path == "/api/ext/upload/video/direct" || path == "/api/ext/upload/image/direct" ||
         path.starts_with("/__sim/upload/");
}

}  // namespace

std::size_t body_limit_for(const RequestLimits& limits, const std::string& path) {
  return carries_media(path) ? limits.max_upload_bytes : limits.max_body_bytes;
}

}  // namespace ugc::sim
