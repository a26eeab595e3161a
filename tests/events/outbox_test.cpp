// The forwarding outbox on a real SQLite state file and a FakeClock: rows are
// queued with the event (once), handed to targets in order per bundle, kept
// until the target takes them, and retried after a growing, jittered wait.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/events/event_writer.hpp"
#include "ugc/events/forward_backoff.hpp"
#include "ugc/events/forwarder.hpp"
#include "ugc/state/outbox.hpp"

using namespace ugc;
using namespace ugc::events;
using std::chrono::milliseconds;

namespace {

WebhookEvent outbox_test_event(const std::string& id, const std::string& bundle) {
  Json envelope{{"id", id}, {"type", "video.published"}, {"data", {{"bundle_id", bundle}}}};
  if (bundle.empty()) envelope["data"] = Json::object();
  return {id, "video.published", "2026-05-25", "2026-05-25T12:00:00Z", envelope};
}

// A target that takes every event except those told to fail, and records
// what it was handed, in order.
class ScriptedTarget : public ForwardTarget {
 public:
  explicit ScriptedTarget(std::string name) : name_(std::move(name)) {}
  const std::string& name() const override { return name_; }
  Status send(const ForwardedEvent& event) override {
    sent.push_back(event.event_id);
    attempts_seen[event.event_id] = event.attempt;
    if (unreachable) return Error(ErrorKind::transient, "connection refused");
    auto fail = failures_left.find(event.event_id);
    if (fail != failures_left.end() && fail->second > 0) {
      --fail->second;
      return Error(ErrorKind::conflict, "HTTP 500 from the tracker");
    }
    delivered.push_back(event.event_id);
    return {};
  }

  std::vector<std::string> sent, delivered;
  std::map<std::string, int> failures_left, attempts_seen;
  bool unreachable = false;

 private:
  std::string name_;
};

struct OutboxRig {
  testing::TempDir dir;
  std::shared_ptr<testing::FakeClock> clock = std::make_shared<testing::FakeClock>();
  state::Store store = open_store();
  ScriptedTarget* target = nullptr;
  std::unique_ptr<Forwarder> forwarder;

  explicit OutboxRig(ForwarderOptions options = {}) {
    auto t = std::make_unique<ScriptedTarget>("forward:http://tracker.test/hook");
    target = t.get();
    std::vector<std::unique_ptr<ForwardTarget>> targets;
    targets.push_back(std::move(t));
    options.seed = 7;
    forwarder = std::make_unique<Forwarder>(store, std::move(targets), clock, options);
  }
  state::Store open_store() {
    auto s = state::Store::open(dir.file("state.db"), {state::Access::read_write, true}, clock);
    REQUIRE_MESSAGE(s, s.error().message());
    return std::move(*s);
  }
  void receive(const std::vector<WebhookEvent>& events) {
    EventWriter writer(store, forwarder->target_names());
    for (const auto& e : events) REQUIRE(writer.record(e));
  }
  std::size_t pass() {
    auto n = forwarder->deliver_due();
    REQUIRE_MESSAGE(n, n.error().message());
    return *n;
  }
  std::vector<state::OutboxRow> pending() {
    auto rows = state::pending_outbox(store, 1000);
    REQUIRE(rows);
    return *rows;
  }
};

std::vector<std::string> of_bundle(const std::vector<std::string>& ids, char bundle) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (id[0] == bundle) out.push_back(id);
  return out;
}

}  // namespace

TEST_CASE("outbox: a failing event holds back the later events of its bundle only, which then follow in order") {
  OutboxRig rig;
  rig.receive({outbox_test_event("a1", "A"), outbox_test_event("b1", "B"), outbox_test_event("a2", "A"),
               outbox_test_event("a3", "A"), outbox_test_event("b2", "B"), outbox_test_event("n1", "")});
  rig.target->failures_left["a2"] = 2;

  CHECK(rig.pass() == 5);  // a1, b1, a2 (fails), b2, n1; a3 waits behind a2
  CHECK(rig.target->delivered == std::vector<std::string>{"a1", "b1", "b2", "n1"});
  auto pending = rig.pending();
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].event_id == "a2");
  CHECK(pending[0].attempts == 1);
  CHECK(pending[0].last_error == "HTTP 500 from the tracker");
  CHECK(pending[1].event_id == "a3");
  CHECK(pending[1].attempts == 0);

  CHECK(rig.pass() == 0);  // a2 is not due yet, and a3 stays behind it
  rig.clock->advance(std::chrono::seconds(1));
  CHECK(rig.pass() == 1);  // a2 fails again
  rig.clock->advance(std::chrono::seconds(2));
  CHECK(rig.pass() == 2);  // a2, then a3
  CHECK(rig.target->attempts_seen["a2"] == 3);
  CHECK(of_bundle(rig.target->delivered, 'a') == std::vector<std::string>{"a1", "a2", "a3"});
  CHECK(of_bundle(rig.target->sent, 'a') == std::vector<std::string>{"a1", "a2", "a2", "a2", "a3"});
  CHECK(rig.pending().empty());
}

