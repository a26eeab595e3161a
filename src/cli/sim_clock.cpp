#include "ugc/cli/sim_clock.hpp"

#include <spdlog/spdlog.h>

#include <mutex>

#include "ugc/api/curl_transport.hpp"

namespace ugc::cli {
namespace {

class SimClock : public Clock {
 public:
  explicit SimClock(std::string root) : root_(std::move(root)), real_(make_system_clock()) {}

  time_point monotonic_now() override {
    std::lock_guard hold(mu_);
    return real_->monotonic_now() + advanced_;
  }
  wall_time wall_now() override {
    std::lock_guard hold(mu_);
    return real_->wall_now() + std::chrono::duration_cast<std::chrono::system_clock::duration>(advanced_);
  }
  void sleep(duration d) override {
    // Whole seconds (what the simulator takes), rounded up so that a wait is never cut short.
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(d).count();
    if (seconds <= 0) return;
    api::HttpRequest request;
    request.method = "POST";
    request.url = root_ + "/__sim/clock";
    request.headers.add("Content-Type", "application/json");
    request.body = "{\"advance_seconds\":" + std::to_string(seconds) + "}";
    request.timeout = std::chrono::seconds(30);
    auto response = transport_.send(request);
    if (!response.ok() || response->status / 100 != 2)
      spdlog::warn("--sim-clock: could not move the simulator's clock: {}",
                   response.ok() ? "HTTP " + std::to_string(response->status) : response.error().message());
    std::lock_guard hold(mu_);
    advanced_ += std::chrono::seconds(seconds);
  }

 private:
  std::string root_;
  std::shared_ptr<Clock> real_;
  api::CurlTransport transport_;
  std::mutex mu_;
  duration advanced_{0};
};

}  // namespace

std::shared_ptr<Clock> make_sim_clock(std::string root_url) {
  const std::string suffix = "/api/ext";
  while (!root_url.empty() && root_url.back() == '/') root_url.pop_back();
  if (root_url.size() >= suffix.size() && root_url.compare(root_url.size() - suffix.size(), suffix.size(), suffix) == 0)
    root_url.erase(root_url.size() - suffix.size());
  return std::make_shared<SimClock>(std::move(root_url));
}

}  // namespace ugc::cli
