#include "ugc/sim/webhook_signature.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <stdexcept>

#include "ugc/core/hash.hpp"

namespace ugc::sim {
namespace {

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
  std::array<unsigned char, N> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(N)) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");  // no entropy: nothing sane to do
  }
  return bytes;
}

}  // namespace

std::string webhook_signature(std::string_view signing_secret, std::int64_t unix_seconds,
                              std::string_view raw_body) {
  const std::string t = std::to_string(unix_seconds);
  std::string message;
  message.reserve(t.size() + 1 + raw_body.size());
  message.append(t).append(".").append(raw_body);
  return "t=" + t + ",v1=" + hmac_sha256_hex(signing_secret, message);
}

std::string new_signing_secret() {
  auto bytes = random_bytes<32>();
  std::string out = "whsec_";
  char buf[3];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

std::string random_uuid() {
  auto b = random_bytes<16>();
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace ugc::sim
