#pragma once
// SimServer: `ugc sim` as an object. Owns the World, the Router and the
// cpp-httplib server listening on 127.0.0.1. `start()` loads `--state` (if any),
// registers every area's routes, binds (port 0 = any free port) and serves on a
// background thread; `stop()` stops listening, runs stop hooks and saves.
// Tests start it in-process; `ugc sim` runs it until SIGINT/SIGTERM.
// Thread-safe: requests run on httplib's pool, serialised by World::mu.
// Abusive clients (huge bodies, slow or many connections) are held to
// SimOptions::limits by GuardedHttpServer.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/core/result.hpp"
#include "ugc/sim/fault_injection.hpp"
#include "ugc/sim/request_limits.hpp"
#include "ugc/sim/router.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct SimOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::optional<std::string> state_file;  // SQLite file; world survives restarts
  uint64_t seed = 1;
  int64_t credits = 100000;               // starting balance of each new API key
  std::optional<CivilDate> clock;         // simulated today; default: real today
  std::vector<std::string> api_keys;      // extra accepted keys (any format)
  double rate_capacity = 120;
  double rate_refill_per_sec = 2;
  Faults faults;
  std::map<std::string, std::string> ext_options;  // --sim-opt KEY=VALUE, passed to ServerHooks::options
  RequestLimits limits;  // body sizes, connections, deadlines (--max-body, --max-connections, --request-timeout)
};

class SimServer {
 public:
  explicit SimServer(SimOptions options);
  ~SimServer();
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  Status start();
  void stop();

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:N/api/ext"
  World& world() { return *world_; }
  Faults& faults() { return faults_; }

 private:
  struct Impl;
  SimOptions options_;
  std::unique_ptr<World> world_;
  Faults faults_;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace ugc::sim
