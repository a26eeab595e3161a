#pragma once
// Test harness for the simulator's conformance tests: a SimServer started
// in-process on a free loopback port and a real HTTP client (cpp-httplib, not
// the project's api module, so a client bug cannot hide a simulator bug).
#include <httplib.h>

#include <string>

#include "ugc/core/json.hpp"
#include "ugc/sim/server.hpp"

namespace simtest {

using ugc::Json;

inline const std::string kDemoKey = "sk_" + std::string(64, 'a');
inline const std::string kOtherKey = "sk_" + std::string(64, 'b');

struct Resp {
  int status = 0;
  Json body;
  std::string raw;
  httplib::Headers headers;
  bool ok = false;  // a response arrived at all
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  const Json& data() const { return body.at("data"); }
  std::string code() const { return body.contains("error") ? body["error"].value("code", "") : ""; }
};

inline ugc::sim::SimOptions default_options() {
  ugc::sim::SimOptions o;
  o.port = 0;
  o.seed = 7;
  o.clock = *ugc::CivilDate::parse("2027-01-10");
  o.rate_capacity = 100000;
  o.rate_refill_per_sec = 100000;
  return o;
}

class SimHarness {
 public:
  explicit SimHarness(ugc::sim::SimOptions options = default_options()) : server_(std::move(options)) {
    auto s = server_.start();
    if (!s) throw std::runtime_error(s.error().message());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_.port());
    client_->set_read_timeout(10, 0);
  }
  ~SimHarness() { server_.stop(); }

  ugc::sim::SimServer& server() { return server_; }
  httplib::Client& client() { return *client_; }

  Resp call(const std::string& method, const std::string& path, const Json& body = nullptr,
            httplib::Headers extra = {}, const std::string& key = kDemoKey) {
    httplib::Headers h = std::move(extra);
    if (!key.empty() && !h.count("X-API-Key")) h.emplace("X-API-Key", key);
    return raw(method, api(path), body.is_null() ? std::string() : body.dump(), h);
  }
  Resp get(const std::string& path, httplib::Headers h = {}) { return call("GET", path, nullptr, std::move(h)); }
  Resp post(const std::string& path, const Json& body = nullptr, httplib::Headers h = {}) {
    return call("POST", path, body, std::move(h));
  }
  Resp put(const std::string& path, const Json& body, httplib::Headers h = {}) { return call("PUT", path, body, std::move(h)); }
  Resp patch(const std::string& path, const Json& body, httplib::Headers h = {}) {
    return call("PATCH", path, body, std::move(h));
  }
  // Control endpoints (/__sim/...): no key.
  Resp control(const std::string& method, const std::string& path, const Json& body = nullptr) {
    return raw(method, path, body.is_null() ? std::string() : body.dump(), {});
  }

  Resp raw(const std::string& method, const std::string& full_path, const std::string& body, const httplib::Headers& h) {
    const char* ct = "application/json";
    auto send = [&]() -> httplib::Result {
      if (method == "POST") return client_->Post(full_path.c_str(), h, body, ct);
      if (method == "PUT") return client_->Put(full_path.c_str(), h, body, ct);
      if (method == "PATCH") return client_->Patch(full_path.c_str(), h, body, ct);
      if (method == "DELETE") return client_->Delete(full_path.c_str(), h, body, ct);
      return client_->Get(full_path.c_str(), h);
    };
    httplib::Result r = send();
    Resp out;
    if (!r) return out;
    out.ok = true;
    out.status = r->status;
    out.raw = r->body;
    out.headers = r->headers;
    out.body = Json::parse(r->body, nullptr, false);
    return out;
  }

  static std::string api(const std::string& path) { return "/api/ext" + path; }

  // A fresh account_and_videos bundle in `country` with `videos` slots; returns its id.
  std::string create_bundle(const std::string& country = "USA", int videos = 3, const Json& extra = Json::object()) {
    Json body{{"bundle_type", "account_and_videos"}, {"platform", "tiktok"}, {"country", country},
              {"videos_quantity", videos}};
    body.update(extra);
    auto r = post("/bundles", body);
    if (r.status != 201) throw std::runtime_error("create_bundle failed: " + r.raw);
    return r.data()["id"];
  }

  Resp configure_account(const std::string& bundle_id, const std::string& username = "glowlab.us1") {
    return put("/bundles/" + bundle_id + "/account",
               Json{{"username", username}, {"visible_name", "Glow Lab"}, {"biography", "Honest reviews"},
                    {"profile_picture_url", "profile-pictures/logo.png"}});
  }

  static Json video_item(int position, const std::string& date) {
    return Json{{"position", position}, {"video_type", "video"}, {"target_publish_date", date},
                {"description", "Video " + std::to_string(position) + " #ad"},
                {"video_url", "https://cdn.example.com/v" + std::to_string(position) + ".mp4"}};
  }

 private:
  ugc::sim::SimServer server_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace simtest
