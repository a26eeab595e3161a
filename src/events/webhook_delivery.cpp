#include "ugc/events/webhook_delivery.hpp"

namespace ugc::events {

Result<WebhookEvent> check_webhook_delivery(const WebhookDelivery& delivery, std::string_view secret,
                                            std::int64_t now_unix) {
  if (!delivery.signature)
    return Error(ErrorKind::invalid_input, "the delivery has no TokPortal-Signature header", kSignatureMissing);
  UGC_TRY(verify_webhook_signature(secret, *delivery.signature, delivery.body, now_unix));
  auto event = parse_webhook_event(delivery.body);
  if (!event) return event.error();
  // The header is optional (the signed body is the authority), but when sent
  // it must name the signed event: retries and dedupe key on it downstream.
  if (delivery.event_id && *delivery.event_id != event->id)
    return Error(ErrorKind::invalid_input, "the TokPortal-Event-Id header names another event than the signed body",
                 kEventIdMismatch);
  return event;
}

int http_status_for_refusal(const Error& refusal) {
  return refusal.code() == kEventMalformed ? 400 : 401;
}

}  // namespace ugc::events
