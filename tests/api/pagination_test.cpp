#include <doctest/doctest.h>

#include "api/fakes.hpp"
#include "ugc/api/bundles.hpp"
#include "ugc/api/client.hpp"

using namespace ugc;
using namespace ugc::api;

namespace {

struct PaginationRig {
  std::shared_ptr<test::FakeTransport> transport = std::make_shared<test::FakeTransport>();
  Client client{ClientOptions{"http://api.test/api/ext", "sk_page_test_key_0000", {}, false, "ugc/test"},
                transport, std::make_shared<ugc::testing::FakeClock>()};
};

HttpResponse page(int n, int total_pages, Json items) {
  Json body{{"data", std::move(items)},
            {"pagination", {{"page", n}, {"per_page", 2}, {"total", 5}, {"total_pages", total_pages}}}};
  return test::http(200, body.dump());
}

Json bundle(const std::string& id, const std::string& ref) { return Json{{"id", id}, {"external_ref", ref}}; }

}  // namespace

TEST_CASE("the pagination walk fetches every page with the filter and stops at total_pages") {
  PaginationRig rig;
  const std::string r = "wave-1 FR/tiktok&1";  // needs escaping in the query
  rig.transport->push(page(1, 3, Json::array({bundle("b1", r), bundle("b2", r)})));
  rig.transport->push(page(2, 3, Json::array({bundle("b3", r), bundle("b4", r)})));
  rig.transport->push(page(3, 3, Json::array({bundle("b5", r)})));
  auto all = find_bundles_by_external_ref(rig.client, r);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 5);
  CHECK(all->at(4).id == "b5");
  auto sent = rig.transport->sent();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].url == "http://api.test/api/ext/bundles?external_ref=wave-1%20FR%2Ftiktok%261&page=1&per_page=100");
  CHECK(sent[2].url.find("page=3") != std::string::npos);
}

TEST_CASE("the walk stops on an empty page, and on an answer without pagination") {
  PaginationRig rig;
  rig.transport->push(page(1, 9, Json::array({bundle("b1", "x")})));
  rig.transport->push(page(2, 9, Json::array()));
  auto r = rig.client.request_all_pages(Request::get("/bundles"));
  REQUIRE(r.ok());
  CHECK(r->size() == 1);
  CHECK(rig.transport->count() == 2);

  rig.transport->push(test::ok(Json::array({1, 2, 3})));
  auto single = rig.client.request_all_pages(Request::get("/bundles/b1/videos"));
  REQUIRE(single.ok());
  CHECK(single->size() == 3);
  CHECK(rig.transport->count() == 3);
}

TEST_CASE("the walk refuses a data that is not a list and a server that never stops") {
  PaginationRig rig;
  rig.transport->push(test::ok(Json{{"not", "a list"}}));
  auto r = rig.client.request_all_pages(Request::get("/bundles"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code() == "MALFORMED_RESPONSE");

  rig.transport->set_default([](const HttpRequest&) -> Result<HttpResponse> {
    return page(1, 1000000, Json::array({Json{{"id", "x"}}}));
  });
  auto endless = rig.client.request_all_pages(Request::get("/bundles"), 100, 5);
  REQUIRE_FALSE(endless.ok());
  CHECK(endless.error().message().find("more than 5 pages") != std::string::npos);
}

TEST_CASE("find_bundles_by_external_ref drops bundles whose ref does not match exactly") {
  PaginationRig rig;
  rig.transport->push(page(1, 1, Json::array({bundle("b1", "wave-1-FR-tiktok-1"), bundle("b2", "other")})));
  auto r = find_bundles_by_external_ref(rig.client, "wave-1-FR-tiktok-1");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK(r->at(0).id == "b1");
}
