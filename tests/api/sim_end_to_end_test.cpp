// The client against the real simulator process (`ugc sim`): creation,
// lookup by external_ref, idempotent replays, dry runs, and exactly-once
// creation under injected 503s, 429s and dropped connections.
#include <doctest/doctest.h>

#include <thread>

#include "support/child_process.hpp"
#include "ugc/api/bundle_requests.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/charge.hpp"
#include "ugc/api/curl_transport.hpp"
#include "ugc/api/idempotency.hpp"
#include "ugc/api/reference.hpp"

using namespace ugc;
using namespace ugc::api;
using namespace std::chrono_literals;
using ugc::testing::SimProcess;

namespace {

const std::string kSimKey = "sk_" + std::string("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

std::shared_ptr<Client> sim_client_for(const std::string& base_url, int max_attempts = 6) {
  ClientOptions o;
  o.base_url = base_url;
  o.api_key = kSimKey;
  o.retry.max_attempts = max_attempts;
  o.retry.base_delay = 10ms;
  o.retry.max_delay = 200ms;
  // The real clock: the simulator's rate-limit bucket refills in real time.
  return std::make_shared<Client>(o, std::make_shared<CurlTransport>(CurlOptions{2s, "ugc/test"}),
                                  make_system_clock());
}

CreateBundleRequest bundle_request(const std::string& ref) {
  CreateBundleRequest r;
  r.bundle_type = BundleType::account_and_videos;
  r.platform = "tiktok";
  r.country = "FR";
  r.videos_quantity = 3;
  r.external_ref = ref;
  return r;
}

struct Created {
  Bundle bundle;
  Charge charge;
};

// POST /bundles through the typed request, keyed like apply keys it.
Result<Created> create(Client& client, const std::string& ref, bool dry_run = false) {
  Request request = to_request(bundle_request(ref));
  request.idempotency_key = idempotency_key("api-e2e", ref, *request.body);
  request.dry_run = dry_run;
  auto response = client.request(request);
  if (!response) return response.error();
  auto bundle = parse_bundle(response->data());
  if (!bundle) return bundle.error();
  return Created{std::move(*bundle), charge_of(*response)};
}

}  // namespace

TEST_CASE("sim: create a bundle, find it by external_ref, replay the create without a second charge") {
  SimProcess sim({"--seed", "3", "--clock", "2027-01-10"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), "ugc sim printed no URL: " << sim.error());
  auto client = sim_client_for(sim.base_url());

  auto before = get_credit_balance(*client);
  REQUIRE(before.ok());
  CHECK(client->server_today().ok());
  CHECK(client->server_today()->str() == "2027-01-10");  // the simulator's clock, via Date

  auto created = create(*client, "api-e2e-FR-tiktok-1");
  REQUIRE_MESSAGE(created.ok(), created.error().message());
  CHECK_FALSE(created->bundle.id.empty());
  CHECK(created->charge.charged == 38);  // 32 account + 3 x 2 slots
  CHECK_FALSE(created->charge.replayed);

  auto again = create(*client, "api-e2e-FR-tiktok-1");
  REQUIRE(again.ok());
  CHECK(again->bundle.id == created->bundle.id);
  CHECK(again->charge.replayed);

  auto after = get_credit_balance(*client);
  REQUIRE(after.ok());
  CHECK(after->total_credits == before->total_credits - 38);

  auto found = find_bundles_by_external_ref(*client, "api-e2e-FR-tiktok-1");
  REQUIRE(found.ok());
  REQUIRE(found->size() == 1);
  CHECK(found->at(0).id == created->bundle.id);
  CHECK(found->at(0).status == "pending_setup");
  CHECK(find_bundles_by_external_ref(*client, "api-e2e-nothing")->empty());
}

TEST_CASE("sim: a dry-run create prices the bundle and creates nothing") {
  SimProcess sim({"--seed", "4"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), "ugc sim printed no URL: " << sim.error());
  auto client = sim_client_for(sim.base_url());
  auto before = get_credit_balance(*client);
  REQUIRE(before.ok());
  auto dry = create(*client, "api-e2e-dry-1", /*dry_run=*/true);
  REQUIRE_MESSAGE(dry.ok(), dry.error().message());
  CHECK(dry->charge.dry_run);
  CHECK(dry->charge.would_charge == 38);
  CHECK(dry->bundle.id.rfind("00000000-0000-4000-8000-", 0) == 0);
  CHECK(get_credit_balance(*client)->total_credits == before->total_credits);
  CHECK(find_bundles_by_external_ref(*client, "api-e2e-dry-1")->empty());
}

TEST_CASE("sim: under 503s, 429s and dropped connections every bundle is created exactly once") {
  SimProcess sim({"--seed", "11", "--fail-rate", "0.25", "--extra-429-rate", "0.1", "--drop-rate", "0.2"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), "ugc sim printed no URL: " << sim.error());
  auto client = sim_client_for(sim.base_url(), /*max_attempts=*/15);
  auto before = get_credit_balance(*client);
  REQUIRE_MESSAGE(before.ok(), before.error().message());
  const int n = 8;
  for (int i = 1; i <= n; ++i) {
    auto r = create(*client, "api-e2e-faults-" + std::to_string(i));
    REQUIRE_MESSAGE(r.ok(), r.error().message());
  }
  for (int i = 1; i <= n; ++i) {
    auto found = find_bundles_by_external_ref(*client, "api-e2e-faults-" + std::to_string(i));
    REQUIRE_MESSAGE(found.ok(), found.error().message());
    CHECK(found->size() == 1);
  }
  auto after = get_credit_balance(*client);
  REQUIRE(after.ok());
  CHECK(after->total_credits == before->total_credits - n * 38);
  auto stats = client->stats().snapshot();
  CHECK(stats.retries > 0);  // the faults did happen and were absorbed
  MESSAGE("faulty sim: " << stats.requests << " calls, " << stats.attempts << " attempts, " << stats.retries
                         << " retries, " << stats.rate_limited << " 429s");
}

TEST_CASE("sim: worker threads sharing one client stay within a small bucket") {
  SimProcess sim({"--seed", "5", "--rate-capacity", "5", "--rate-refill", "10"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), "ugc sim printed no URL: " << sim.error());
  auto client = sim_client_for(sim.base_url(), /*max_attempts=*/10);
  REQUIRE(get_credit_balance(*client).ok());  // learn the bucket from the headers first
  std::atomic<int> ok{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&] {
      for (int i = 0; i < 6; ++i)
        if (get_credit_balance(*client).ok()) ok++;
    });
  for (auto& w : workers) w.join();
  CHECK(ok == 24);
  auto stats = client->stats().snapshot();
  MESSAGE("tight bucket: " << stats.attempts << " attempts for 25 calls, " << stats.rate_limited << " 429s");
  // The client paces itself from the headers; without pacing nearly every
  // call past the first five would be refused. (One in a while may still come
  // from the server's own timing; ten would mean the bucket is not followed.)
  CHECK(stats.rate_limited < 3);
}

