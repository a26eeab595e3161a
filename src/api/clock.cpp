#include "ugc/api/clock.hpp"

#include <thread>

namespace ugc::api {
namespace {

class SystemClock : public Clock {
 public:
  time_point now() override { return std::chrono::steady_clock::now(); }
  std::chrono::system_clock::time_point wall_now() override { return std::chrono::system_clock::now(); }
  void sleep_for(duration d) override {
    if (d > duration::zero()) std::this_thread::sleep_for(d);
  }
};

}  // namespace

std::shared_ptr<Clock> system_clock() {
  static auto clock = std::make_shared<SystemClock>();
  return clock;
}

}  // namespace ugc::api
