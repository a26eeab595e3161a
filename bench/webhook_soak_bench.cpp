// Soak bench of `ugc webhooks serve` (run by hand; see bench/README.md).
//   build/bench/webhook_soak_bench [--deliveries N] [--threads T] [--ugc PATH] [--forward on]
// Starts the receiver as its own process on loopback with a fresh state file,
// then sends N signed deliveries (default 10,000) from T threads (default 4),
// each over one keep-alive connection: mostly new events, with replays of
// earlier events and forgeries (tampered body, wrong secret, stale) mixed in.
// Prints deliveries/s and latency percentiles, then reads the state file and
// checks every valid event is stored exactly once and no forged one is.
// With --forward on, the receiver also forwards every new event (--forward) to
// a tracker stand-in served by this process, and the bench reports how long
// the outbox took to drain after the last delivery.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.hpp"
#include "support/signed_delivery.hpp"
#include "support/temp_dir.hpp"
#include "ugc/state/events.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;

struct SoakOptions {
  int deliveries = 10000;
  int threads = 4;
  double replay_rate = 0.15;   // a delivery re-sends an event already sent
  double forgery_rate = 0.05;  // a delivery that must be refused
  std::string ugc = UGC_BINARY;
  bool forward = false;
};

// The user's tracker, for --forward on: answers 200 and counts distinct ids.
class SoakTracker {
 public:
  SoakTracker() {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard hold(mu_);
      ids_.insert(req.get_header_value("TokPortal-Event-Id"));
      ++deliveries_;
      res.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~SoakTracker() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::size_t distinct() {
    std::lock_guard hold(mu_);
    return ids_.size();
  }
  std::size_t deliveries() {
    std::lock_guard hold(mu_);
    return deliveries_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::set<std::string> ids_;
  std::size_t deliveries_ = 0;
};

struct PlannedDelivery {
  std::string body, signature, event_id;
  int expect;  // 200 or 401
};

struct ThreadOutcome {
  std::vector<double> latencies_ms;
  int unexpected = 0;  // answers other than the planned status (or no answer)
};

SoakOptions parse_soak_options(int argc, char** argv) {
  SoakOptions o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--deliveries") o.deliveries = std::atoi(value.c_str());
    else if (flag == "--threads") o.threads = std::max(1, std::atoi(value.c_str()));
    else if (flag == "--ugc") o.ugc = value;
    else if (flag == "--forward") o.forward = value == "on";
    else std::fprintf(stderr, "ignoring unknown flag %s\n", flag.c_str());
  }
  return o;
}

// Each thread's deliveries, signed up front so that signing is not timed.
// Event ids are unique per thread; replays come from the same thread's
// earlier events, so every replay follows its original on the wire.
std::vector<std::vector<PlannedDelivery>> plan_deliveries(const SoakOptions& o, const std::string& secret,
                                                          std::set<std::string>& valid_ids,
                                                          std::set<std::string>& forged_ids) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> coin(0, 1);
  std::vector<std::vector<PlannedDelivery>> plan(o.threads);
  const auto now = ugc::testing::unix_now();
  for (int n = 0; n < o.deliveries; ++n) {
    const int t = n % o.threads;
    auto& mine = plan[t];
    const double roll = coin(rng);
    const std::string id = "evt_soak_" + std::to_string(n);
    if (roll < o.forgery_rate) {
      std::string body = ugc::testing::webhook_body(id);
      std::string signature;
      switch (n % 3) {
        case 0: signature = ugc::testing::webhook_signature_header(secret, now, body); body[body.size() - 3] ^= 1; break;
        case 1: signature = ugc::testing::webhook_signature_header("whsec_wrong", now, body); break;
        default: signature = ugc::testing::webhook_signature_header(secret, now - 3600, body); break;
      }
      forged_ids.insert(id);
      mine.push_back({body, signature, id, 401});
    } else if (roll < o.forgery_rate + o.replay_rate && !mine.empty() && mine.back().expect == 200) {
      std::uniform_int_distribution<std::size_t> pick(0, mine.size() - 1);
      PlannedDelivery again = mine[pick(rng)];
      if (again.expect != 200) again = mine.back();
      mine.push_back(again);
    } else {
      const std::string body = ugc::testing::webhook_body(id);
      valid_ids.insert(id);
      mine.push_back({body, ugc::testing::webhook_signature_header(secret, now, body), id, 200});
    }
  }
  return plan;
}

