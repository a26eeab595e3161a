#pragma once
// The two state backends the state-store tests run against, as doctest
// template parameters: TEST_CASE_TEMPLATE("...", Backend, UGC_STATE_BACKENDS).
// Backend::fresh_location(dir) is where a new, empty state lives: a file in
// the test's directory, or a new database on the process's throwaway
// PostgreSQL server (tests/support/pg_server.hpp).
#include <doctest/doctest.h>

#include <string>

#include "support/pg_server.hpp"
#include "support/temp_dir.hpp"

namespace ugc::state::testing {

struct SqliteBackend {
  static std::string fresh_location(const ugc::testing::TempDir& dir) { return dir.file("state.db"); }
};

struct PostgresBackend {
  static std::string fresh_location(const ugc::testing::TempDir&) {
    auto& server = ugc::testing::PgServer::instance();
    REQUIRE_MESSAGE(server.running(), server.error());
    std::string uri = server.create_database();
    REQUIRE_MESSAGE(!uri.empty(), "cannot create a database on the PostgreSQL test server");
    return uri;
  }
};

}  // namespace ugc::state::testing

#define UGC_STATE_BACKENDS ugc::state::testing::SqliteBackend, ugc::state::testing::PostgresBackend
