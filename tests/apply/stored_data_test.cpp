// `ugc apply` on a state file whose stored JSON has a wrong type: the run
// reports the bad row and carries on, where it used to end in an uncaught
// nlohmann::json::type_error (abort, no message).
#include <doctest/doctest.h>

#include "apply/apply_session.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/store.hpp"

using ugc::testing::ApplySession;
using ugc::testing::RunResult;

namespace {

// An open journal row whose request payload says "format": "1" (a string).
void leave_malformed_journal_row(const std::string& state_file) {
  auto store = ugc::state::Store::open(state_file, {ugc::state::Access::read_write, true},
                                       ugc::make_system_clock());
  REQUIRE_MESSAGE(store.ok(), store.error().message());
  ugc::state::JournalEntry entry{"create-bundle-x", "POST", "/bundles", "key-malformed", "hash", "run-0"};
  REQUIRE(ugc::state::journal_begin(*store, entry).ok());
  REQUIRE(store->meta_put("apply.request.key-malformed", R"({"format": "1", "plan": {}, "index": "zero"})").ok());
}

}  // namespace

TEST_CASE("apply: a journal payload of the wrong JSON type is abandoned with a message, not a crash") {
  ApplySession s(std::string(UGC_TEST_DATA) + "/apply/small");
  leave_malformed_journal_row(s.state());

  RunResult r = s.apply();
  INFO("stdout: " << r.out);
  INFO("stderr: " << r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("Settled 1 request(s)") != std::string::npos);

  auto store = ugc::state::Store::open(s.state(), {ugc::state::Access::read_only, false},
                                       ugc::make_system_clock());
  REQUIRE(store.ok());
  auto open = ugc::state::open_journal_entries(*store);
  REQUIRE(open.ok());
  CHECK(open->empty());
}
