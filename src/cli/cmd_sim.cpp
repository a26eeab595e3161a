// ugc sim: run the local TokPortal simulator until SIGINT/SIGTERM.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "ugc/cli/command.hpp"
#include "ugc/cli/interrupt.hpp"
#include "ugc/core/log.hpp"
#include "ugc/sim/lifecycle.hpp"
#include "ugc/sim/server.hpp"
#include "ugc/sim/webhook_dispatch.hpp"

namespace ugc::cli {
namespace {


struct SimFlags {
  int port = 8080;
  std::string state;
  uint64_t seed = 1;
  int64_t credits = 100000;
  std::string clock;
  std::vector<std::string> api_keys;
  double rate_capacity = 120;
  double rate_refill = 2;
  double fail_rate = 0, extra_429_rate = 0, drop_rate = 0;
  int latency_ms = 0;
  double speed = 0;  // simulated days per real second (SIM-LIFE's ticker)
  std::vector<std::string> sim_opts;
  sim::RequestLimits limits;  // --max-body, --max-connections, --request-timeout
  int request_timeout_s = 60;
};

std::vector<std::string> split_keys(const char* env) {
  std::vector<std::string> out;
  if (!env) return out;
  std::stringstream in(env);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

Result<sim::SimOptions> to_options(const SimFlags& f) {
  sim::SimOptions o;
  o.port = f.port;
  if (!f.state.empty()) o.state_file = f.state;
  o.seed = f.seed;
  o.credits = f.credits;
  if (!f.clock.empty()) {
    auto day = CivilDate::parse(f.clock);
    if (!day) return invalid_input("--clock: " + day.error().message());
    o.clock = *day;
  }
  o.api_keys = f.api_keys;
  for (auto& k : split_keys(std::getenv("UGC_SIM_API_KEYS"))) o.api_keys.push_back(k);
  for (const auto& k : o.api_keys) log::add_secret(k);
  o.rate_capacity = f.rate_capacity;
  o.rate_refill_per_sec = f.rate_refill;
  o.faults = {f.fail_rate, f.extra_429_rate, f.drop_rate, f.latency_ms};
  for (const auto& kv : f.sim_opts) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) return invalid_input("--sim-opt expects KEY=VALUE, got '" + kv + "'");
    o.ext_options[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (f.speed > 0) o.ext_options["speed"] = std::to_string(f.speed);
  o.limits = f.limits;
  o.limits.request_timeout = std::chrono::seconds(f.request_timeout_s);
  o.limits.header_timeout = std::min(o.limits.header_timeout, o.limits.request_timeout);
  // Refuse bad lifecycle/webhook knobs here, with the flag named, not at run time.
  if (auto l = sim::lifecycle_options_from(o.ext_options); !l) return l.error();
  if (auto w = sim::webhook_policy_from_options(o.ext_options); !w) return w.error();
  return o;
}

}  // namespace

CommandRun define_sim(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto f = std::make_shared<SimFlags>();
  sub.add_option("--port", f->port, "Port on 127.0.0.1 (0 = any free port, printed)")->check(CLI::Range(0, 65535));
  sub.add_option("--state", f->state, "SQLite file; the simulated world survives restarts");
  sub.add_option("--seed", f->seed, "Seed for ids and injected faults (deterministic)");
  sub.add_option("--credits", f->credits, "Starting balance of each API key")->check(CLI::NonNegativeNumber);
  sub.add_option("--clock", f->clock, "Simulated today, YYYY-MM-DD (default: real today, UTC)");
  sub.add_option("--api-key", f->api_keys, "Extra accepted API key (repeatable; also UGC_SIM_API_KEYS=a,b)");
  sub.add_option("--rate-capacity", f->rate_capacity, "Token bucket capacity per key")->check(CLI::PositiveNumber);
  sub.add_option("--rate-refill", f->rate_refill, "Token bucket refill per second")->check(CLI::PositiveNumber);
  sub.add_option("--fail-rate", f->fail_rate, "Fraction of API requests answered 503 before running")->check(CLI::Range(0.0, 1.0));
  sub.add_option("--extra-429-rate", f->extra_429_rate, "Fraction answered 429 before running")->check(CLI::Range(0.0, 1.0));
  sub.add_option("--drop-rate", f->drop_rate, "Fraction run, then dropped without a response")->check(CLI::Range(0.0, 1.0));
  sub.add_option("--latency-ms", f->latency_ms, "Latency added to every API request")->check(CLI::Range(0, 60000));
  sub.add_option("--speed", f->speed, "Simulated days per real second: the manager simulation runs by itself")
      ->check(CLI::Range(0.0, 3650.0));
  sub.add_option("--sim-opt", f->sim_opts, "Lifecycle/webhook knob KEY=VALUE (see docs/sim.md)");
  sub.add_option("--max-body", f->limits.max_body_bytes,
                 "Largest JSON/control request body in bytes (default 16 MiB; uploads: 257 MiB); larger: 413")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  sub.add_option("--max-connections", f->limits.max_connections,
                 "Connections open at once (default 256); more are answered 503 and closed")
      ->check(CLI::Range(std::size_t{1}, std::size_t{800}));
  sub.add_option("--request-timeout", f->request_timeout_s,
                 "Seconds a client may take to send one request, body included (default 60; headers: 10)")
      ->check(CLI::Range(1, 3600));
  return [f, clock]() -> Result<int> {
    auto options = to_options(*f);
    if (!options) return options.error();
    sim::SimServer server(std::move(*options));
    UGC_TRY(server.start());
    std::printf("ugc sim: listening on %s\n", server.base_url().c_str());
    std::fflush(stdout);
    InterruptScope interrupt;
    while (!interrupt.requested()) clock->sleep(std::chrono::milliseconds(50));
    server.stop();
    std::printf("ugc sim: stopped\n");
    return kExitOk;
  };
}

}  // namespace ugc::cli
