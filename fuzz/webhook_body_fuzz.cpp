// libFuzzer target: what the webhook receiver reads from the network before
// it trusts anything - the request head, the TokPortal-Signature header, the
// event body - must never crash, hang or leak, whatever the bytes.
// Build and run: scripts/fuzz.sh 60 webhook_body_fuzz (seeds in fuzz/corpus/webhook_body/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ugc/events/request_head.hpp"
#include "ugc/events/webhook_delivery.hpp"
#include "ugc/events/webhook_event.hpp"
#include "ugc/events/webhook_signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // The whole input as an event body.
  if (auto event = ugc::events::parse_webhook_event(bytes)) {
    if (event->id.empty() || event->type.empty() || event->id.size() > ugc::events::kMaxEventIdLength)
      __builtin_trap();
  }
  // The whole input as a signature header.
  if (auto sig = ugc::events::parse_webhook_signature(bytes)) {
    if (sig->v1.size() != 64 || sig->unix_seconds < 0) __builtin_trap();
  }
  // The whole input as a request head.
  ugc::events::HttpHeadLimits limits;
  if (auto head = ugc::events::parse_request_head(bytes, limits)) {
    if (head->headers.size() > limits.max_headers) __builtin_trap();
    (void)head->content_length();
    (void)head->keep_alive();
  }
  // First line as the signature header, the rest as the body: a full check.
  const auto newline = bytes.find('\n');
  if (newline != std::string_view::npos) {
    const ugc::events::WebhookDelivery delivery{bytes.substr(0, newline), std::nullopt, bytes.substr(newline + 1)};
    auto checked = ugc::events::check_webhook_delivery(delivery, "whsec_fuzz", 1700000000);
    // Without the secret's HMAC nothing passes: a success would be a forgery.
    if (checked) __builtin_trap();
  }
  return 0;
}
