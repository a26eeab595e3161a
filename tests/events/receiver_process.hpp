#pragma once
// A real `ugc webhooks serve --port 0` child on a fresh state file, with the
// signing secret in UGC_WEBHOOK_SECRET, plus what the end-to-end tests do to
// it: deliver over HTTP, open raw sockets, count stored events, read its RSS.
#include <doctest/doctest.h>
#include <httplib.h>

#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/signed_delivery.hpp"
#include "support/temp_dir.hpp"
#include "ugc/state/events.hpp"

namespace ugc::testing {

class ServedReceiver {
 public:
  explicit ServedReceiver(std::vector<std::string> extra_args = {}, std::string secret = "whsec_e2e_receiver_0123456789")
      : secret_(std::move(secret)), extra_args_(std::move(extra_args)) {
    start();
  }

  void start() {
    std::vector<std::string> args = {UGC_BINARY, "--log-level", "debug", "webhooks", "serve",
                                     "--port", "0", "--state", state_path()};
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    process_ = std::make_unique<ListeningProcess>(args, std::map<std::string, std::string>{{"UGC_WEBHOOK_SECRET", secret_}});
    REQUIRE_MESSAGE(process_->error().empty(), process_->error());
  }
  // SIGTERM; its exit code. output() keeps what it printed.
  int stop() {
    const int code = process_->stop();
    last_output_ = process_->output();
    return code;
  }
  std::string output() const { return process_->running() ? process_->output() : last_output_; }

  const std::string& secret() const { return secret_; }
  std::string state_path() const { return dir_.file("state.db"); }
  int port() const { return process_->port(); }
  int pid() const { return process_->pid(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }

  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>(url());
    c->set_read_timeout(10, 0);
    c->set_keep_alive(true);
    return c;
  }

  // POSTs `body` with the given signature and event-id headers (nullopt: left out).
  static httplib::Result deliver(httplib::Client& c, const std::string& body, std::optional<std::string> signature,
                                 std::optional<std::string> event_id) {
    httplib::Headers headers = {{"TokPortal-Event-Type", "bundle.published"}};
    if (signature) headers.emplace("TokPortal-Signature", *signature);
    if (event_id) headers.emplace("TokPortal-Event-Id", *event_id);
    return c.Post("/webhooks/tokportal", headers, body, "application/json");
  }
  static httplib::Result deliver(httplib::Client& c, const SignedDelivery& d) {
    return deliver(c, d.body, d.signature, d.event_id);
  }

  // The events recorded in the state file, read by a separate read-only open.
  std::vector<state::RecordedEvent> stored() const {
    auto store = state::Store::open(state_path(), {state::Access::read_only}, make_system_clock());
    REQUIRE_MESSAGE(store, store.error().message());
    auto events = state::recent_events(*store, 1000000);
    REQUIRE(events);
    return *events;
  }

  // The receiver's resident set, in KiB (/proc/PID/status VmRSS).
  long rss_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid()) + "/status");
    std::string line;
    while (std::getline(status, line))
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
  }

 private:
  TempDir dir_;
  std::string secret_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<ListeningProcess> process_;
  std::string last_output_;
};

}  // namespace ugc::testing