TEST_CASE("outbox: each new event is queued once per target, a duplicate never again") {
  OutboxRig rig;
  rig.receive({outbox_test_event("e1", "A"), outbox_test_event("e1", "A"), outbox_test_event("e2", "A")});
  rig.receive({outbox_test_event("e1", "A")});  // a redelivery after a "restart"
  CHECK(rig.pending().size() == 2);
  rig.pass();
  rig.receive({outbox_test_event("e2", "A")});  // delivered already: stays delivered
  CHECK(rig.pending().empty());
  CHECK(rig.target->delivered == std::vector<std::string>{"e1", "e2"});
}

TEST_CASE("outbox: events stored while no target is configured are not queued") {
  OutboxRig rig;
  {
    EventWriter without_targets(rig.store);
    REQUIRE(without_targets.record(outbox_test_event("early", "A")));
  }
  rig.receive({outbox_test_event("late", "A")});
  rig.pass();
  CHECK(rig.target->sent == std::vector<std::string>{"late"});
}

TEST_CASE("outbox: an unreachable target is paused as a whole, then gets everything in order") {
  OutboxRig rig;
  rig.receive({outbox_test_event("a1", "A"), outbox_test_event("b1", "B"), outbox_test_event("c1", "C")});
  rig.target->unreachable = true;
  CHECK(rig.pass() == 1);  // one try, not one per bundle
  CHECK(rig.pass() == 0);
  rig.clock->advance(std::chrono::seconds(1));
  CHECK(rig.pass() == 1);
  rig.target->unreachable = false;
  rig.clock->advance(std::chrono::seconds(2));
  CHECK(rig.pass() == 3);
  CHECK(rig.target->delivered == std::vector<std::string>{"a1", "b1", "c1"});
  CHECK(rig.pending().empty());
}

TEST_CASE("outbox: the wait between attempts doubles from the first delay up to the cap, jittered in its upper half") {
  const milliseconds first{1000}, cap{30000};
  CHECK(forward_backoff(1, first, cap, 0.0) == milliseconds(500));
  CHECK(forward_backoff(1, first, cap, 0.999999) == milliseconds(999));
  CHECK(forward_backoff(2, first, cap, 0.0) == milliseconds(1000));
  CHECK(forward_backoff(4, first, cap, 0.5) == milliseconds(6000));
  CHECK(forward_backoff(5, first, cap, 1.0) == milliseconds(16000));
  CHECK(forward_backoff(6, first, cap, 1.0) == cap);
  CHECK(forward_backoff(60, first, cap, 0.0) == cap / 2);
  CHECK(forward_backoff(3, first, milliseconds(300), 1.0) == milliseconds(300));  // a cap below the first delay

  // Through the forwarder: an event failing every time is tried after waits
  // that grow and never pass the cap.
  ForwarderOptions options;
  options.max_delay = milliseconds(8000);
  OutboxRig rig(options);
  rig.receive({outbox_test_event("x", "X")});
  rig.target->failures_left["x"] = 1000;
  std::vector<milliseconds> waits;
  REQUIRE(rig.pass() == 1);  // the first failure
  for (int i = 0; i < 6; ++i) {
    const auto failed_at = rig.clock->monotonic_now();
    while (rig.pass() == 0) rig.clock->advance(milliseconds(100));  // the pass that finds it due fails it again
    waits.push_back(std::chrono::duration_cast<milliseconds>(rig.clock->monotonic_now() - failed_at));
  }
  REQUIRE(waits.size() == 6);
  // 1st..6th failure: base 1, 2, 4, 8, 8, 8 s, each jittered into [base/2, base].
  const long long bases[] = {1000, 2000, 4000, 8000, 8000, 8000};
  for (std::size_t i = 0; i < waits.size(); ++i) {
    INFO("wait " << i);
    CHECK(waits[i].count() >= bases[i] / 2);
    CHECK(waits[i].count() <= bases[i] + 100);
  }
}
