#include "ugc/events/webhook_signature.hpp"

#include <openssl/crypto.h>

#include <charconv>

#include "ugc/core/hash.hpp"

namespace ugc::events {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

Error signature_error(const char* code, std::string message) {
  return Error(ErrorKind::invalid_input, std::move(message), code);
}

}  // namespace

Result<WebhookSignature> parse_webhook_signature(std::string_view header) {
  std::optional<std::string_view> t, v1;
  while (true) {
    const auto comma = header.find(',');
    const std::string_view part = trim_spaces(header.substr(0, comma));
    const auto eq = part.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
      if (key == "t" && !t) t = value;
      if (key == "v1" && !v1) v1 = value;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  if (!t || !v1) return signature_error(kSignatureMalformed, "the signature header lacks t or v1");
  WebhookSignature sig;
  const char* end = t->data() + t->size();
  auto [ptr, ec] = std::from_chars(t->data(), end, sig.unix_seconds);
  if (t->empty() || ec != std::errc() || ptr != end || sig.unix_seconds < 0)
    return signature_error(kSignatureMalformed, "the signature's t is not Unix seconds");
  if (v1->size() != 64 || !is_hex(*v1))
    return signature_error(kSignatureMalformed, "the signature's v1 is not 32 bytes of hex");
  sig.t = std::string(*t);
  sig.v1 = std::string(*v1);
  for (char& c : sig.v1) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  return sig;
}

Status verify_webhook_signature(std::string_view secret, std::string_view header, std::string_view raw_body,
                                std::int64_t now_unix, std::int64_t tolerance) {
  auto sig = parse_webhook_signature(header);
  if (!sig) return sig.error();
  // Both t and now are non-negative, so neither difference can overflow.
  const std::int64_t skew = now_unix >= sig->unix_seconds ? now_unix - sig->unix_seconds : sig->unix_seconds - now_unix;
  if (skew > tolerance)
    return signature_error(kSignatureStale, "the signature's timestamp is " + std::to_string(skew) +
                                                " s away from now (tolerance " + std::to_string(tolerance) + " s)");
  std::string message;
  message.reserve(sig->t.size() + 1 + raw_body.size());
  message.append(sig->t).append(".").append(raw_body);
  const std::string expected = hmac_sha256_hex(secret, message);
  if (CRYPTO_memcmp(expected.data(), sig->v1.data(), expected.size()) != 0)
    return signature_error(kSignatureMismatch, "the signature does not match the body");
  return {};
}

}  // namespace ugc::events
