// The reason a team shares a PostgreSQL state: a plan made anywhere (a CI
// runner, a laptop) reads what every apply recorded there. An empty database
// plans like no state at all; an applied one plans no changes; `ugc status`
// reads it too.
#include <doctest/doctest.h>

#include "apply/apply_session.hpp"
#include "support/pg_server.hpp"

using ugc::Json;
using ugc::testing::ApplySession;

namespace {

Json team_plan_json(const ApplySession& s, const std::string& state) {
  ugc::testing::RunResult r = s.ugc({"plan", s.campaign(), "--format", "json", "--state", state});
  INFO("plan --state " << state << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

}  // namespace

TEST_CASE("pg team plan: plan and status read the shared state, an empty database plans like no state") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml");

  const Json from_nothing = team_plan_json(s, s.file("none.db"));
  const Json from_empty_db = team_plan_json(s, uri);
  CHECK(from_empty_db["totals"] == from_nothing["totals"]);
  CHECK(from_empty_db["totals"]["bundles_to_create"].get<int>() > 0);

  ugc::testing::RunResult applied = s.ugc({"apply", s.campaign(), "--auto-approve", "--state", uri});
  REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);

  const Json after = team_plan_json(s, uri);
  CHECK(after["has_changes"] == false);
  CHECK(after["totals"]["credits"] == 0);
  CHECK(after["state_serial"].get<long long>() > 0);

  ugc::testing::RunResult status = s.ugc({"status", s.campaign(), "--format", "json", "--state", uri});
  INFO("status: " << status.err);
  REQUIRE((status.exit_code == 0 || status.exit_code == 4));
  const Json doc = Json::parse(status.out);
  const Json& markets = doc["markets"];
  int bundles = 0;
  for (const Json& m : markets) bundles += static_cast<int>(m["bundles"].size());
  CHECK(bundles == from_nothing["totals"]["bundles_to_create"].get<int>());
}

TEST_CASE("pg team plan: state migrate SQLite to PostgreSQL to SQLite keeps the applied campaign's plan identical") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml");
  ugc::testing::RunResult applied = s.apply();
  REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
  // An edit after the apply, so each plan has something to show.
  s.edit_campaign("accounts: 1", "accounts: 2");
  const std::string back = s.file("back.db");

  const Json on_sqlite = team_plan_json(s, s.state());
  ugc::testing::RunResult to_pg = s.ugc({"state", "migrate", "--state", s.state(), "--to", uri});
  REQUIRE_MESSAGE(to_pg.exit_code == 0, to_pg.err);
  const Json on_postgres = team_plan_json(s, uri);
  ugc::testing::RunResult to_file = s.ugc({"state", "migrate", "--state", uri, "--to", back});
  REQUIRE_MESSAGE(to_file.exit_code == 0, to_file.err);
  const Json on_copy = team_plan_json(s, back);

  CHECK(on_sqlite["has_changes"] == true);
  CHECK(on_postgres == on_sqlite);
  CHECK(on_copy == on_sqlite);
}
