#pragma once
// Test support for SIM-LIFE's conformance tests: an in-process `ugc sim` on a
// free loopback port, a plain httplib::Client to it (never the project's api
// module, so a client bug cannot hide a simulator bug), and the few calls that
// move a bundle to "published".
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>
#include <mutex>

#include "ugc/core/date.hpp"
#include "ugc/core/json.hpp"
#include "ugc/sim/server.hpp"

namespace lifetest {

using ugc::Json;

inline const std::string kKey = "sk_" + std::string(64, 'a');
inline const std::string kOtherKey = "sk_" + std::string(64, 'b');
// Every Sim starts at kToday 00:00:00 UTC (+ < 1 s), so timelines in tests
// do not depend on the real time of day.
inline constexpr const char* kToday = "2027-03-01";

inline ugc::sim::SimOptions sim_options(std::map<std::string, std::string> ext = {}, uint64_t seed = 7) {
  ugc::sim::SimOptions o;
  o.port = 0;
  o.seed = seed;
  o.clock = ugc::CivilDate::parse(kToday).value().plus_days(-1);
  o.rate_capacity = 100000;  // the conformance tests are not about rate limits
  o.rate_refill_per_sec = 100000;
  ext.emplace("lifecycle_tick_ms", "60000");  // tests drive time through /__sim/clock only
  o.ext_options = std::move(ext);
  return o;
}

struct Sim {
  explicit Sim(ugc::sim::SimOptions options = sim_options()) : server(std::move(options)) {
    auto started = server.start();
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message()));
    {
      // The world clock has whole-second resolution: aim 1 s past midnight.
      ugc::sim::World& w = server.world();
      std::lock_guard lock(w.mu);
      w.set_clock(ugc::sim::TimePoint(ugc::CivilDate::parse(kToday).value().sys_days()) + std::chrono::seconds(1));
    }
    client = std::make_unique<httplib::Client>("127.0.0.1", server.port());
    client->set_read_timeout(std::chrono::seconds(10));
  }
  ~Sim() { server.stop(); }

  httplib::Headers headers(const std::string& key = kKey) const { return {{"X-API-Key", key}}; }
  static std::string api(const std::string& path) { return "/api/ext" + path; }

  httplib::Result get(const std::string& path, const std::string& key = kKey) {
    return client->Get(api(path).c_str(), headers(key));
  }
  httplib::Result post(const std::string& path, const Json& body = Json::object(), const std::string& key = kKey) {
    return client->Post(api(path).c_str(), headers(key), body.dump(), "application/json");
  }
  httplib::Result put(const std::string& path, const Json& body) {
    return client->Put(api(path).c_str(), headers(), body.dump(), "application/json");
  }
  httplib::Result patch(const std::string& path, const Json& body) {
    return client->Patch(api(path).c_str(), headers(), body.dump(), "application/json");
  }
  httplib::Result del(const std::string& path) { return client->Delete(api(path).c_str(), headers()); }
  httplib::Result control(const std::string& path, const Json& body) {
    return client->Post(path.c_str(), body.dump(), "application/json");
  }

  void advance_days(double days) {
    auto r = control("/__sim/clock", Json{{"advance_seconds", static_cast<long>(days * 86400)}});
    REQUIRE(r);
    REQUIRE(r->status == 200);
  }

  // Creates an account_and_videos (or account_only when videos == 0) bundle,
  // configures the account and every slot (dates from `first_day` days ahead,
  // one a day), and publishes it. Returns the bundle id.
  std::string published_bundle(int videos = 2, const std::string& country = "USA",
                               const std::string& platform = "tiktok", bool auto_finalize = true,
                               int first_day = 5, const std::string& caption = "First week with the product #review #ad") {
    Json create = {{"bundle_type", videos ? "account_and_videos" : "account_only"},
                   {"platform", platform},
                   {"country", country},
                   {"auto_finalize_videos", auto_finalize}};
    if (videos) create["videos_quantity"] = videos;
    auto r = post("/bundles", create);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status / 100 == 2, r->body);
    Json data = Json::parse(r->body)["data"];
    const std::string id = data.contains("id") ? data["id"].get<std::string>() : data["bundle_id"].get<std::string>();
    r = put("/bundles/" + id + "/account", Json{{"username", "glowlab" + id.substr(0, 6)},
                                                {"visible_name", "Glow Lab"},
                                                {"biography", "Honest reviews"},
                                                {"profile_picture_url", "uploads/x/profile_picture/a.png"}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    const auto today = ugc::CivilDate::parse(kToday).value();
    for (int p = 1; p <= videos; ++p) {
      Json slot = {{"video_type", "video"},
                   {"target_publish_date", today.plus_days(first_day + p - 1).str()},
                   {"description", caption},
                   {"video_url", "https://cdn.example.com/v.mp4"}};
      if (platform == "instagram") slot["instagram_content_type"] = "reel";
      r = put("/bundles/" + id + "/videos/" + std::to_string(p), slot);
      REQUIRE(r);
      REQUIRE_MESSAGE(r->status == 200, r->body);
    }
    r = post("/bundles/" + id + "/publish");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return id;
  }

  Json bundle(const std::string& id) {
    auto r = get("/bundles/" + id);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return Json::parse(r->body)["data"];
  }
  Json videos(const std::string& id) {
    auto r = get("/bundles/" + id + "/videos");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return Json::parse(r->body)["data"];
  }
  // Events of kKey's tenant after `since` (GET /__sim/events).
  Json events(long since = 0) {
    auto r = client->Get(("/__sim/events?since=" + std::to_string(since)).c_str(), headers());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return Json::parse(r->body)["data"]["events"];
  }
  std::vector<std::string> event_types(long since = 0) {
    std::vector<std::string> out;
    for (const auto& e : events(since)) out.push_back(e["type"]);
    return out;
  }

  ugc::sim::SimServer server;
  std::unique_ptr<httplib::Client> client;
};

inline Json body_of(const httplib::Result& r) {
  REQUIRE(r);
  return Json::parse(r->body);
}

inline std::string error_code(const httplib::Result& r) {
  Json b = body_of(r);
  return b.contains("error") ? b["error"].value("code", std::string()) : std::string();
}

// Polls `pred` every 10 ms for up to `timeout`.
template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

struct ReceivedDelivery {
  std::string event_id, event_type, signature, body;
};

// A webhook receiver on a free loopback port, keeping every delivery. `fail_first` answers 500 to that
// many requests before answering 200 (negative: always 500).
class HookReceiver {
 public:
  explicit HookReceiver(int fail_first = 0) : fail_first_(fail_first) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      got_.push_back({req.get_header_value("TokPortal-Event-Id"), req.get_header_value("TokPortal-Event-Type"),
                      req.get_header_value("TokPortal-Signature"), req.body});
      const bool fail = fail_first_ < 0 || static_cast<int>(got_.size()) <= fail_first_;
      res.status = fail ? 500 : 200;
      res.set_content(fail ? "boom" : "ok", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~HookReceiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<ReceivedDelivery> got() {
    std::lock_guard lock(mu_);
    return got_;
  }
  void set_fail_first(int n) {
    std::lock_guard lock(mu_);
    fail_first_ = n;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<ReceivedDelivery> got_;
  int fail_first_;
};

}  // namespace lifetest
