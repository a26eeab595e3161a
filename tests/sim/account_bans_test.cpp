// GET /account-bans (docs/tokportal-api.md §8.4) and the cancel scenario of the
// control API, over real loopback HTTP against an in-process simulator.
#include <doctest/doctest.h>

#include "lifecycle_fixture.hpp"

using lifetest::body_of;
using lifetest::error_code;
using lifetest::Json;
using lifetest::Sim;

namespace {

Json ban_page(Sim& s, const std::string& query = "") {
  auto r = s.get("/account-bans" + query);
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  return Json::parse(r->body);
}

std::vector<std::string> ban_bundles(const Json& page) {
  std::vector<std::string> out;
  for (const auto& row : page["data"]) out.push_back(row["bundle_id"]);
  return out;
}

}  // namespace

TEST_CASE("GET /account-bans lists recorded bans oldest first, filtered by since, status, resolution, account") {
  Sim s;
  const std::string a = s.published_bundle(1);
  const std::string b = s.published_bundle(1);
  s.advance_days(1.2);  // both accounts delivered
  CHECK(ban_page(s)["data"].empty());
  REQUIRE(s.control("/__sim/ban", Json{{"bundle_id", a}})->status == 200);
  s.advance_days(1.0 / 24);
  REQUIRE(s.control("/__sim/ban", Json{{"bundle_id", b}})->status == 200);

  Json all = ban_page(s);
  REQUIRE(all["data"].size() == 2);
  CHECK(ban_bundles(all) == std::vector<std::string>{a, b});
  const Json first = all["data"][0];
  for (const char* field : {"id", "account_id", "username", "platform", "reported_at", "decided_at", "updated_at"})
    CHECK_MESSAGE(first[field].is_string(), field);
  CHECK(first["status"] == "no_appeal_banned");
  CHECK(first["resolution"].is_null());
  CHECK(first["account_id"] == s.bundle(a)["saved_account_id"]);

  // since is a watermark on updated_at, inclusive.
  const std::string second_at = all["data"][1]["updated_at"];
  CHECK(ban_bundles(ban_page(s, "?since=" + second_at)) == std::vector<std::string>{b});
  CHECK(ban_page(s, "?since=" + first["updated_at"].get<std::string>())["data"].size() == 2);
  CHECK(ban_page(s, "?since=2099-01-01")["data"].empty());

  // Pagination as every list.
  Json p2 = ban_page(s, "?per_page=1&page=2");
  CHECK(p2["pagination"]["total"] == 2);
  CHECK(p2["pagination"]["total_pages"] == 2);
  CHECK(ban_bundles(p2) == std::vector<std::string>{b});

  CHECK(ban_bundles(ban_page(s, "?account_id=" + first["account_id"].get<std::string>())) ==
        std::vector<std::string>{a});

  // A remake resolves the ban and moves its updated_at past the watermark.
  s.advance_days(1.0 / 24);
  REQUIRE(s.control("/__sim/remake", Json{{"bundle_id", a}})->status == 200);
  Json later = ban_page(s, "?since=" + second_at);
  REQUIRE(later["data"].size() == 2);
  CHECK(ban_bundles(later) == std::vector<std::string>{b, a});
  CHECK(later["data"][1]["resolution"]["resolution"] == "remake");
  CHECK(ban_bundles(ban_page(s, "?resolution=remake")) == std::vector<std::string>{a});
  CHECK(ban_page(s, "?status=appeal_pending")["data"].empty());

  CHECK(error_code(s.get("/account-bans?since=yesterday")) == "VALIDATION_ERROR");
  CHECK(error_code(s.get("/account-bans?status=gone")) == "VALIDATION_ERROR");
  CHECK(ban_page(s, "?include_screenshots=true")["data"].size() == 2);
  // Bans are per API key, and the list is not public.
  CHECK(body_of(s.get("/account-bans", lifetest::kOtherKey))["data"].empty());
  CHECK(s.client->Get("/api/ext/account-bans")->status == 401);
}

TEST_CASE("POST /__sim/cancel cancels a bundle and its unfinished slots and emits bundle.cancelled") {
  Sim s;
  const std::string id = s.published_bundle(2);
  const long mark = static_cast<long>(s.events().size());
  auto r = s.control("/__sim/cancel", Json{{"bundle_id", id}, {"reason", "out_of_stock"}});
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  CHECK(s.bundle(id)["status"] == "cancelled");
  for (const auto& v : s.videos(id)) CHECK(v["status"] == "cancelled");
  Json events = s.events(mark);
  REQUIRE(events.size() == 1);
  CHECK(events[0]["type"] == "bundle.cancelled");
  CHECK(events[0]["data"]["bundle_id"] == id);
  CHECK(events[0]["data"]["reason"] == "out_of_stock");

  CHECK(s.control("/__sim/cancel", Json{{"bundle_id", id}})->status == 409);  // already cancelled
  CHECK(error_code(s.control("/__sim/cancel", Json{{"bundle_id", "nope"}})) == "BUNDLE_NOT_FOUND");
  CHECK(error_code(s.control("/__sim/cancel", Json{{"bundle_id", id}, {"why", "x"}})) == "UNKNOWN_FIELD");

  // Without a reason: the default one.
  const std::string other = s.published_bundle(1);
  REQUIRE(s.control("/__sim/cancel", Json{{"bundle_id", other}})->status == 200);
  CHECK(s.events().back()["data"]["reason"] == "cancelled_by_tokportal");
}
