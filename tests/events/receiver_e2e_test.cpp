// `ugc webhooks serve` end to end, over loopback, as a real child process
// (UGC_BINARY): stored once, forgeries refused, limits that keep memory flat
// and workers free, and a real `ugc sim` delivering to it.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "receiver_process.hpp"
#include "support/raw_connection.hpp"

using ugc::Json;
using ugc::testing::RawConnection;
using ugc::testing::ServedReceiver;
using ugc::testing::signed_delivery;
using ugc::testing::unix_now;
using ugc::testing::webhook_signature_header;

namespace {

int status_of(const httplib::Result& r) { return r ? r->status : -1; }

}  // namespace

TEST_CASE("a signed delivery is stored once however often it is replayed, also after a restart") {
  ServedReceiver receiver;
  auto client = receiver.client();
  const auto d = signed_delivery(receiver.secret(), "evt_replayed_1");
  auto first = ServedReceiver::deliver(*client, d);
  REQUIRE(status_of(first) == 200);
  CHECK(Json::parse(first->body)["duplicate"] == false);
  int answered_2xx = 0;
  for (int i = 0; i < 100; ++i) {
    auto again = ServedReceiver::deliver(*client, d);
    answered_2xx += status_of(again) == 200 && Json::parse(again->body)["duplicate"] == true ? 1 : 0;
  }
  CHECK(answered_2xx == 100);
  auto stored = receiver.stored();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].event_id == "evt_replayed_1");
  CHECK(stored[0].type == "bundle.published");
  CHECK(stored[0].payload["data"]["external_ref"] == "spring/FR/tiktok/1");

  CHECK(receiver.stop() == 0);
  CHECK(receiver.output().find("1 stored, 100 duplicates") != std::string::npos);
  CHECK(receiver.output().find(receiver.secret()) == std::string::npos);  // not even at debug level

  receiver.start();  // same state file
  auto after_restart = receiver.client();
  const auto redelivered = signed_delivery(receiver.secret(), "evt_replayed_1");  // fresh t, same event
  auto r = ServedReceiver::deliver(*after_restart, redelivered);
  REQUIRE(status_of(r) == 200);
  CHECK(Json::parse(r->body)["duplicate"] == true);
  CHECK(receiver.stored().size() == 1);
}

TEST_CASE("forged, stale and malformed deliveries are refused with 401 or 400 and store nothing") {
  ServedReceiver receiver;
  auto client = receiver.client();
  const std::string& secret = receiver.secret();
  const auto d = signed_delivery(secret, "evt_forged");
  std::string tampered = d.body;
  tampered.replace(tampered.find("published\"}"), 9, "cancelled");
  const std::string not_json = "{not json";

  struct Forgery {
    const char* what;
    std::string body;
    std::optional<std::string> signature, event_id;
    int status;
  };
  const std::vector<Forgery> forgeries = {
      {"tampered body", tampered, d.signature, d.event_id, 401},
      {"wrong secret", d.body, webhook_signature_header("whsec_someone_else", unix_now(), d.body), d.event_id, 401},
      {"stale timestamp", d.body, webhook_signature_header(secret, unix_now() - 301, d.body), d.event_id, 401},
      // Well past the 300 s tolerance: the receiver's clock reads later than ours, so +301
      // signed in one second can be +300 (accepted) by the time it is checked.
      {"future timestamp", d.body, webhook_signature_header(secret, unix_now() + 330, d.body), d.event_id, 401},
      {"missing signature", d.body, std::nullopt, d.event_id, 401},
      {"malformed signature", d.body, std::string("t=soon,v1=abc"), d.event_id, 401},
      {"header id differs from body id", d.body, d.signature, std::string("evt_other"), 401},
      {"signed body that is not an event", not_json, webhook_signature_header(secret, unix_now(), not_json),
       std::nullopt, 400},
  };
  for (const auto& f : forgeries) {
    CAPTURE(f.what);
    auto r = ServedReceiver::deliver(*client, f.body, f.signature, f.event_id);
    CHECK(status_of(r) == f.status);
  }
  CHECK(status_of(client->Get("/webhooks/tokportal")) == 405);
  CHECK(receiver.stored().empty());

  // The receiver took all that and still serves a genuine delivery.
  auto fresh = receiver.client();
  CHECK(status_of(ServedReceiver::deliver(*fresh, d)) == 200);
  CHECK(receiver.stored().size() == 1);
}

