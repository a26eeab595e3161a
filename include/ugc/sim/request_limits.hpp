#pragma once
// RequestLimits: how much a client may send the simulator and how long it may
// take, so that a huge body or a crowd of slow clients cannot exhaust its
// memory or its workers (docs/sim.md, "Limits"). GuardedHttpServer enforces
// them; `ugc sim --max-body / --max-connections / --request-timeout` set them.
#include <chrono>
#include <cstddef>
#include <string>

#include "ugc/sim/upload_store.hpp"

namespace ugc::sim {

// Multipart framing and form fields around an upload's file part.
inline constexpr std::size_t kUploadFramingBytes = 1u << 20;

struct RequestLimits {
  std::size_t max_body_bytes = 16u << 20;  // JSON and control bodies
  std::size_t max_upload_bytes = kMaxVideoBytes + kUploadFramingBytes;  // direct and presigned uploads
  std::size_t max_header_bytes = 64u << 10;  // request line + headers
  std::size_t max_connections = 256;         // open at once; more are answered 503 and closed
  std::chrono::seconds idle_timeout{5};      // wait for the first byte of a request (keep-alive)
  std::chrono::seconds header_timeout{10};   // request line + headers, from their first byte
  std::chrono::seconds request_timeout{60};  // the whole request, body included
  std::chrono::seconds io_timeout{5};        // one read or write making no progress
};

// The body limit of a request to `path`: uploads take files, the rest JSON.
std::size_t body_limit_for(const RequestLimits& limits, const std::string& path);

}  // namespace ugc::sim