TEST_CASE("sim: a sensitive (unkeyed) request is sent once, even when its kept-alive connection dies") {
  SimProcess sim({"--seed", "6"});
  REQUIRE_MESSAGE(!sim.base_url().empty(), "ugc sim printed no URL: " << sim.error());
  auto client = sim_client_for(sim.base_url(), /*max_attempts=*/1);
  REQUIRE(get_credit_balance(*client).ok());  // leaves a kept-alive connection in the pool
  sim.post("/__sim/faults", Json{{"drop_rate", 1.0}});
  // POST /webhooks returns its signing secret once and refuses an
  // Idempotency-Key. libcurl resends a request whose reused connection died;
  // here that would register a second webhook with a second secret.
  Json hook{{"url", "https://127.0.0.1:9/hook"}, {"events", {"bundle.created"}}};
  auto sent = client->request(Request::post("/webhooks", hook, ""));
  CHECK_FALSE(sent.ok());
  sim.post("/__sim/faults", Json{{"drop_rate", 0.0}});
  int posts = 0;
  const Json log = sim.get("/__sim/requests");  // held: a range-for over a temporary's member dangles
  for (const Json& r : log["data"])
    if (r["method"] == "POST" && r["path"] == "/api/ext/webhooks") ++posts;
  CHECK(posts == 1);
  CHECK(sim.get("/api/ext/webhooks", true)["data"].size() == 1);
}
