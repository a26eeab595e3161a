// ugc webhooks serve: receive TokPortal webhook deliveries into the state
// store until SIGINT/SIGTERM (docs/lifecycle.md). The endpoint commands under
// the same `webhooks` group are in cmd_webhook_endpoints.cpp.
#include <cstdio>
#include <cstdlib>

#include "ugc/api/curl_transport.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/interrupt.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/log.hpp"
#include "ugc/events/command_target.hpp"
#include "ugc/events/forwarder.hpp"
#include "ugc/events/http_forward_target.hpp"
#include "ugc/events/signing_secret.hpp"
#include "ugc/events/webhook_receiver.hpp"
#include "ugc/state/outbox.hpp"
#include "ugc/state/wal_checkpointer.hpp"

namespace ugc::cli {
namespace {

struct WebhookServeFlags {
  std::string state = ".ugc/state.db";
  std::string bind = "127.0.0.1:8787";
  std::optional<int> port;
  std::optional<std::string> secret_file;
  std::size_t max_body = 1 << 20;
  int read_timeout_ms = 5000;
  std::size_t max_connections = 256;
  std::vector<std::string> forward_urls;
  std::optional<std::string> forward_secret_file;
  int forward_timeout_ms = 10000;
  std::vector<std::string> on_event;
  int on_event_timeout_ms = 30000;
  int forward_max_backoff_ms = 300000;
};

// The targets of --forward and --on-event; `transport` must outlive them.
Result<std::vector<std::unique_ptr<events::ForwardTarget>>> forward_targets(const WebhookServeFlags& f,
                                                                            api::Transport& transport,
                                                                            std::shared_ptr<Clock> clock) {
  std::vector<std::unique_ptr<events::ForwardTarget>> targets;
  if (!f.forward_urls.empty()) {
    auto secret = events::load_secret(f.forward_secret_file, std::getenv(events::kForwardSecretEnv),
                                      "--forward-secret-file", events::kForwardSecretEnv);
    if (!secret) return secret.error().with_context("--forward");
    log::add_secret(*secret);
    for (const std::string& url : f.forward_urls) {
      if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        return invalid_input("--forward expects an http:// or https:// URL, got '" + url + "'");
      targets.push_back(std::make_unique<events::HttpForwardTarget>(
          url, *secret, transport, clock, std::chrono::milliseconds(f.forward_timeout_ms)));
    }
  } else if (f.forward_secret_file) {
    return invalid_input("--forward-secret-file is for --forward; no --forward URL was given");
  }
  for (const std::string& command : f.on_event) {
    if (command.empty()) return invalid_input("--on-event expects a command");
    targets.push_back(
        std::make_unique<events::CommandTarget>(command, std::chrono::milliseconds(f.on_event_timeout_ms)));
  }
  return targets;
}

// Rows queued for targets this run does not have wait for them; say so.
void warn_about_orphaned_rows(state::Store& store, const std::vector<std::string>& configured) {
  auto orphans = state::orphaned_outbox_targets(store, configured);
  if (!orphans) return;
  for (const auto& [target, rows] : *orphans)
    log::print_stderr("warn", "ugc webhooks: " + std::to_string(rows) + " event(s) wait for " + target +
                                  ", which this run does not forward to (ugc events list --pending)\n");
}

// "ADDR:PORT" (IPv4) into the receiver's options; --port, when given, wins.
Status apply_bind(const WebhookServeFlags& f, events::ReceiverOptions& o) {
  const auto colon = f.bind.rfind(':');
  if (colon == std::string::npos || colon == 0) return invalid_input("--bind expects ADDR:PORT, got '" + f.bind + "'");
  o.host = f.bind.substr(0, colon);
  const std::string port = f.bind.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || value < 0 || value > 65535)
    return invalid_input("--bind: '" + port + "' is not a port number");
  o.port = f.port ? *f.port : static_cast<int>(value);
  return {};
}

Result<int> serve_webhooks(const WebhookServeFlags& f, std::shared_ptr<Clock> clock) {
  events::ReceiverOptions options;
  UGC_TRY(apply_bind(f, options));
  auto secret = events::load_signing_secret(f.secret_file, std::getenv(events::kSigningSecretEnv));
  if (!secret) return secret.error();
  log::add_secret(*secret);
  options.secret = std::move(*secret);
  options.max_body = f.max_body;
  options.request_time = options.idle_timeout = std::chrono::milliseconds(f.read_timeout_ms);
  options.max_connections = f.max_connections;

  api::CurlTransport transport({std::chrono::seconds(10), std::string("ugc/") + UGC_VERSION});
  auto targets = forward_targets(f, transport, clock);
  if (!targets) return targets.error();

  auto store = state::Store::open(f.state, {state::Access::read_write, /*create_if_missing=*/true}, clock);
  if (!store) return store.error();
  // Checkpoints off the commit path: a burst of deliveries never waits for one.
  auto checkpointer = state::WalCheckpointer::start(*store, std::chrono::milliseconds(200));
  if (!checkpointer) return checkpointer.error();
  events::ForwarderOptions forwarding;
  forwarding.max_delay = std::chrono::milliseconds(f.forward_max_backoff_ms);
  events::Forwarder forwarder(*store, std::move(*targets), clock, forwarding);
  options.forward_targets = forwarder.target_names();
  warn_about_orphaned_rows(*store, options.forward_targets);
  events::WebhookReceiver receiver(std::move(options), *store, clock);
  UGC_TRY(receiver.start());
  forwarder.start();
  std::printf("ugc webhooks: listening on http://%s:%d/\n", f.bind.substr(0, f.bind.rfind(':')).c_str(),
              receiver.port());
  std::fflush(stdout);
  InterruptScope interrupt;
  while (!interrupt.requested()) clock->sleep(std::chrono::milliseconds(50));
  receiver.stop();
  forwarder.stop();
  const auto& n = receiver.counts();
  std::printf("ugc webhooks: stopped (%zu stored, %zu duplicates, %zu refused, %zu failed; %zu forwarded)\n",
              n.stored.load(), n.duplicates.load(), n.refused.load(), n.failed.load(),
              forwarder.counts().delivered.load());
  return kExitOk;
}

}  // namespace

