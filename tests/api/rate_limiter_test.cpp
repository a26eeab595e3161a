#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <thread>

#include "api/fakes.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/rate_limiter.hpp"

using namespace ugc;
using namespace ugc::api;
using namespace std::chrono_literals;
using ugc::testing::FakeClock;

namespace {

// How many tokens can be taken right now without waiting.
int burst(RateLimiter& limiter) {
  int n = 0;
  while (!limiter.try_acquire() && n < 10000) ++n;
  return n;
}

}  // namespace

TEST_CASE("a fresh bucket allows a burst of its capacity, then refills 2 per second") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  CHECK(burst(limiter) == 120);
  auto wait = limiter.try_acquire();
  REQUIRE(wait);
  CHECK(*wait == 500ms);  // 120 per minute
  clock->advance(5s);
  CHECK(burst(limiter) == 10);
}

TEST_CASE("the server's X-RateLimit-Remaining, less requests in flight, is the token count") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  limiter.observe({120.0, 7.0, std::nullopt});
  CHECK(burst(limiter) == 7);
  // Seven requests are in flight. The first answer says 50 are left: the
  // server refilled faster than we assumed, but six of ours are still on
  // their way and will spend from those 50.
  limiter.observe({120.0, 50.0, std::nullopt});
  CHECK(burst(limiter) == 44);
  // A request that never got an answer is no longer in flight either.
  for (int i = 0; i < 50; ++i) limiter.abandon();
  limiter.observe({120.0, 3.0, std::nullopt});
  CHECK(burst(limiter) == 3);
}

TEST_CASE("a late answer to an older request may lower the count but never raise it") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  limiter.observe({120.0, 2.0, std::nullopt});
  auto first = limiter.acquire();
  auto second = limiter.acquire();
  // The server served `first` then `second`, but the answers cross: the
  // newer one says nothing is left, the older one (stale) that one was.
  limiter.observe({120.0, 0.0, std::nullopt}, second);
  limiter.observe({120.0, 1.0, std::nullopt}, first);
  CHECK(burst(limiter) == 0);
}

TEST_CASE("requests in flight beyond what the server has left are a debt the refill must cover") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  CHECK(burst(limiter) == 120);
  limiter.observe({120.0, 0.0, std::nullopt});  // 119 still in flight, none left
  auto wait = limiter.try_acquire();
  REQUIRE(wait);
  CHECK(std::chrono::duration<double>(*wait).count() == doctest::Approx(60.0));  // 120 tokens at 2/s
}

TEST_CASE("capacity and refill follow X-RateLimit-Limit") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  limiter.observe({30.0, 30.0, 1'800'000'060});
  CHECK(limiter.capacity() == 30);
  CHECK(limiter.last_reset_unix() == 1'800'000'060);
  CHECK(burst(limiter) == 30);
  auto wait = limiter.try_acquire();
  REQUIRE(wait);
  CHECK(*wait == 2s);  // 30 per minute
  clock->advance(10min);
  CHECK(burst(limiter) == 30);  // never above capacity
}

TEST_CASE("pause_for blocks every caller until the pause ends, and never shortens a pause") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  limiter.pause_for(10s);
  limiter.pause_for(2s);
  auto wait = limiter.try_acquire();
  REQUIRE(wait);
  CHECK(*wait == 10s);
  clock->advance(10s);
  CHECK(burst(limiter) == 1);  // what Retry-After promises: one request may go
  auto start = clock->monotonic_now();
  limiter.acquire();  // the next waits for refill
  CHECK(clock->monotonic_now() - start == 500ms);
}

TEST_CASE("threads sharing one limiter never take more than capacity + refill") {
  // Capacity 20, 1200 per minute (20/s). 8 threads take 40 tokens in total:
  // the 20 beyond capacity need 1 s of refill, which only their sleeps (on the
  // fake clock) can provide.
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock, RateLimiter::Options{20, 1200});
  std::atomic<int> taken{0};
  const auto start = clock->monotonic_now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        limiter.acquire();
        taken++;
      }
    });
  for (auto& th : threads) th.join();
  CHECK(taken == 40);
  CHECK_FALSE(clock->sleeps().empty());
  // 20 at once, 20 more at 20/s (a little slack for floating-point refill).
  CHECK(std::chrono::duration<double>(clock->monotonic_now() - start).count() >= 0.99);
}

