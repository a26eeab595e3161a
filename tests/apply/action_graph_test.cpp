#include "ugc/apply/action_graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "support/fake_clock.hpp"

using namespace ugc;
using namespace ugc::apply;

namespace {

RunOptions with_parallelism(int n, const std::atomic<bool>* stop = nullptr) {
  RunOptions options;
  options.parallelism = n;
  options.stop = stop;
  return options;
}

// Durations only; tests that look at them make their own clock.
Clock& graph_test_clock() {
  static ugc::testing::FakeClock clock;
  return clock;
}

Status ok() { return {}; }
Status fail(const std::string& code) { return Error(ErrorKind::invalid_input, "boom", code); }

const NodeResult& find(const std::vector<NodeResult>& results, const std::string& id) {
  auto it = std::find_if(results.begin(), results.end(), [&](const NodeResult& r) { return r.id == id; });
  REQUIRE(it != results.end());
  return *it;
}

}  // namespace

TEST_CASE("action graph: dependencies run before their dependents") {
  ActionGraph g;
  std::mutex mu;
  std::vector<std::string> order;
  auto record = [&](std::string id) {
    return [&, id]() -> Status {
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(id);
      return {};
    };
  };
  // Added in an order that is not topological: deps may name later nodes.
  REQUIRE(g.add("publish", {"configure", "videos"}, record("publish")).ok());
  REQUIRE(g.add("configure", {"bundle"}, record("configure")).ok());
  REQUIRE(g.add("videos", {"bundle", "upload"}, record("videos")).ok());
  REQUIRE(g.add("upload", {}, record("upload")).ok());
  REQUIRE(g.add("bundle", {}, record("bundle")).ok());

  for (int parallelism : {1, 4}) {
    order.clear();
    auto results = g.run(with_parallelism(parallelism), graph_test_clock());
    REQUIRE(results.ok());
    REQUIRE(order.size() == 5);
    auto pos = [&](const std::string& id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
    CHECK(pos("bundle") < pos("configure"));
    CHECK(pos("bundle") < pos("videos"));
    CHECK(pos("upload") < pos("videos"));
    CHECK(pos("configure") < pos("publish"));
    CHECK(pos("videos") < pos("publish"));
    // Results come back in insertion order, all ok.
    std::vector<std::string> ids;
    for (const auto& r : *results) {
      ids.push_back(r.id);
      CHECK(r.status == NodeStatus::ok);
    }
    CHECK(ids == std::vector<std::string>{"publish", "configure", "videos", "upload", "bundle"});
  }
}

TEST_CASE("action graph: with one worker, ready nodes start in insertion order") {
  ActionGraph g;
  std::vector<std::string> order;
  for (std::string id : {"c", "a", "b"})
    REQUIRE(g.add(id, {}, [&, id] { order.push_back(id); return ok(); }).ok());
  REQUIRE(g.run(with_parallelism(1), graph_test_clock()).ok());
  CHECK(order == std::vector<std::string>{"c", "a", "b"});
}

TEST_CASE("action graph: a failure skips only what depends on it") {
  ActionGraph g;
  std::atomic<int> ran{0};
  auto count = [&] { ++ran; return ok(); };
  // Two independent bundles; the first one's creation fails.
  REQUIRE(g.add("bundle-a", {}, [] { return fail("INSUFFICIENT_CREDITS"); }).ok());
  REQUIRE(g.add("account-a", {"bundle-a"}, count).ok());
  REQUIRE(g.add("publish-a", {"account-a"}, count).ok());
  REQUIRE(g.add("bundle-b", {}, count).ok());
  REQUIRE(g.add("account-b", {"bundle-b"}, count).ok());
  REQUIRE(g.add("publish-b", {"account-b"}, count).ok());

  auto results = g.run(with_parallelism(3), graph_test_clock());
  REQUIRE(results.ok());
  CHECK(ran == 3);
  CHECK(find(*results, "bundle-a").status == NodeStatus::failed);
  REQUIRE(find(*results, "bundle-a").error.has_value());
  CHECK(find(*results, "bundle-a").error->code() == "INSUFFICIENT_CREDITS");
  CHECK(find(*results, "account-a").status == NodeStatus::skipped);
  CHECK(find(*results, "account-a").blocked_by == "bundle-a");
  CHECK(find(*results, "publish-a").status == NodeStatus::skipped);
  CHECK(find(*results, "publish-a").blocked_by == "bundle-a");
  CHECK(find(*results, "bundle-b").status == NodeStatus::ok);
  CHECK(find(*results, "publish-b").status == NodeStatus::ok);
}

TEST_CASE("action graph: a slow failure does not hold back independent work") {
  // a and b must overlap: b runs while a is still in flight, and a fails only
  // after b finished. Run one after the other (either order), one of the two
  // waits times out and its flag stays false.
  ActionGraph g;
  std::atomic<bool> a_started{false}, b_done{false};
  std::atomic<bool> b_ran_during_a{false}, a_failed_after_b{false};
  auto wait_for = [](const std::atomic<bool>& flag) {
    for (int i = 0; i < 400 && !flag; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return flag.load();
  };
  REQUIRE(g.add("a", {}, [&] {
    a_started = true;
    a_failed_after_b = wait_for(b_done);
    return fail("X");
  }).ok());
  REQUIRE(g.add("b", {}, [&] {
    b_ran_during_a = wait_for(a_started);
    b_done = true;
    return ok();
  }).ok());
  auto results = g.run(with_parallelism(2), graph_test_clock());
  REQUIRE(results.ok());
  CHECK(b_ran_during_a);
  CHECK(a_failed_after_b);
  CHECK(find(*results, "a").status == NodeStatus::failed);
  CHECK(find(*results, "b").status == NodeStatus::ok);
}

TEST_CASE("action graph: runs at most `parallelism` tasks at once, and uses them") {
  ActionGraph g;
  std::atomic<int> in_flight{0}, peak{0};
  for (int i = 0; i < 24; ++i) {
    REQUIRE(g.add("n" + std::to_string(i), {}, [&] {
      int now = ++in_flight;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      --in_flight;
      return ok();
    }).ok());
  }
  REQUIRE(g.run(with_parallelism(4), graph_test_clock()).ok());
  CHECK(peak <= 4);
  CHECK(peak >= 2);
}

TEST_CASE("action graph: unknown dependencies and cycles are refused before anything runs") {
  std::atomic<int> ran{0};
  auto count = [&] { ++ran; return ok(); };
  {
    ActionGraph g;
    REQUIRE(g.add("a", {"ghost"}, count).ok());
    auto results = g.run({}, graph_test_clock());
    REQUIRE_FALSE(results.ok());
    CHECK(results.error().message().find("ghost") != std::string::npos);
  }
  {
    ActionGraph g;
    REQUIRE(g.add("free", {}, count).ok());
    REQUIRE(g.add("a", {"b"}, count).ok());
    REQUIRE(g.add("b", {"a"}, count).ok());
    auto results = g.run({}, graph_test_clock());
    REQUIRE_FALSE(results.ok());
    CHECK(results.error().message().find("cycle") != std::string::npos);
  }
  CHECK(ran == 0);
  ActionGraph g;
  REQUIRE(g.add("a", {}, count).ok());
  CHECK_FALSE(g.add("a", {}, count).ok());
  CHECK_FALSE(g.add("", {}, count).ok());
}

TEST_CASE("action graph: exceptions become failures, not crashes") {
  ActionGraph g;
  REQUIRE(g.add("a", {}, []() -> Status { throw std::runtime_error("bad"); }).ok());
  REQUIRE(g.add("b", {"a"}, [] { return ok(); }).ok());
  auto results = g.run({}, graph_test_clock());
  REQUIRE(results.ok());
  CHECK((*results)[0].status == NodeStatus::failed);
  CHECK((*results)[0].error->kind() == ErrorKind::fatal);
  CHECK((*results)[1].status == NodeStatus::skipped);
}

TEST_CASE("action graph: a stop request lets running tasks finish and starts nothing new") {
  ActionGraph g;
  std::atomic<bool> stop{false};
  std::atomic<int> ran{0};
  REQUIRE(g.add("first", {}, [&] { ++ran; stop = true; return ok(); }).ok());
  for (int i = 0; i < 5; ++i) REQUIRE(g.add("later" + std::to_string(i), {"first"}, [&] { ++ran; return ok(); }).ok());
  std::vector<std::string> finished;
  RunOptions options = with_parallelism(2, &stop);
  options.on_finish = [&](const NodeResult& r) { finished.push_back(r.id); };
  auto results = g.run(options, graph_test_clock());
  REQUIRE(results.ok());
  CHECK(ran == 1);
  CHECK((*results)[0].status == NodeStatus::ok);
  for (std::size_t i = 1; i < results->size(); ++i) {
    CHECK((*results)[i].status == NodeStatus::skipped);
    CHECK((*results)[i].blocked_by == "interrupted");
  }
  CHECK(finished.size() == 6);  // the reporter hears about every node once
}

TEST_CASE("action graph: an empty graph runs and returns nothing") {
  ActionGraph g;
  auto results = g.run({}, graph_test_clock());
  REQUIRE(results.ok());
  CHECK(results->empty());
}

TEST_CASE("action graph: a task's duration is read off the run's clock") {
  ActionGraph g;
  ugc::testing::FakeClock clock;
  REQUIRE(g.add("slow", {}, [&] { clock.advance(std::chrono::milliseconds(1500)); return ok(); }).ok());
  REQUIRE(g.add("skipped", {"failing"}, [] { return ok(); }).ok());
  REQUIRE(g.add("failing", {}, [] { return fail("X"); }).ok());
  auto results = g.run(with_parallelism(1), clock);
  REQUIRE(results.ok());
  CHECK(find(*results, "slow").duration == std::chrono::milliseconds(1500));
  CHECK(find(*results, "failing").duration == std::chrono::milliseconds(0));
  CHECK(find(*results, "skipped").duration == std::chrono::milliseconds(0));
}
