// Redelivery of an existing event (POST /__sim/redeliver) and the public event
// catalog (GET /webhooks/events without a key), over real loopback HTTP with a
// real receiver.
#include <doctest/doctest.h>

#include <mutex>
#include <vector>

#include "lifecycle_fixture.hpp"

using lifetest::body_of;
using lifetest::error_code;
using lifetest::eventually;
using lifetest::Json;
using lifetest::Sim;

namespace {

Json delivery_list(Sim& sim, const std::string& webhook_id) {
  return body_of(sim.get("/webhooks/" + webhook_id + "/deliveries"))["data"];
}

}  // namespace

TEST_CASE("POST /__sim/redeliver sends an existing event again: same event id and body, a new delivery") {
  lifetest::HookReceiver receiver;
  Sim sim;
  auto created = sim.post("/webhooks", Json{{"url", receiver.url()}, {"events", Json::array({"bundle.published"})}});
  REQUIRE(created->status == 201);
  const std::string hook = Json::parse(created->body)["data"]["id"];
  sim.published_bundle(1);
  REQUIRE(eventually([&] { return receiver.got().size() == 1; }));
  std::string event_id, created_event;
  for (const auto& e : sim.events()) {
    if (e["type"] == "bundle.published") event_id = e["id"];
    if (e["type"] == "bundle.created") created_event = e["id"];
  }
  REQUIRE(!event_id.empty());

  auto r = sim.control("/__sim/redeliver", Json{{"event_id", event_id}});
  REQUIRE_MESSAGE(r->status == 200, r->body);
  Json answer = Json::parse(r->body)["data"];
  CHECK(answer["event_id"] == event_id);
  REQUIRE(answer["deliveries"].size() == 1);
  CHECK(answer["deliveries"][0]["webhook_id"] == hook);

  REQUIRE(eventually([&] { return receiver.got().size() == 2; }));
  auto got = receiver.got();
  CHECK(got[0].event_id == event_id);
  CHECK(got[1].event_id == event_id);
  CHECK(got[1].body == got[0].body);
  Json log = delivery_list(sim, hook);
  REQUIRE(log.size() == 2);
  CHECK(log[0]["event_id"] == log[1]["event_id"]);
  CHECK(log[0]["id"] != log[1]["id"]);
  CHECK(log[0]["id"] == answer["deliveries"][0]["delivery_id"]);

  // Not subscribed: refused unless the endpoint is named.
  CHECK(error_code(sim.control("/__sim/redeliver", Json{{"event_id", created_event}})) == "SIM_FAULT_NOT_APPLICABLE");
  CHECK(sim.control("/__sim/redeliver", Json{{"event_id", created_event}, {"webhook_id", hook}})->status == 200);
  REQUIRE(eventually([&] { return receiver.got().size() == 3; }));
  CHECK(receiver.got()[2].event_id == created_event);

  CHECK(error_code(sim.control("/__sim/redeliver", Json{{"event_id", "nope"}})) == "EVENT_NOT_FOUND");
  CHECK(error_code(sim.control("/__sim/redeliver", Json{{"event_id", event_id}, {"webhook_id", "nope"}})) ==
        "WEBHOOK_NOT_FOUND");
  CHECK(error_code(sim.control("/__sim/redeliver", Json::object())) == "VALIDATION_ERROR");
}

TEST_CASE("GET /webhooks/events is public: served without a key, a wrong key is still refused") {
  Sim sim;
  auto keyless = sim.client->Get("/api/ext/webhooks/events");
  REQUIRE(keyless);
  REQUIRE(keyless->status == 200);
  CHECK(Json::parse(keyless->body)["data"]["events"].size() == 34);
  CHECK(body_of(sim.get("/webhooks/events"))["data"]["events"].size() == 34);  // with a key, as before
  CHECK(sim.get("/webhooks/events", "sk_not_a_key")->status == 401);
  // Only the catalog is public.
  CHECK(sim.client->Get("/api/ext/webhooks")->status == 401);
  CHECK(sim.client->Post("/api/ext/webhooks", "{}", "application/json")->status == 401);
}