ThreadOutcome send_all(int port, const std::vector<PlannedDelivery>& deliveries) {
  ThreadOutcome out;
  out.latencies_ms.reserve(deliveries.size());
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(30, 0);
  for (const auto& d : deliveries) {
    const httplib::Headers headers = {{"TokPortal-Event-Id", d.event_id},
                                      {"TokPortal-Event-Type", "bundle.published"},
                                      {"TokPortal-Signature", d.signature}};
    const auto start = SteadyClock::now();
    auto res = client.Post("/webhooks/tokportal", headers, d.body, "application/json");
    out.latencies_ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
    if (!res || res->status != d.expect) ++out.unexpected;
  }
  return out;
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto at = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[at];
}

}  // namespace

int main(int argc, char** argv) {
  const SoakOptions o = parse_soak_options(argc, argv);
  ugc::testing::TempDir dir;
  const std::string secret = "whsec_soak_0123456789abcdef";
  const std::string state_path = dir.file("state.db");
  std::unique_ptr<SoakTracker> tracker;
  std::vector<std::string> args = {o.ugc, "webhooks", "serve", "--port", "0", "--state", state_path};
  if (o.forward) {
    tracker = std::make_unique<SoakTracker>();
    args.insert(args.end(), {"--forward", tracker->url()});
  }
  ugc::testing::ListeningProcess receiver(
      args, {{"UGC_WEBHOOK_SECRET", secret}, {"UGC_FORWARD_SECRET", "soak-tracker-secret-0123"}});
  if (!receiver.error().empty()) {
    std::fprintf(stderr, "receiver did not start: %s\n", receiver.error().c_str());
    return 1;
  }
  std::set<std::string> valid_ids, forged_ids;
  const auto plan = plan_deliveries(o, secret, valid_ids, forged_ids);

  std::vector<ThreadOutcome> outcomes(o.threads);
  std::vector<std::thread> threads;
  const auto started = SteadyClock::now();
  for (int t = 0; t < o.threads; ++t)
    threads.emplace_back([&, t] { outcomes[t] = send_all(receiver.port(), plan[t]); });
  for (auto& th : threads) th.join();
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();

  std::vector<double> all;
  int unexpected = 0;
  for (auto& out : outcomes) {
    all.insert(all.end(), out.latencies_ms.begin(), out.latencies_ms.end());
    unexpected += out.unexpected;
  }
  std::sort(all.begin(), all.end());
  const int replays = o.deliveries - static_cast<int>(valid_ids.size() + forged_ids.size());
  std::printf("webhook soak: %d deliveries (%zu new events, %d replays, %zu forgeries) from %d threads in %.2f s\n",
              o.deliveries, valid_ids.size(), replays, forged_ids.size(), o.threads, seconds);
  std::printf("  throughput %.0f deliveries/s; latency ms p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
              static_cast<double>(all.size()) / seconds, percentile(all, 0.50), percentile(all, 0.90),
              percentile(all, 0.99), all.empty() ? 0.0 : all.back());
  std::printf("  answers other than planned (200 valid or replay, 401 forgery): %d\n", unexpected);
  bool forwarded_all = true;
  if (tracker) {
    const auto last_delivery = SteadyClock::now();
    while (tracker->distinct() < valid_ids.size() && SteadyClock::now() - last_delivery < std::chrono::minutes(2))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::printf("  forwarding: %zu of %zu events reached the tracker (%zu deliveries), %.2f s after the last delivery\n",
                tracker->distinct(), valid_ids.size(), tracker->deliveries(),
                std::chrono::duration<double>(SteadyClock::now() - last_delivery).count());
    forwarded_all = tracker->distinct() == valid_ids.size();
  }

  receiver.stop();
  std::printf("  receiver: %s", receiver.output().substr(receiver.output().find("ugc webhooks: stopped")).c_str());
  auto store = ugc::state::Store::open(state_path, {ugc::state::Access::read_only}, ugc::make_system_clock());
  if (!store) {
    std::fprintf(stderr, "cannot open the state: %s\n", store.error().message().c_str());
    return 1;
  }
  auto events = ugc::state::recent_events(*store, o.deliveries + 1);
  if (!events) return 1;
  std::map<std::string, int> times;
  for (const auto& e : *events) ++times[e.event_id];
  int missing = 0, doubled = 0, forged = 0;
  for (const auto& id : valid_ids) missing += times.count(id) == 0 ? 1 : 0;
  for (const auto& [id, n] : times) {
    doubled += n > 1 ? 1 : 0;
    forged += forged_ids.count(id);
  }
  const bool exact = missing == 0 && doubled == 0 && forged == 0 && times.size() == valid_ids.size();
  std::printf("  state: %zu events stored; valid missing %d, stored twice %d, forged stored %d -> %s\n", times.size(),
              missing, doubled, forged, exact ? "every valid event exactly once" : "MISMATCH");
  return exact && unexpected == 0 && forwarded_all ? 0 : 1;
}
