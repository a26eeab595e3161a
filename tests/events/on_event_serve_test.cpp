// `ugc webhooks serve --on-event` end to end: a real receiver process runs the
// command for each new signed event on its forwarding thread, the outbox
// empties, and the exit line counts what was forwarded.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "receiver_process.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using namespace ugc::testing;

namespace {

std::string on_event_file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ugc::Json on_event_pending(const std::string& state_path) {
  auto run = run_process({UGC_BINARY, "events", "list", "--pending", "--format", "json", "--state", state_path});
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  return ugc::Json::parse(run.out);
}

}  // namespace

TEST_CASE("on-event: a served receiver runs the command for each new event and empties its outbox") {
  TempDir dir;
  const std::string got = dir.file("got.json");
  ServedReceiver receiver({"--on-event", "cat >> '" + got + "' && echo >> '" + got + "'"});
  auto client = receiver.client();
  for (const char* id : {"evt_on_1", "evt_on_2"}) {
    auto res = ServedReceiver::deliver(*client, signed_delivery(receiver.secret(), id));
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  auto again = ServedReceiver::deliver(*client, signed_delivery(receiver.secret(), "evt_on_1"));
  REQUIRE(again);
  CHECK(again->status == 200);

  ugc::Json pending = on_event_pending(receiver.state_path());
  for (int poll = 0; poll < 200 && !pending.empty(); ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    pending = on_event_pending(receiver.state_path());
  }
  CHECK_MESSAGE(pending.empty(), pending.dump(1));
  CHECK(receiver.stop() == 0);
  CHECK(receiver.output().find("2 stored, 1 duplicates") != std::string::npos);
  CHECK_MESSAGE(receiver.output().find("; 2 forwarded)") != std::string::npos, receiver.output());

  std::istringstream lines(on_event_file_text(got));
  std::vector<std::string> ids;
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) ids.push_back(ugc::Json::parse(line).at("id").get<std::string>());
  CHECK(ids == std::vector<std::string>{"evt_on_1", "evt_on_2"});
}
