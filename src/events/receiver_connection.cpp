// One connection of the WebhookReceiver: read a request within the limits,
// answer it, repeat while the client keeps the connection alive.
#include <spdlog/spdlog.h>

#include <chrono>

#include "socket_stream.hpp"
#include "ugc/core/json.hpp"
#include "ugc/events/webhook_delivery.hpp"
#include "ugc/events/webhook_receiver.hpp"

namespace ugc::events {
namespace {

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    default: return "Error";
  }
}

std::string http_response(int status, const std::string& body, bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
  out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return out + body;
}

std::string error_body(const char* code, const std::string& message) {
  return Json{{"error", {{"code", code}, {"message", message}}}}.dump();
}

std::pair<int, std::string> refusal_answer(const Error& error) {
  const int status = error.code() == kHeadTooLarge ? 431 : error.code() == kHeadMalformed ? 400
                                                                                          : http_status_for_refusal(error);
  return {status, error_body(error.code().c_str(), error.message())};
}

std::int64_t unix_seconds(Clock::wall_time t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

void WebhookReceiver::serve(int fd) {
  SocketStream stream(fd, *clock_);
  const auto write_deadline = [this] { return clock_->monotonic_now() + options_.request_time; };
  while (!stopping_) {
    std::string head_bytes;
    Clock::time_point request_deadline;
    const ReadEnd head_end = stream.read_head(head_bytes, clock_->monotonic_now() + options_.idle_timeout,
                                              options_.request_time, options_.head_limits.max_head_bytes,
                                              request_deadline);
    if (head_end == ReadEnd::too_large) {
      stream.write_all(http_response(431, error_body(kHeadTooLarge, "request head too large"), false),
                       write_deadline());
      return;
    }
    if (head_end != ReadEnd::complete) return;  // closed, idle or too slow: nothing to answer
    auto head = parse_request_head(head_bytes, options_.head_limits);
    if (!head) {
      auto [status, body] = refusal_answer(head.error());
      stream.write_all(http_response(status, body, false), write_deadline());
      return;
    }
    auto length = head->content_length();
    if (!length) {
      stream.write_all(http_response(400, error_body(kHeadMalformed, length.error().message()), false),
                       write_deadline());
      return;
    }
    if (head->method != "POST") {
      stream.write_all(http_response(405, error_body("METHOD_NOT_ALLOWED", "deliveries are POSTed"), false),
                       write_deadline());
      return;
    }
    if (*length > options_.max_body) {
      // Answered from the head: the body is never read, the connection closed.
      stream.write_all(http_response(413, error_body("BODY_TOO_LARGE", "the body is larger than " +
                                                                           std::to_string(options_.max_body) + " bytes"),
                                     false),
                       write_deadline());
      return;
    }
    if (auto expect = head->header("Expect"); expect && *expect == "100-continue")
      stream.write_all("HTTP/1.1 100 Continue\r\n\r\n", write_deadline());
    std::string body;
    if (stream.read_body(*length, body, request_deadline) != ReadEnd::complete) {
      stream.write_all(http_response(408, error_body("REQUEST_TIMEOUT", "the body did not arrive in time"), false),
                       write_deadline());
      return;
    }
    auto [status, answer_body] = answer_delivery(*head, body);
    const bool keep_alive = head->keep_alive() && !stopping_;
    if (!stream.write_all(http_response(status, answer_body, keep_alive), write_deadline()) || !keep_alive) return;
  }
}

std::pair<int, std::string> WebhookReceiver::answer_delivery(const HttpRequestHead& head, const std::string& body) {
  const WebhookDelivery delivery{head.header("TokPortal-Signature"), head.header("TokPortal-Event-Id"), body};
  auto event = check_webhook_delivery(delivery, options_.secret, unix_seconds(clock_->wall_now()));
  if (!event) {
    ++counts_.refused;
    spdlog::debug("webhook delivery refused: {}", event.error().message());
    return refusal_answer(event.error());
  }
  auto recorded = writer_.record(*event);
  if (!recorded) {
    ++counts_.failed;
    spdlog::error("webhook event {} not recorded: {}", event->id, recorded.error().message());
    return {500, error_body("STATE_WRITE_FAILED", "the event could not be recorded; retry")};
  }
  const bool duplicate = *recorded == Recorded::duplicate;
  ++(duplicate ? counts_.duplicates : counts_.stored);
  spdlog::debug("webhook event {} {}: {}", event->id, event->type, duplicate ? "duplicate" : "stored");
  return {200, Json{{"event_id", event->id}, {"duplicate", duplicate}}.dump()};
}

}  // namespace ugc::events
