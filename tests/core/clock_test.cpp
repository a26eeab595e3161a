// The Clock contract: today in a zone, the fake tests run on, and the real one.
#include <doctest/doctest.h>

#include "support/fake_clock.hpp"
#include "ugc/core/clock.hpp"

using namespace std::chrono_literals;
using ugc::CivilDate;
using ugc::UtcOffset;
using ugc::testing::FakeClock;

namespace {

ugc::Clock::wall_time utc_instant(std::chrono::sys_days day, std::chrono::minutes time_of_day) {
  return day + time_of_day;
}

constexpr std::chrono::sys_days kNewYearsEve{std::chrono::year(2026) / 12 / 31};

}  // namespace

TEST_CASE("clock: today is the UTC day unless a zone says otherwise") {
  FakeClock clock;
  clock.set_wall(utc_instant(kNewYearsEve, 23h + 30min));
  CHECK(clock.today().str() == "2026-12-31");
  CHECK(clock.today(UtcOffset::utc()).str() == "2026-12-31");
  CHECK(clock.today(UtcOffset{1h}).str() == "2027-01-01");    // Paris: already next year
  CHECK(clock.today(UtcOffset{-10h}).str() == "2026-12-31");  // Honolulu
  clock.set_wall(utc_instant(kNewYearsEve, 0min));
  CHECK(clock.today().str() == "2026-12-31");
  CHECK(clock.today(UtcOffset{-1min}).str() == "2026-12-30");
}

TEST_CASE("clock: CivilDate::at floors instants before 1970 into their own day") {
  auto before_epoch = std::chrono::sys_days{std::chrono::year(1969) / 12 / 31} + 18h;
  CHECK(CivilDate::at(before_epoch).str() == "1969-12-31");
}

TEST_CASE("fake clock: sleep returns at once, is recorded, and moves both times") {
  FakeClock clock;
  const auto mono = clock.monotonic_now();
  const auto wall = clock.wall_now();
  CHECK(clock.today().str() == "2027-01-15");
  clock.sleep(1500ms);
  clock.sleep(0ms);
  clock.sleep(-3s);  // a deadline already passed: recorded, no time moves
  CHECK(clock.sleeps() == std::vector<ugc::Clock::duration>{1500ms, 0ms, -3s});
  CHECK(clock.slept() == 1500ms);
  CHECK(clock.monotonic_now() - mono == 1500ms);
  CHECK(clock.wall_now() - wall == 1500ms);
  clock.sleep(12h);
  CHECK(clock.today().str() == "2027-01-16");
}

TEST_CASE("fake clock: advance moves time without a sleep and set_wall moves only the wall clock") {
  FakeClock clock;
  const auto mono = clock.monotonic_now();
  clock.advance(2s);
  CHECK(clock.monotonic_now() - mono == 2s);
  CHECK(clock.sleeps().empty());
  clock.set_wall(utc_instant(kNewYearsEve, 0min));
  CHECK(clock.monotonic_now() - mono == 2s);
  CHECK(clock.today().str() == "2026-12-31");
}

TEST_CASE("fake clock: the on_sleep hook runs after time moved and may read the clock") {
  FakeClock clock;
  const auto mono = clock.monotonic_now();
  std::vector<ugc::Clock::duration> seen;
  clock.on_sleep([&](ugc::Clock::duration d) { seen.push_back(clock.monotonic_now() - mono + d); });
  clock.sleep(50ms);
  clock.sleep(50ms);
  CHECK(seen == std::vector<ugc::Clock::duration>{100ms, 150ms});
}

TEST_CASE("system clock: monotonic time moves forward across a real sleep") {
  auto clock = ugc::make_system_clock();
  const auto before = clock->monotonic_now();
  clock->sleep(5ms);
  clock->sleep(-1s);  // returns at once
  CHECK(clock->monotonic_now() - before >= 5ms);
  CHECK(clock->wall_now().time_since_epoch() > std::chrono::hours(24 * 365 * 50));  // after 2020
}
