#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "api/fakes.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/rate_limiter.hpp"

using namespace ugc;
using namespace ugc::api;
using namespace std::chrono_literals;
using test::FakeClock;

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

TEST_CASE("a burst never exceeds the server's X-RateLimit-Remaining") {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock);
  limiter.observe({120.0, 7.0, std::nullopt});
  CHECK(burst(limiter) == 7);
  // A later, higher Remaining does not grant tokens we do not have locally:
  // the local bucket only ever lowers its count to the server's.
  limiter.observe({120.0, 50.0, std::nullopt});
  CHECK(burst(limiter) == 0);
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
  auto start = clock->now();
  limiter.acquire();  // the next waits for refill
  CHECK(clock->now() - start == 500ms);
}

TEST_CASE("threads sharing one limiter never take more than capacity + refill") {
  // Real clock, scaled down: capacity 20, 1200 per minute (20/s). 8 threads
  // try to take 40 tokens in total; that needs >= 1 s of refill.
  RateLimiter limiter(system_clock(), RateLimiter::Options{20, 1200});
  std::atomic<int> taken{0};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        limiter.acquire();
        taken++;
      }
    });
  for (auto& th : threads) th.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(taken == 40);
  // 20 immediately, 20 more at 20/s: at least ~1 s (small slack for timer granularity).
  CHECK(elapsed >= 0.9);
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
  auto before = clock->now();
  for (int i = 0; i < 3; ++i) REQUIRE(client.request(Request::get("/me")).ok());
  CHECK(clock->now() - before == 500ms);
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