TEST_CASE("a 10 MB body is answered 413 unread and oversized heads 431, with the receiver's memory flat") {
  ServedReceiver receiver;
  const long rss_before = receiver.rss_kib();
  REQUIRE(rss_before > 0);
  constexpr std::size_t kTenMiB = 10u << 20;
  {
    // Only the head is sent: the answer comes from it, before any body byte.
    RawConnection c(receiver.port());
    REQUIRE(c.connected());
    REQUIRE(c.send("POST /webhooks/tokportal HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(kTenMiB) +
                   "\r\n\r\n"));
    const std::string answer = c.receive(std::chrono::seconds(5));
    CHECK(answer.rfind("HTTP/1.1 413 ", 0) == 0);
    CHECK(c.closed_by_peer());
  }
  {
    // A client that pushes the whole 10 MB anyway: the receiver stops reading and closes.
    RawConnection c(receiver.port());
    REQUIRE(c.connected());
    std::size_t sent = 0;
    const std::string chunk(64 * 1024, 'x');
    if (c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(kTenMiB) + "\r\n\r\n"))
      while (sent < kTenMiB && c.send(chunk)) sent += chunk.size();
    CHECK(sent < kTenMiB);  // the connection was cut before the body was through
  }
  {
    // 100,000 header fields, and one 10 MB header line: cut off at the head limit.
    RawConnection many(receiver.port());
    REQUIRE(many.connected());
    std::string head = "POST / HTTP/1.1\r\n";
    for (int i = 0; i < 100000 && head.size() < (1u << 20); ++i) head += "X-H" + std::to_string(i) + ": v\r\n";
    many.send(head);
    CHECK(many.receive(std::chrono::seconds(5)).rfind("HTTP/1.1 431 ", 0) == 0);
    RawConnection line(receiver.port());
    REQUIRE(line.connected());
    line.send("POST / HTTP/1.1\r\nX-Big: ");
    std::size_t sent = 0;
    const std::string chunk(64 * 1024, 'a');
    while (sent < kTenMiB && line.send(chunk)) sent += chunk.size();
    CHECK(sent < kTenMiB);
  }
  const long rss_after = receiver.rss_kib();
  CAPTURE(rss_before);
  CAPTURE(rss_after);
  CHECK(rss_after - rss_before < 4 * 1024);  // far below the 10 MB offered, twice
  auto client = receiver.client();
  CHECK(status_of(ServedReceiver::deliver(*client, signed_delivery(receiver.secret(), "evt_after_flood"))) == 200);
}

