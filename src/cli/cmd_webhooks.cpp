// ugc webhooks serve: receive TokPortal webhook deliveries into the state
// store until SIGINT/SIGTERM (docs/lifecycle.md). The endpoint commands under
// the same `webhooks` group are in cmd_webhook_endpoints.cpp.
#include <cstdio>
#include <cstdlib>

#include "ugc/cli/command.hpp"
#include "ugc/cli/interrupt.hpp"
#include "ugc/core/log.hpp"
#include "ugc/events/signing_secret.hpp"
#include "ugc/events/webhook_receiver.hpp"

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
};

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

  auto store = state::Store::open(f.state, {state::Access::read_write, /*create_if_missing=*/true}, clock);
  if (!store) return store.error();
  events::WebhookReceiver receiver(std::move(options), *store, clock);
  UGC_TRY(receiver.start());
  std::printf("ugc webhooks: listening on http://%s:%d/\n", f.bind.substr(0, f.bind.rfind(':')).c_str(),
              receiver.port());
  std::fflush(stdout);
  InterruptScope interrupt;
  while (!interrupt.requested()) clock->sleep(std::chrono::milliseconds(50));
  receiver.stop();
  const auto& n = receiver.counts();
  std::printf("ugc webhooks: stopped (%zu stored, %zu duplicates, %zu refused, %zu failed)\n", n.stored.load(),
              n.duplicates.load(), n.refused.load(), n.failed.load());
  return kExitOk;
}

}  // namespace

CommandRun define_webhooks(CLI::App& sub, std::shared_ptr<Clock> clock) {
  sub.require_subcommand(1);
  CLI::App* serve = sub.add_subcommand("serve", "Receive and verify TokPortal deliveries, record each event once");
  auto f = std::make_shared<WebhookServeFlags>();
  serve->add_option("--state", f->state, "State file the events are recorded in")->capture_default_str();
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
  auto manage_endpoints = define_webhook_endpoint_commands(sub, clock);
  return [f, clock, serve, manage_endpoints]() -> Result<int> {
    if (serve->parsed()) return serve_webhooks(*f, clock);
    return manage_endpoints();
  };
}

}  // namespace ugc::cli
