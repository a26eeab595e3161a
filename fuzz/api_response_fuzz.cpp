// libFuzzer target: whatever the server (or a proxy in front of it) answers,
// the api module's typed readers return values or errors; they never crash,
// throw, hang or leak. Input: byte 0-1 pick the HTTP status, byte 2 picks
// headers (JSON or HTML content type, Idempotent-Replayed, a request id, a
// Date), the rest is the body. The same answer is fed to parse_response, to
// error_from_response, to every reader of `data`, and through a Client (on a
// fake clock, one attempt) to the calls that read pages and readiness.
// Build: CC=clang CXX=clang++ cmake -DUGC_FUZZ=ON; see scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "support/fake_clock.hpp"
#include "ugc/api/api_error.hpp"
#include "ugc/api/batch_result.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/charge.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/publish_result.hpp"
#include "ugc/api/reference.hpp"
#include "ugc/api/response.hpp"
#include "ugc/api/uploads.hpp"

namespace {

ugc::api::HttpResponse fuzzed_answer(const uint8_t* data, size_t size) {
  ugc::api::HttpResponse http;
  unsigned pick = size >= 2 ? (unsigned(data[0]) << 8 | data[1]) : 0;
  http.status = 100 + static_cast<int>(pick % 500);  // 100..599
  uint8_t flags = size >= 3 ? data[2] : 0;
  http.headers.add("Content-Type", (flags & 1) ? "text/html; charset=utf-8" : "application/json");
  if (flags & 2) http.headers.add("Idempotent-Replayed", "true");
  if (flags & 4) http.headers.add("X-TokPortal-Request-ID", "req_fuzz");
  if (flags & 8) http.headers.add("Date", "Fri, 15 Jan 2027 12:00:00 GMT");
  if (size > 3) http.body.assign(reinterpret_cast<const char*>(data) + 3, size - 3);
  return http;
}

// Answers every request with the same fuzzed response.
class FuzzedTransport final : public ugc::api::Transport {
 public:
  explicit FuzzedTransport(ugc::api::HttpResponse answer) : answer_(std::move(answer)) {}
  ugc::Result<ugc::api::HttpResponse> send(const ugc::api::HttpRequest&) override { return answer_; }

 private:
  ugc::api::HttpResponse answer_;
};

void read_data(const ugc::Json& data) {
  (void)ugc::api::id_of(data);
  (void)ugc::api::parse_bundle(data);
  (void)ugc::api::parse_created_bundles(data);
  (void)ugc::api::parse_batch_configure_result(data);
  (void)ugc::api::parse_publish_result(data);
  (void)ugc::api::parse_uploaded_media(data);
  (void)ugc::api::parse_credit_costs(data);
  (void)ugc::api::parse_credit_balance(data);
}

void through_client(const ugc::api::HttpResponse& http) {
  ugc::api::ClientOptions options;
  options.base_url = "http://api.fuzz/api/ext";
  options.api_key = "sk_fuzz_key_000000";
  options.retry.max_attempts = 1;
  ugc::api::Client client(options, std::make_shared<FuzzedTransport>(http),
                          std::make_shared<ugc::testing::FakeClock>());
  (void)client.request_all_pages(ugc::api::Request::get("/bundles"), 100, 3);
  (void)ugc::api::find_bundles_by_external_ref(client, "ref-1");
  (void)ugc::api::get_publish_readiness(client, "b1");
  (void)ugc::api::get_credit_balance(client);
  (void)client.server_today();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ugc::api::HttpResponse http = fuzzed_answer(data, size);
  (void)ugc::api::error_from_response("GET /fuzz", "req_fuzz", http);
  for (bool expect_json : {true, false}) {
    auto response = ugc::api::parse_response("GET /fuzz", http, expect_json);
    if (!response) {
      // Invariant: an answer is an error exactly when it is not a usable 2xx.
      if (response.error().message().empty()) __builtin_trap();
      continue;
    }
    if (response->status < 200 || response->status > 299) __builtin_trap();
    (void)ugc::api::charge_of(*response);
    read_data(response->data());
    read_data(response->body);
  }
  through_client(http);
  return 0;
}