CommandRun define_webhooks(CLI::App& sub, std::shared_ptr<Clock> clock) {
  sub.require_subcommand(1);
  CLI::App* serve = sub.add_subcommand("serve", "Receive and verify TokPortal deliveries, record each event once");
  auto f = std::make_shared<WebhookServeFlags>();
  add_state_option(*serve, f->state, "State the events are recorded in");
  serve->add_option("--bind", f->bind, "ADDR:PORT to listen on (loopback by default; put TLS in a reverse proxy)")
      ->capture_default_str();
  serve->add_option("--port", f->port, "Port, overriding --bind's (0 = any free port, printed)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--secret-file", f->secret_file,
                    std::string("File holding the endpoint's signing secret, mode 600 (or set ") +
                        events::kSigningSecretEnv + ")");
  serve->add_option("--max-body", f->max_body, "Largest accepted body in bytes (larger: 413, unread)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
  serve->add_option("--read-timeout-ms", f->read_timeout_ms,
                    "A request must arrive whole within this; idle connections close after it")
      ->capture_default_str()
      ->check(CLI::Range(10, 600000));
  serve->add_option("--max-connections", f->max_connections, "Connections served at once (more: 503)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  serve->add_option("--forward", f->forward_urls,
                    "Forward each new event to this URL (your tracker), re-signed with your own secret; repeatable");
  serve->add_option("--forward-secret-file", f->forward_secret_file,
                    std::string("File holding the secret --forward signs with, mode 600 (or set ") +
                        events::kForwardSecretEnv + ")");
  serve->add_option("--forward-timeout-ms", f->forward_timeout_ms, "A --forward target must answer within this")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  serve->add_option("--on-event", f->on_event,
                    "Run this shell command for each new event, its JSON on stdin (exit 0 = done); repeatable");
  serve->add_option("--on-event-timeout-ms", f->on_event_timeout_ms,
                    "An --on-event command running longer is killed and retried")
      ->capture_default_str()
      ->check(CLI::Range(100, 3600000));
  serve->add_option("--forward-max-backoff-ms", f->forward_max_backoff_ms,
                    "Longest wait between two attempts to forward an event (doubling from 1 s)")
      ->capture_default_str()
      ->check(CLI::Range(10, 86400000));
  auto manage_endpoints = define_webhook_endpoint_commands(sub, clock);
  return [f, clock, serve, manage_endpoints]() -> Result<int> {
    if (serve->parsed()) return serve_webhooks(*f, clock);
    return manage_endpoints();
  };
}

}  // namespace ugc::cli