TEST_CASE("the client feeds response headers into the limiter") {
  auto transport = std::make_shared<test::FakeTransport>();
  auto clock = std::make_shared<FakeClock>();
  ClientOptions o;
  o.base_url = "http://api.test";
  o.api_key = "sk_limiter_test_key_000";
  Client client(o, transport, clock);
  transport->push(test::ok(Json::object(), {{"X-RateLimit-Limit", "120"},
                                            {"X-RateLimit-Remaining", "2"},
                                            {"X-RateLimit-Reset", "1800000059"}}));
  REQUIRE(client.request(Request::get("/me")).ok());
  CHECK(client.rate_limiter().tokens() == doctest::Approx(2.0));
  // Two more go at once; the third waits for refill (fake clock: no real wait).
  transport->set_default([](const HttpRequest&) -> Result<HttpResponse> { return test::ok(Json::object()); });
  auto before = clock->monotonic_now();
  for (int i = 0; i < 3; ++i) REQUIRE(client.request(Request::get("/me")).ok());
  CHECK(clock->monotonic_now() - before == 500ms);
}

TEST_CASE("refill is inferred from X-RateLimit-Reset only when it proves a faster server") {
  auto clock = std::make_shared<FakeClock>();
  auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(clock->wall_now().time_since_epoch()).count();
  {
    // The contract's bucket: 20 spent, full again in 10 s -> lower bound 19/11 < 2/s: keep 2/s.
    RateLimiter limiter(clock);
    limiter.observe({120.0, 100.0, now_unix + 10});
    burst(limiter);
    auto wait = limiter.try_acquire();
    REQUIRE(wait);
    CHECK(*wait == 500ms);
  }
  {
    // A small fast bucket (10 tokens, 5/s): 8 spent, full in 2 s -> at least 7/3 per second.
    RateLimiter limiter(clock);
    limiter.observe({10.0, 2.0, now_unix + 2});
    CHECK(burst(limiter) == 2);
    auto wait = limiter.try_acquire();
    REQUIRE(wait);
    CHECK(std::chrono::duration<double>(*wait).count() == doctest::Approx(3.0 / 7.0).epsilon(0.01));
  }
}

namespace {

// A server bucket of `capacity` refilling at `rate`/s, answering requests one
// at a time; returns how many requests `limiter` let through in `seconds`.
int drive(RateLimiter& limiter, FakeClock& clock, double capacity, double rate, double seconds) {
  double server_tokens = capacity;
  auto last = clock.monotonic_now();
  auto end =
      clock.monotonic_now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  int served = 0, rejected = 0;
  while (clock.monotonic_now() < end) {
    limiter.acquire();
    clock.advance(5ms);  // latency
    const double refilled = rate * std::chrono::duration<double>(clock.monotonic_now() - last).count();
    server_tokens = std::min(capacity, server_tokens + refilled);
    last = clock.monotonic_now();
    if (server_tokens < 1) {
      ++rejected;
      limiter.observe({capacity, 0.0, std::nullopt});
      limiter.pause_for(1s);
      continue;
    }
    server_tokens -= 1;
    ++served;
    limiter.observe({capacity, std::floor(server_tokens), std::nullopt});
  }
  CHECK(rejected == 0);
  return served;
}

}  // namespace

TEST_CASE("a client learns a refill faster than the contract's from Remaining, and keeps up with it") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  // 120 at once, then 50/s for 20 s: at most 120 + 1000 requests.
  int served = drive(limiter, *clock, 120, 50, 20);
  CHECK(served <= 1120);
  CHECK(served >= 0.9 * 1120);
  CHECK(limiter.refill_per_second() > 45);
  CHECK(limiter.refill_per_second() <= 50);
}

TEST_CASE("at the contract's own 2/s, the estimate never runs ahead of the server") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  int served = drive(limiter, *clock, 120, 2, 120);
  CHECK(served <= 120 + 240);
  CHECK(served >= 120 + 230);
  CHECK(limiter.refill_per_second() == doctest::Approx(2.0));
}

TEST_CASE("a 429 pauses everyone and drops the refill estimate that led to it") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  drive(limiter, *clock, 120, 50, 5);
  REQUIRE(limiter.refill_per_second() > 10);
  limiter.pause_for(1s);
  CHECK(limiter.refill_per_second() == doctest::Approx(2.0));
}
