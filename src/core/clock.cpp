#include "ugc/core/clock.hpp"

#include <thread>

namespace ugc {
namespace {

class SystemClock final : public Clock {
 public:
  time_point monotonic_now() override { return std::chrono::steady_clock::now(); }
  wall_time wall_now() override { return std::chrono::system_clock::now(); }
  void sleep(duration d) override {
    if (d > duration::zero()) std::this_thread::sleep_for(d);
  }
};

}  // namespace

CivilDate Clock::today(UtcOffset zone) { return CivilDate::at(wall_now(), zone); }

std::shared_ptr<Clock> make_system_clock() { return std::make_shared<SystemClock>(); }

}  // namespace ugc
