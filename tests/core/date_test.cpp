#include <doctest/doctest.h>

#include "ugc/core/date.hpp"

using ugc::CivilDate;

TEST_CASE("CivilDate parses real days and rejects impossible ones") {
  auto d = CivilDate::parse("2027-03-01");
  REQUIRE(d.ok());
  CHECK(d->str() == "2027-03-01");
  CHECK_FALSE(CivilDate::parse("2026-02-30").ok());
  CHECK_FALSE(CivilDate::parse("2026-13-01").ok());
  CHECK_FALSE(CivilDate::parse("2026-1-01").ok());
  CHECK_FALSE(CivilDate::parse("").ok());
  CHECK(CivilDate::parse("2028-02-29").ok());
  CHECK(CivilDate::parse("2026-02-30").error().message().find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("CivilDate arithmetic crosses months and years") {
  auto d = *CivilDate::parse("2026-12-30");
  CHECK(d.plus_days(3).str() == "2027-01-02");
  CHECK(d.days_until(*CivilDate::parse("2027-01-02")) == 3);
  CHECK(d.plus_days(-30).str() == "2026-11-30");
}

TEST_CASE("CivilDate reads the HTTP Date header") {
  auto d = CivilDate::from_http_date("Wed, 25 Nov 2026 15:18:00 GMT");
  REQUIRE(d.ok());
  CHECK(d->str() == "2026-11-25");
  CHECK_FALSE(CivilDate::from_http_date("yesterday").ok());
}
