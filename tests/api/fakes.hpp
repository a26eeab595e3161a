#pragma once
// Test doubles below the HTTP layer: a Transport that replays scripted answers
// and records what was sent. (The fake Clock is support/fake_clock.hpp.)
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "support/fake_clock.hpp"
#include "ugc/api/transport.hpp"
#include "ugc/core/json.hpp"

namespace ugc::api::test {

inline HttpResponse http(int status, const std::string& body,
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  bool has_type = false;
  for (auto& [k, v] : headers) {
    if (k == "Content-Type") has_type = true;
    r.headers.add(k, v);
  }
  if (!has_type) r.headers.add("Content-Type", "application/json");
  return r;
}

inline HttpResponse ok(const Json& data, std::vector<std::pair<std::string, std::string>> headers = {}) {
  return http(200, Json{{"data", data}}.dump(), std::move(headers));
}

inline HttpResponse api_error(int status, const std::string& code, const std::string& message,
                              std::vector<std::pair<std::string, std::string>> headers = {}) {
  return http(status, Json{{"error", {{"code", code}, {"message", message}}}}.dump(), std::move(headers));
}

class FakeTransport : public Transport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  void push(HttpResponse r) {
    std::lock_guard lock(mu_);
    script_.push_back([r](const HttpRequest&) -> Result<HttpResponse> { return r; });
  }
  void push_error(Error e) {
    std::lock_guard lock(mu_);
    script_.push_back([e](const HttpRequest&) -> Result<HttpResponse> { return e; });
  }
  void push(Handler h) {
    std::lock_guard lock(mu_);
    script_.push_back(std::move(h));
  }
  // Answer used when the script is empty.
  void set_default(Handler h) {
    std::lock_guard lock(mu_);
    default_ = std::move(h);
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    Handler h;
    {
      std::lock_guard lock(mu_);
      sent_.push_back(request);
      if (!script_.empty()) {
        h = std::move(script_.front());
        script_.pop_front();
      } else {
        h = default_;
      }
    }
    if (!h) return Error(ErrorKind::fatal, "fake transport: no scripted answer left");
    return h(request);
  }

  std::vector<HttpRequest> sent() {
    std::lock_guard lock(mu_);
    return sent_;
  }
  size_t count() {
    std::lock_guard lock(mu_);
    return sent_.size();
  }

 private:
  std::mutex mu_;
  std::deque<Handler> script_;
  Handler default_;
  std::vector<HttpRequest> sent_;
};

}  // namespace ugc::api::test
