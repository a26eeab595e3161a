// Forwarding survives crashes: a real `ugc webhooks serve --forward` and a
// real tracker process (ugc_forward_target), both SIGKILLed at seeded random
// points during a stream of signed deliveries, restarted, and in the end
// every acknowledged event is in the tracker's log and the outbox is empty.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "events/receiver_process.hpp"
#include "support/child_process.hpp"
#include "support/signed_delivery.hpp"
#include "support/temp_dir.hpp"

using namespace ugc;
using namespace ugc::testing;

namespace {

constexpr const char* kTrackerSecret = "tracker-own-secret-5b21";

// The tracker stand-in, restartable on the same port (the receiver's --forward URL).
class TrackerProcess {
 public:
  explicit TrackerProcess(std::string log_path) : log_path_(std::move(log_path)) { start(0); }
  void start(int port) {
    process_.reset();
    process_ = std::make_unique<ListeningProcess>(
        std::vector<std::string>{UGC_FORWARD_TARGET, "--port", std::to_string(port), "--log", log_path_},
        std::map<std::string, std::string>{{"FORWARD_TARGET_SECRET", kTrackerSecret}});
    REQUIRE_MESSAGE(process_->error().empty(), process_->error());
    port_ = process_->port();
  }
  void kill() {
    ::kill(process_->pid(), SIGKILL);
    process_.reset();
  }
  bool running() const { return process_ != nullptr; }
  void restart() { start(port_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks/ugc"; }
  // Event ids the tracker took, with repeats.
  std::multiset<std::string> received() const {
    std::ifstream in(log_path_);
    std::multiset<std::string> ids;
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) ids.insert(line);
    return ids;
  }

 private:
  std::string log_path_;
  int port_ = 0;
  std::unique_ptr<ListeningProcess> process_;
};

std::string write_private_secret(const TempDir& dir) {
  const std::string path = dir.file("forward-secret");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  REQUIRE(fd >= 0);
  const std::string text = std::string(kTrackerSecret) + "\n";
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fd);
  return path;
}

// `ugc events list --pending --format json` on the receiver's state file.
Json pending_rows(const std::string& state_path) {
  auto run = run_process({UGC_BINARY, "events", "list", "--pending", "--format", "json", "--state", state_path});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  return Json::parse(run.out);
}

}  // namespace

TEST_CASE("forwarding: receiver and tracker killed at random lose no event, and the outbox ends empty") {
  TempDir dir;
  TrackerProcess tracker(dir.file("tracker.log"));
  const std::string secret_file = write_private_secret(dir);
  ServedReceiver receiver({"--forward", tracker.url(), "--forward-secret-file", secret_file,
                           "--forward-max-backoff-ms", "200"});

  constexpr int kEvents = 120;
  std::mt19937 rng(20261202);
  // Five kills at distinct random points, at least one of each process.
  std::map<int, bool> kill_receiver_at;
  while (kill_receiver_at.size() < 5) {
    const int at = 5 + static_cast<int>(rng() % (kEvents - 10));
    const bool receiver_dies = kill_receiver_at.empty() || (kill_receiver_at.size() > 1 && rng() % 2 == 0);
    kill_receiver_at.emplace(at, receiver_dies);
  }
  int tracker_back_at = -1;
  std::vector<std::string> acknowledged, refused;
  auto client = receiver.client();
  for (int i = 0; i < kEvents; ++i) {
    if (i == tracker_back_at) tracker.restart();
    const auto kill = kill_receiver_at.find(i);
    if (kill != kill_receiver_at.end()) {
      // Let the forwarder be somewhere in a send or a settle.
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 40));
      if (kill->second) {
        ::kill(receiver.pid(), SIGKILL);
        receiver.start();
        client = receiver.client();
      } else if (tracker.running()) {
        tracker.kill();
        tracker_back_at = i + 1 + static_cast<int>(rng() % 8);  // down for a few deliveries
      }
    }
    const SignedDelivery d = signed_delivery(receiver.secret(), "evt-" + std::to_string(i));
    auto res = ServedReceiver::deliver(*client, d);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    acknowledged.push_back(d.event_id);
    if (i % 9 == 0) {  // a forged delivery: refused, never forwarded
      const std::string forged_id = "forged-" + std::to_string(i);
      auto forged = ServedReceiver::deliver(*client, signed_delivery("not-the-secret", forged_id));
      REQUIRE(forged);
      CHECK(forged->status == 401);
      refused.push_back(forged_id);
    }
    if (i % 7 == 3) {  // TokPortal retrying an event it already delivered
      auto again = ServedReceiver::deliver(*client, signed_delivery(receiver.secret(), acknowledged[i / 2]));
      REQUIRE(again);
      CHECK(again->status == 200);
    }
  }
  if (!tracker.running()) tracker.restart();

  Json pending = pending_rows(receiver.state_path());
  for (int poll = 0; poll < 300 && !pending.empty(); ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    pending = pending_rows(receiver.state_path());
  }
  CHECK_MESSAGE(pending.empty(), pending.dump(1));
  receiver.stop();
  CHECK(pending_rows(receiver.state_path()).empty());

  const auto received = tracker.received();
  std::set<std::string> missing;
  for (const auto& id : acknowledged)
    if (!received.count(id)) missing.insert(id);
  CHECK_MESSAGE(missing.empty(), missing.size() << " acknowledged events never reached the tracker");
  for (const auto& id : refused) CHECK(received.count(id) == 0);
  CHECK(received.size() >= static_cast<std::size_t>(kEvents));
  MESSAGE("tracker took " << received.size() << " deliveries of " << kEvents << " events");
}
