// Conformance of the simulator's webhook endpoints (docs/tokportal-api.md §9) over
// real loopback HTTP, with deliveries received by a real httplib::Server and
// signatures checked by an independent openssl script.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <vector>

#include "lifecycle_fixture.hpp"

using lifetest::body_of;
using lifetest::error_code;
using lifetest::eventually;
using lifetest::Json;
using lifetest::Sim;

namespace {

using Received = lifetest::ReceivedDelivery;
using Receiver = lifetest::HookReceiver;

Json create_webhook(Sim& sim, const std::string& url, Json events = Json::array({"webhook.test"})) {
  auto r = sim.post("/webhooks", Json{{"url", url}, {"events", events}, {"description", "test receiver"}});
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 201, r->body);
  return Json::parse(r->body)["data"];
}

Json deliveries(Sim& sim, const std::string& id, const std::string& query = "") {
  auto r = sim.get("/webhooks/" + id + "/deliveries" + query);
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  return Json::parse(r->body);
}

// Runs tests/sim/verify_webhook_signature.sh; returns its exit status.
int verify_with_script(const std::string& secret, const std::string& header, const std::string& body) {
  char path[] = "/tmp/ugc-webhook-body-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  FILE* f = fdopen(fd, "wb");
  std::fwrite(body.data(), 1, body.size(), f);
  std::fclose(f);
  const std::string cmd = std::string("sh '") + UGC_SOURCE_DIR + "/tests/sim/verify_webhook_signature.sh' '" +
                          secret + "' '" + header + "' '" + path + "' 2>/dev/null";
  const int status = std::system(cmd.c_str());
  std::remove(path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

lifetest::Json fast_retry_options(int attempts) {
  return Json{{"webhook_backoff_ms", "20"}, {"webhook_max_attempts", std::to_string(attempts)}};
}

ugc::sim::SimOptions options_with(const Json& ext) {
  std::map<std::string, std::string> m;
  for (auto it = ext.begin(); it != ext.end(); ++it) m[it.key()] = it.value().get<std::string>();
  return lifetest::sim_options(m);
}

}  // namespace

TEST_CASE("GET /webhooks/events lists the 34 event types with emitted flags and the signature scheme") {
  Sim sim;
  Json data = body_of(sim.get("/webhooks/events"))["data"];
  REQUIRE(data["events"].size() == 34);
  int emitted = 0;
  bool has_banned = false;
  for (const auto& e : data["events"]) {
    CHECK(e["type"].is_string());
    CHECK(e["emitted"].is_boolean());
    CHECK(e["example_payload"]["type"] == e["type"]);
    emitted += e["emitted"].get<bool>() ? 1 : 0;
    has_banned = has_banned || e["type"] == "account.banned";
  }
  CHECK(has_banned);
  CHECK(emitted >= 10);
  CHECK(data["signature"]["header"] == "TokPortal-Signature");
}

TEST_CASE("POST /webhooks returns the signing secret only at creation") {
  Sim sim;
  Json created = create_webhook(sim, "https://hooks.example.com/tokportal", Json::array({"account.banned"}));
  CHECK(created["signing_secret"].get<std::string>().starts_with("whsec_"));
  CHECK(created["enabled"] == true);
  CHECK(created["events"] == Json::array({"account.banned"}));
  const std::string id = created["id"];

  Json got = body_of(sim.get("/webhooks/" + id))["data"];
  CHECK(got["id"] == id);
  CHECK_FALSE(got.contains("signing_secret"));
  Json list = body_of(sim.get("/webhooks"));
  REQUIRE(list["data"].size() == 1);
  CHECK_FALSE(list["data"][0].contains("signing_secret"));
  CHECK(list["pagination"]["total"] == 1);
}

TEST_CASE("POST /webhooks validation errors") {
  Sim sim;
  auto create = [&](const Json& body) { return sim.post("/webhooks", body); };
  auto r = create(Json{{"events", {"bundle.created"}}});
  CHECK(r->status == 400);
  CHECK(error_code(r) == "VALIDATION_ERROR");
  r = create(Json{{"url", "http://hooks.example.com/x"}, {"events", {"bundle.created"}}});
  CHECK(r->status == 400);
  CHECK(error_code(r) == "VALIDATION_ERROR");
  r = create(Json{{"url", "https://h.example.com"}, {"events", Json::array()}});
  CHECK(error_code(r) == "VALIDATION_ERROR");
  r = create(Json{{"url", "https://h.example.com"}, {"events", {"bundle.created", "bundle.exploded"}}});
  CHECK(r->status == 400);
  CHECK(body_of(r)["error"]["details"]["invalid_events"] == Json::array({"bundle.exploded"}));
  r = create(Json{{"url", "https://h.example.com"}, {"events", {"bundle.created"}}, {"secret", "x"}});
  CHECK(r->status == 400);
  CHECK(error_code(r) == "UNKNOWN_FIELD");
  r = create(Json{{"url", "https://h.example.com"}, {"events", {"bundle.created"}}, {"description", std::string(501, 'x')}});
  CHECK(error_code(r) == "VALIDATION_ERROR");

  // Sensitive operation: an Idempotency-Key is refused before anything runs.
  auto headers = sim.headers();
  headers.emplace("Idempotency-Key", "k1");
  r = sim.client->Post("/api/ext/webhooks", headers,
                       Json{{"url", "https://h.example.com"}, {"events", {"bundle.created"}}}.dump(), "application/json");
  CHECK(r->status == 400);
  CHECK(error_code(r) == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
  CHECK(body_of(sim.get("/webhooks"))["pagination"]["total"] == 0);
}

TEST_CASE("GET /webhooks filters by enabled and event, and paginates") {
  Sim sim;
  create_webhook(sim, "https://a.example.com", Json::array({"bundle.created"}));
  Json b = create_webhook(sim, "https://b.example.com", Json::array({"account.banned", "bundle.cancelled"}));
  create_webhook(sim, "https://c.example.com", Json::array({"account.banned"}));
  REQUIRE(sim.patch("/webhooks/" + b["id"].get<std::string>(), Json{{"enabled", false}})->status == 200);

  CHECK(body_of(sim.get("/webhooks?event=account.banned"))["pagination"]["total"] == 2);
  Json disabled = body_of(sim.get("/webhooks?enabled=false"));
  REQUIRE(disabled["data"].size() == 1);
  CHECK(disabled["data"][0]["id"] == b["id"]);
  CHECK(body_of(sim.get("/webhooks?enabled=true&event=account.banned"))["pagination"]["total"] == 1);

  Json page2 = body_of(sim.get("/webhooks?per_page=2&page=2"));
  CHECK(page2["data"].size() == 1);
  CHECK(page2["pagination"] == Json{{"page", 2}, {"per_page", 2}, {"total", 3}, {"total_pages", 2}});
  CHECK(sim.get("/webhooks?per_page=0")->status == 400);
  CHECK(sim.get("/webhooks?per_page=101")->status == 400);
  CHECK(error_code(sim.get("/webhooks?enabled=maybe")) == "VALIDATION_ERROR");
  CHECK(error_code(sim.get("/webhooks?event=nope")) == "VALIDATION_ERROR");
}

TEST_CASE("PATCH and DELETE /webhooks/{id}") {
  Sim sim;
  Json w = create_webhook(sim, "https://a.example.com", Json::array({"bundle.created"}));
  const std::string id = w["id"];
  auto r = sim.patch("/webhooks/" + id, Json{{"description", nullptr}, {"events", {"bundle.published"}}});
  REQUIRE(r->status == 200);
  Json data = body_of(r)["data"];
  CHECK(data["description"].is_null());
  CHECK(data["events"] == Json::array({"bundle.published"}));
  CHECK(data["url"] == "https://a.example.com");

  CHECK(error_code(sim.patch("/webhooks/" + id, Json::object())) == "VALIDATION_ERROR");
  CHECK(error_code(sim.patch("/webhooks/" + id, Json{{"enabled", "yes"}})) == "VALIDATION_ERROR");
  CHECK(error_code(sim.patch("/webhooks/" + id, Json{{"signing_secret", "x"}})) == "UNKNOWN_FIELD");
  auto missing = sim.patch("/webhooks/00000000-0000-4000-8000-000000000000", Json{{"enabled", false}});
  CHECK(missing->status == 404);
  CHECK(error_code(missing) == "WEBHOOK_NOT_FOUND");

  r = sim.del("/webhooks/" + id);
  CHECK(r->status == 204);
  CHECK(r->body.empty());
  r = sim.del("/webhooks/" + id);
  CHECK(r->status == 404);
  CHECK(error_code(r) == "WEBHOOK_NOT_FOUND");
  CHECK(sim.get("/webhooks/" + id)->status == 404);
}

TEST_CASE("a test delivery is signed as the contract says, an independent openssl check verifies it") {
  Receiver receiver;
  Sim sim;
  Json w = create_webhook(sim, receiver.url());
  const std::string secret = w["signing_secret"];
  auto r = sim.post("/webhooks/" + w["id"].get<std::string>() + "/test");
  REQUIRE(r->status == 200);
  const std::string event_id = body_of(r)["data"]["event_id"];

  REQUIRE(eventually([&] { return !receiver.got().empty(); }));
  Received got = receiver.got().front();
  CHECK(got.event_id == event_id);
  CHECK(got.event_type == "webhook.test");
  Json envelope = Json::parse(got.body);
  CHECK(envelope["id"] == event_id);
  CHECK(envelope["type"] == "webhook.test");
  CHECK(envelope["api_version"] == "2026-05-25");
  CHECK(envelope["created_at"].get<std::string>().starts_with("2027-03-01T"));
  CHECK(envelope["data"].is_object());
  CHECK(got.signature.starts_with("t="));

  CHECK(verify_with_script(secret, got.signature, got.body) == 0);
  CHECK(verify_with_script(secret, got.signature, got.body + " ") == 1);
  CHECK(verify_with_script(secret + "x", got.signature, got.body) == 1);

  // The deliveries log records the success.
  REQUIRE(eventually([&] {
    return deliveries(sim, w["id"])["data"][0]["status"] == "succeeded";
  }));
  Json d = deliveries(sim, w["id"])["data"][0];
  CHECK(d["success"] == true);
  CHECK(d["attempts"] == 1);
  CHECK(d["response_status_code"] == 200);
  CHECK(d["event_id"] == event_id);
  CHECK(d["payload"]["id"] == event_id);
}

TEST_CASE("failed deliveries are retried with backoff under the same event id") {
  Receiver receiver(2);  // 500, 500, then 200
  Sim sim(options_with(fast_retry_options(5)));
  Json w = create_webhook(sim, receiver.url());
  const std::string id = w["id"];
  REQUIRE(sim.post("/webhooks/" + id + "/test")->status == 200);
  REQUIRE(eventually([&] { return deliveries(sim, id)["data"][0]["status"] == "succeeded"; }));
  Json d = deliveries(sim, id)["data"][0];
  CHECK(d["attempts"] == 3);
  auto got = receiver.got();
  REQUIRE(got.size() == 3);
  CHECK(got[0].event_id == got[2].event_id);
  CHECK(got[0].body == got[2].body);
  CHECK(verify_with_script(w["signing_secret"], got[2].signature, got[2].body) == 0);

  CHECK(deliveries(sim, id, "?success=true")["pagination"]["total"] == 1);
  CHECK(deliveries(sim, id, "?success=false")["pagination"]["total"] == 0);
  CHECK(deliveries(sim, id, "?event_type=webhook.test")["pagination"]["total"] == 1);
  CHECK(deliveries(sim, id, "?event_type=bundle.created")["pagination"]["total"] == 0);
  CHECK(error_code(sim.get("/webhooks/" + id + "/deliveries?success=1")) == "VALIDATION_ERROR");
}

TEST_CASE("attempts are bounded, a manual retry sends the delivery again") {
  Receiver receiver(-1);  // always 500
  Sim sim(options_with(fast_retry_options(3)));
  Json w = create_webhook(sim, receiver.url());
  const std::string id = w["id"];
  REQUIRE(sim.post("/webhooks/" + id + "/test")->status == 200);
  REQUIRE(eventually([&] { return deliveries(sim, id)["data"][0]["status"] == "failed"; }));
  Json d = deliveries(sim, id)["data"][0];
  CHECK(d["attempts"] == 3);
  CHECK(d["success"] == false);
  CHECK(d["response_status_code"] == 500);
  CHECK(d["error"].is_string());
  CHECK(receiver.got().size() == 3);

  receiver.set_fail_first(0);
  auto r = sim.post("/webhooks/" + id + "/deliveries/" + d["id"].get<std::string>() + "/retry");
  REQUIRE(r->status == 200);
  REQUIRE(eventually([&] { return deliveries(sim, id)["data"][0]["status"] == "succeeded"; }));
  CHECK(deliveries(sim, id)["data"][0]["attempts"] == 4);
  CHECK(receiver.got().back().event_id == d["event_id"]);

  r = sim.post("/webhooks/" + id + "/deliveries/nope/retry");
  CHECK(r->status == 404);
  CHECK(error_code(r) == "DELIVERY_NOT_FOUND");
  CHECK(error_code(sim.post("/webhooks/nope/test")) == "WEBHOOK_NOT_FOUND");
  CHECK(error_code(sim.get("/webhooks/nope/deliveries")) == "WEBHOOK_NOT_FOUND");
}

TEST_CASE("lifecycle events reach subscribed, enabled endpoints only, and are pollable") {
  Receiver subscribed, disabled;
  Sim sim;
  Json a = create_webhook(sim, subscribed.url(), Json::array({"bundle.published", "account.in_review"}));
  Json b = create_webhook(sim, disabled.url(), Json::array({"bundle.published"}));
  REQUIRE(sim.patch("/webhooks/" + b["id"].get<std::string>(), Json{{"enabled", false}})->status == 200);

  const std::string bundle = sim.published_bundle(1);
  sim.advance_days(2);  // accepted, then the account is delivered (in_review)
  REQUIRE(eventually([&] { return subscribed.got().size() >= 2; }));
  std::vector<std::string> types;
  for (const auto& g : subscribed.got()) {
    types.push_back(g.event_type);
    CHECK(verify_with_script(a["signing_secret"], g.signature, g.body) == 0);
  }
  CHECK(types == std::vector<std::string>{"bundle.published", "account.in_review"});
  Json in_review = Json::parse(subscribed.got()[1].body)["data"];
  CHECK(in_review["bundle_id"] == bundle);
  CHECK(in_review["saved_account_id"].is_string());
  CHECK(disabled.got().empty());

  // Polling: every event, in order, with a watermark.
  Json all = sim.events();
  REQUIRE(all.size() >= 2);
  CHECK(all[0]["seq"] == 1);
  const long last = all.back()["seq"];
  CHECK(sim.events(last).empty());
  auto r = sim.client->Get("/__sim/events");
  CHECK(r->status == 401);
}
