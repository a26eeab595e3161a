#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/core/log.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using ugc::state::testing::TempDir;

namespace {

JournalEntry entry(const std::string& action, const std::string& key) {
  return JournalEntry{action, "POST", "/bundles/bulk", key, std::string(64, 'f'), "run-1"};
}

}  // namespace

TEST_CASE_TEMPLATE("a journal entry is open from begin to finish and keeps its outcome", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto id = journal_begin(*store, entry("create-US", "key-1"));
  REQUIRE(id.ok());
  auto open = open_journal_entries(*store);
  REQUIRE(open.ok());
  REQUIRE(open->size() == 1);
  CHECK(open->at(0).id == *id);
  CHECK(open->at(0).entry.idempotency_key == "key-1");
  CHECK_FALSE(open->at(0).finished_at.has_value());

  REQUIRE(journal_finish(*store, *id, {201, R"({"data":{"id":"B1"}})", "req-9", ""}).ok());
  CHECK(open_journal_entries(*store)->empty());
  auto by_key = journal_entries_for_key(*store, "key-1");
  REQUIRE(by_key.ok());
  REQUIRE(by_key->size() == 1);
  REQUIRE(by_key->at(0).outcome.has_value());
  CHECK(by_key->at(0).outcome->status_code == 201);
  CHECK(by_key->at(0).outcome->request_id == "req-9");
  CHECK(Json::parse(by_key->at(0).outcome->response_json)["data"]["id"] == "B1");

  auto twice = journal_finish(*store, *id, {500, "", "", "X"});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().kind() == ErrorKind::conflict);
  auto unknown = journal_finish(*store, *id + 100, {200, "", "", ""});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().kind() == ErrorKind::not_found);
  CHECK(*store->serial() == 0);  // the journal is not planner state
}

TEST_CASE_TEMPLATE("journal responses are stored redacted and bounded", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  const std::string secret = "tp_live_journal_secret_123456";
  log::add_secret(secret);
  auto id = journal_begin(*store, entry("upload", "key-2"));
  REQUIRE(id.ok());
  std::string huge = R"({"echo":")" + secret + std::string(100000, 'x') + R"("})";
  REQUIRE(journal_finish(*store, *id, {200, huge, "", ""}).ok());
  auto rows = journal_entries_for_key(*store, "key-2");
  REQUIRE(rows.ok());
  const std::string& stored = rows->at(0).outcome->response_json;
  CHECK(stored.find(secret) == std::string::npos);
  CHECK(stored.size() <= kJournalResponseLimit + 256);
  Json parsed = Json::parse(stored);  // still JSON
  CHECK(parsed["truncated"] == true);
  CHECK(parsed["bytes"].get<size_t>() > kJournalResponseLimit);
}

TEST_CASE_TEMPLATE("an entry begun by a process killed before finishing is open after reopening", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  { REQUIRE(Store::open(path, {Access::read_write, true}, ugc::state::testing::fake_clock()).ok()); }

  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child: journal one request, finish it; begin a second and die
    // before its response, holding the connection open (no clean close).
    ::close(ready[0]);
    auto store = Store::open(path, {Access::read_write}, ugc::state::testing::fake_clock());
    if (!store) ::_exit(3);
    auto done = journal_begin(*store, entry("create-US", "key-done"));
    if (!done || !journal_finish(*store, *done, {201, "{}", "r", ""})) ::_exit(4);
    auto pending = journal_begin(*store, entry("create-FR", "key-pending"));
    if (!pending) ::_exit(5);
    char byte = 'k';
    if (::write(ready[1], &byte, 1) != 1) ::_exit(6);
    ::pause();  // killed here, as if in the middle of the HTTP request
    ::_exit(7);
  }
  ::close(ready[1]);
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));

  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message()));
  auto open = open_journal_entries(*store);
  REQUIRE(open.ok());
  REQUIRE(open->size() == 1);
  CHECK(open->at(0).entry.idempotency_key == "key-pending");
  CHECK(open->at(0).entry.action_id == "create-FR");
  auto done = journal_entries_for_key(*store, "key-done");
  REQUIRE(done->size() == 1);
  CHECK(done->at(0).outcome->status_code == 201);
}

TEST_CASE_TEMPLATE("journal_begin refuses to run inside a transaction, where it would not be durable", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto tx = store->begin();
  REQUIRE(tx.ok());
  CHECK_FALSE(journal_begin(*store, entry("a", "k")).ok());
}
