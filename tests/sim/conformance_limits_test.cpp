// Conformance: the simulator under abuse (docs/sim.md, "Limits"): body limits
// with 413 and bounded memory, slow and surplus connections that must not
// keep other clients from being answered, request deadlines.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "support/raw_connection.hpp"
#include "sim_harness.hpp"
#include "support/child_process.hpp"

using namespace simtest;
using ugc::testing::raw_api_request;
using ugc::testing::RawAnswer;
using ugc::testing::RawConnection;
using ugc::testing::SimProcess;

namespace {

// VmRSS of a process, in KiB (0 if unreadable).
long resident_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// Streams up to `total` bytes of body after `head`; stops when the simulator
// closes the connection. Returns the bytes it managed to send.
std::size_t stream_body(RawConnection& c, const std::string& head, std::size_t total) {
  REQUIRE(c.send(head));
  const std::string chunk(64 << 10, 'a');
  std::size_t sent = 0;
  while (sent < total && c.send(chunk)) sent += chunk.size();
  return sent;
}

SimHarness limited_sim(void (*adjust)(ugc::sim::RequestLimits&)) {
  auto options = default_options();
  adjust(options.limits);
  return SimHarness(options);
}

}  // namespace

TEST_CASE("a 300 MB body is refused with 413 and the simulator's memory stays bounded") {
  SimProcess sim({"--clock", "2027-03-01"});
  REQUIRE_MESSAGE(sim.error().empty(), sim.error());
  httplib::Client warm("127.0.0.1", sim.port());
  REQUIRE(warm.Get("/api/ext/me", {{"X-API-Key", kDemoKey}}));
  const long before = resident_kib(sim.pid());
  REQUIRE(before > 0);

  const std::size_t declared = 300u << 20;
  RawConnection c(sim.port());
  REQUIRE(c.connected());
  const std::string head = "POST /api/ext/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + kDemoKey +
                           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(declared) +
                           "\r\n\r\n";
  const std::size_t sent = stream_body(c, head, declared);
  const RawAnswer answer = c.read_answer();
  const long after = resident_kib(sim.pid());

  CHECK(answer.status == 413);
  CHECK(answer.body["error"]["code"] == "PAYLOAD_TOO_LARGE");
  CHECK(answer.body["error"]["details"]["max_bytes"] == 16u << 20);
  MESSAGE("sent " << sent / 1024 << " KiB; RSS " << before << " -> " << after << " KiB");
  CHECK(after - before < 32 * 1024);  // the body was never buffered
  CHECK(sent < declared);             // nor read to its end
  // And it still serves.
  auto r = warm.Get("/api/ext/me", {{"X-API-Key", kDemoKey}});
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("a body without a declared length is cut at the limit with 413") {
  auto sim = limited_sim([](ugc::sim::RequestLimits& l) { l.max_body_bytes = 64 << 10; });
  RawConnection c(sim.server().port());
  const std::string head = "POST /api/ext/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + kDemoKey +
                           "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  REQUIRE(c.send(head));
  const std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";  // 64 KiB chunks
  for (int i = 0; i < 16 && c.send(chunk); ++i) {
  }
  const RawAnswer answer = c.read_answer();
  CHECK(answer.status == 413);
  CHECK(answer.body["error"]["code"] == "PAYLOAD_TOO_LARGE");
}

TEST_CASE("a body within the limit still goes through") {
  auto sim = limited_sim([](ugc::sim::RequestLimits& l) { l.max_body_bytes = 64 << 10; });
  Json body{{"bundle_type", "account_only"}, {"platform", "tiktok"}, {"country", "USA"},
            {"title", std::string(30000, 't')}};
  // Read and validated: the title is too long for the operation, not the body for the simulator.
  auto within = sim.post("/bundles", body);
  CHECK(within.status == 400);
  CHECK(within.code() == "VALIDATION_ERROR");
  body["title"] = std::string(70000, 't');
  auto big = sim.post("/bundles", body);
  CHECK(big.status == 413);
  CHECK(big.code() == "PAYLOAD_TOO_LARGE");
  CHECK(sim.get("/me").status == 200);  // a fresh connection is served
}

TEST_CASE("200 slow connections do not keep a normal client from getting answers") {
  SimHarness sim;
  const int port = sim.server().port();
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 200; ++i) {
    auto c = std::make_unique<RawConnection>(port);
    REQUIRE(c->connected());
    // Half send nothing at all, half start a request and trickle its headers.
    if (i % 2 == 1) REQUIRE(c->send("POST /api/ext/bundles HTTP/1.1\r\nX-"));
    slow.push_back(std::move(c));
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    while (!done) {
      for (std::size_t i = 1; i < slow.size(); i += 2) slow[i]->send("a");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  int answered = 0;
  for (int i = 0; i < 5; ++i) answered += sim.get("/me").status == 200 ? 1 : 0;
  done = true;
  trickle.join();
  CHECK(answered == 5);
}

TEST_CASE("connections beyond the limit are answered 503 and the slots come back") {
  auto sim = limited_sim([](ugc::sim::RequestLimits& l) { l.max_connections = 4; });
  const int port = sim.server().port();
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i) held.push_back(std::make_unique<RawConnection>(port));
  // Accepting is asynchronous: the fifth connection is refused once the four are counted.
  RawAnswer refused;
  for (int attempt = 0; attempt < 50 && refused.status != 503; ++attempt) {
    RawConnection extra(port);
    extra.send(raw_api_request("GET", "/me", "", ""));
    refused = extra.read_answer();
  }
  CHECK(refused.status == 503);
  CHECK(refused.body["error"]["code"] == "TOO_MANY_CONNECTIONS");
  CHECK(refused.head.find("Retry-After: 1") != std::string::npos);
  held.clear();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    RawConnection again(port);
    again.send(raw_api_request("GET", "/me", "", ""));
    status = again.read_answer().status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(status == 200);
}

TEST_CASE("headers trickled past the header deadline get 408 and the connection is closed") {
  auto sim = limited_sim([](ugc::sim::RequestLimits& l) { l.header_timeout = std::chrono::seconds(1); });
  RawConnection c(sim.server().port());
  REQUIRE(c.send("GET /api/ext/me HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  // One header byte every 100 ms: each read makes progress, the request never ends.
  int trickled = 0;
  while (trickled < 50 && c.send("X")) {
    ++trickled;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const RawAnswer answer = c.read_answer();
  CHECK(answer.status == 408);
  CHECK(answer.body["error"]["code"] == "REQUEST_TIMEOUT");
  CHECK(trickled < 50);  // cut off well before the client gave up
}