TEST_CASE("50 slow connections neither hold back valid deliveries nor outlive the read timeout") {
  ServedReceiver receiver({"--read-timeout-ms", "800"});
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<RawConnection>(receiver.port()));
    REQUIRE(slow.back()->connected());
    REQUIRE(slow.back()->send("POST /webhooks/tokportal HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  }
  // They keep trickling a byte every 100 ms, which a per-read timeout would never cut.
  std::atomic<bool> trickling{true};
  std::thread trickle([&] {
    while (trickling) {
      for (auto& c : slow) c->send("a");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  auto client = receiver.client();
  int served = 0;
  for (int i = 0; i < 20; ++i)
    served += status_of(ServedReceiver::deliver(*client, signed_delivery(receiver.secret(), "evt_busy_" + std::to_string(i)))) == 200;
  CHECK(served == 20);

  int cut_off = 0;
  for (auto& c : slow) {
    c->receive(std::chrono::seconds(5));
    cut_off += c->closed_by_peer() ? 1 : 0;
  }
  trickling = false;
  trickle.join();
  CHECK(cut_off == 50);
  CHECK(receiver.stored().size() == 20);
}

TEST_CASE("ugc sim delivers signed webhooks that the receiver stores, a retried delivery once") {
  ugc::testing::SimProcess sim;
  REQUIRE_MESSAGE(sim.error().empty(), sim.error());
  httplib::Client api(sim.root_url());
  api.set_read_timeout(10, 0);
  const httplib::Headers key = {{"X-API-Key", ugc::testing::kTestApiKey}};
  // The secret comes only at creation, the receiver needs it to start, and the
  // URL needs the receiver's port: create with a placeholder URL, then point it.
  auto created = api.Post("/api/ext/webhooks", key,
                          Json{{"url", "http://127.0.0.1:9/placeholder"}, {"events", {"webhook.test"}}}.dump(),
                          "application/json");
  REQUIRE(status_of(created) == 201);
  const Json endpoint = Json::parse(created->body)["data"];
  const std::string id = endpoint["id"];
  ServedReceiver receiver({}, endpoint["signing_secret"].get<std::string>());
  REQUIRE(status_of(api.Patch("/api/ext/webhooks/" + id, key,
                              Json{{"url", receiver.url() + "/webhooks/tokportal"}}.dump(), "application/json")) == 200);

  auto test = api.Post("/api/ext/webhooks/" + id + "/test", key, "", "application/json");
  REQUIRE(status_of(test) == 200);
  const Json sent = Json::parse(test->body)["data"];
  const std::string event_id = sent["event_id"];
  std::string last_list;
  const Json delivered = [&] {
    for (int i = 0; i < 500; ++i) {
      auto list = api.Get("/api/ext/webhooks/" + id + "/deliveries", key);
      if (status_of(list) == 200) {
        last_list = list->body;
        const Json page = Json::parse(list->body);
        for (const auto& d : page["data"])
          if (d["status"] == "succeeded") return d;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Json();
  }();
  REQUIRE_MESSAGE(!delivered.is_null(), std::string(receiver.output() + last_list));
  CHECK(delivered["response_status_code"] == 200);
  auto stored = receiver.stored();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].event_id == event_id);
  CHECK(stored[0].type == "webhook.test");

  // A manual retry sends the same event again: answered 2xx, stored once.
  REQUIRE(status_of(api.Post("/api/ext/webhooks/" + id + "/deliveries/" + sent["delivery_id"].get<std::string>() +
                                 "/retry",
                             key, "", "application/json")) == 200);
  bool redelivered = false;
  for (int i = 0; i < 500 && !redelivered; ++i) {
    redelivered = receiver.output().find("webhook event " + event_id + " webhook.test: duplicate") != std::string::npos;
    if (!redelivered) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(redelivered);
  CHECK(receiver.stored().size() == 1);
}

TEST_CASE("ugc webhooks serve refuses to start without a private secret") {
  ugc::testing::TempDir dir;
  const std::string secret_file = dir.file("secret");
  std::ofstream(secret_file) << "whsec_readable_by_all\n";
  ::chmod(secret_file.c_str(), 0644);
  const std::vector<std::string> serve = {UGC_BINARY, "webhooks", "serve", "--port", "0", "--state", dir.file("s.db")};
  auto with_file = serve;
  with_file.insert(with_file.end(), {"--secret-file", secret_file});
  ugc::testing::RunOptions no_env_secret;
  no_env_secret.env = {{"UGC_WEBHOOK_SECRET", ""}};
  no_env_secret.timeout = std::chrono::seconds(20);
  auto shared = ugc::testing::run_process(with_file, no_env_secret);
  CHECK(shared.exit_code == 1);
  CHECK(shared.err.find("chmod 600") != std::string::npos);
  CHECK(shared.err.find("whsec_readable_by_all") == std::string::npos);
  auto none = ugc::testing::run_process(serve, no_env_secret);
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("UGC_WEBHOOK_SECRET") != std::string::npos);
  // A secret given as a flag value is not an option at all.
  auto as_flag = ugc::testing::run_process(
      {UGC_BINARY, "webhooks", "serve", "--secret", "whsec_x", "--state", dir.file("s.db")}, no_env_secret);
  CHECK(as_flag.exit_code != 0);
}
