#include "ugc/sim/server.hpp"

#include <spdlog/spdlog.h>

#include <csignal>

#include "ugc/core/hash.hpp"
#include "ugc/sim/guarded_http_server.hpp"
#include "ugc/sim/pipeline.hpp"
#include "ugc/sim/routes.hpp"
#include "ugc/sim/state_store.hpp"

namespace ugc::sim {
namespace {

// Connections the kernel may queue before we accept them (httplib listens with 5).
constexpr int kListenBacklog = 512;

}  // namespace

struct SimServer::Impl {
  explicit Impl(const RequestLimits& limits) : http(limits) {}
  Router router;
  ServerHooks hooks;
  std::unique_ptr<Pipeline> pipeline;
  std::unique_ptr<StateStore> store;
  GuardedHttpServer http;
  std::thread thread;
  bool running = false;
};

SimServer::SimServer(SimOptions options)
    : options_(std::move(options)), world_(std::make_unique<World>(options_.seed)), faults_(options_.faults),
      impl_(std::make_unique<Impl>(options_.limits)) {
  world_->starting_credits = options_.credits;
}

SimServer::~SimServer() { stop(); }

std::string SimServer::base_url() const {
  return "http://" + options_.host + ":" + std::to_string(port_) + "/api/ext";
}

Status SimServer::start() {
  // A client that hangs up must not kill the simulator (or the test runner it lives in).
  std::signal(SIGPIPE, SIG_IGN);
  if (options_.state_file) {
    impl_->store = std::make_unique<StateStore>();
    UGC_TRY(impl_->store->open(*options_.state_file));
    auto loaded = impl_->store->load(*world_);
    if (!loaded) return loaded.error();
  }
  if (options_.clock) {
    // Keep the time of day; only the calendar day is chosen.
    auto now = Clock::now();
    auto tod = now - std::chrono::floor<std::chrono::days>(now);
    world_->clock_offset = std::chrono::duration_cast<std::chrono::seconds>(
        options_.clock->sys_days() + tod - now);
  }
  impl_->hooks.options = options_.ext_options;
  register_all_routes(impl_->router, *world_, impl_->hooks, faults_);

  PipelineConfig config;
  for (const auto& k : options_.api_keys) config.extra_key_hashes.insert(sha256_hex(k));
  config.rate_limit = RateLimit{options_.rate_capacity, options_.rate_refill_per_sec};
  StateStore* store = impl_->store.get();
  World* world = world_.get();
  std::function<void()> persist;
  if (store)
    persist = [store, world] {
      if (auto s = store->save(*world); !s) spdlog::error("{}", s.error().message());
    };
  impl_->pipeline = std::make_unique<Pipeline>(*world_, impl_->router, faults_, config, persist);

  for (auto& f : impl_->hooks.on_start) f();
  auto handler = [p = impl_->pipeline.get()](const httplib::Request& req, httplib::Response& res) {
    p->handle(req, res);
  };
  auto& http = impl_->http;
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.set_keep_alive_max_count(1000);
  // Without TCP_NODELAY every keep-alive answer waits ~40 ms on Nagle + delayed ACK.
  http.set_tcp_nodelay(true);
  if (options_.port == 0) {
    port_ = http.bind_to_any_port(options_.host.c_str());
    if (port_ < 0) return io_error("ugc sim: cannot bind " + options_.host);
  } else {
    if (!http.bind_to_port(options_.host.c_str(), options_.port))
      return io_error("ugc sim: cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                      " (port in use?)");
    port_ = options_.port;
  }
  http.widen_listen_backlog(kListenBacklog);
  impl_->thread = std::thread([&http] { http.listen_after_bind(); });
  // listen_after_bind() flips is_running() once it accepts; stop() before that would be lost.
  while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->running = true;
  return {};
}

void SimServer::stop() {
  if (!impl_ || !impl_->running) return;
  impl_->running = false;
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  for (auto& f : impl_->hooks.on_stop) f();
  if (impl_->store) {
    std::lock_guard lock(world_->mu);
    if (auto s = impl_->store->save(*world_); !s) spdlog::error("{}", s.error().message());
  }
}

}  // namespace ugc::sim
