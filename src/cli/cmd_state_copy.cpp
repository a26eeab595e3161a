// ugc state migrate --to STATE | pull -o FILE: the whole state copied into
// another backend (SQLite file <-> PostgreSQL), verified table by table.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "ugc/cli/state_copy_command.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/state_copy.hpp"
#include "ugc/state/state_uri.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {

namespace {

using namespace ugc::state;

struct StateCopyFlags {
  std::string state = ".ugc/state.db";
  std::string format = "text";
  std::string lock_timeout = "5s";
  std::string to;
  bool json() const { return format == "json"; }
};

void add_state_copy_flags(CLI::App* app, StateCopyFlags& flags) {
  add_state_option(*app, flags.state, "State to copy");
  app->add_option("--format", flags.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app->add_option("--lock-timeout", flags.lock_timeout, "How long to wait for another run's lock (30s, 2m, 500ms)")
      ->capture_default_str();
}

void print_state_copy(const StateCopyFlags& flags, const Store& from, const Store& dest,
                      const std::vector<TableCopy>& copied) {
  if (flags.json()) {
    OrderedJson doc = {{"from", from.path()}, {"to", dest.path()}, {"verified", true}};
    doc["tables"] = OrderedJson::array();
    for (const TableCopy& t : copied)
      doc["tables"].push_back(OrderedJson{{"table", t.table}, {"rows", t.rows}, {"sha256", t.sha256}});
    std::cout << doc.dump(2) << "\n";
    return;
  }
  long long rows = 0;
  for (const TableCopy& t : copied) rows += t.rows;
  std::printf("copied %s to %s: %lld rows in %zu tables, verified (row counts and checksums match)\n",
              from.path().c_str(), dest.path().c_str(), rows, copied.size());
  for (const TableCopy& t : copied)
    if (t.rows > 0) std::printf("  %-20s %8lld rows  sha256 %.16s\n", t.table.c_str(), t.rows, t.sha256.c_str());
}

// Copies the whole state into `flags.to` (a new file or an empty database),
// under the whole-state lock of the source so that no run changes it meanwhile.
Result<int> run_state_copy(const StateCopyFlags& flags, bool new_file_only, const std::shared_ptr<Clock>& clock) {
  const std::string& to = flags.to;
  if (to.empty()) return invalid_input("no destination: pass --to FILE|postgres://... (or -o FILE for pull)");
  if (new_file_only && is_postgres_uri(to))
    return invalid_input("`ugc state pull -o` writes a local SQLite file; to copy into PostgreSQL use "
                         "`ugc state migrate --to`");
  if (!is_postgres_uri(to) && std::filesystem::exists(to))
    return invalid_input(to + " exists; refusing to overwrite it (copy into a new file)");
  auto timeout = parse_lock_timeout(flags.lock_timeout);
  if (!timeout) return timeout.error();
  auto from = Store::open(flags.state, {Access::read_only}, clock);
  if (!from) return from.error();
  auto lock = acquire_lock(*from, {new_file_only ? "ugc state pull" : "ugc state migrate", *timeout});
  if (!lock) return lock.error();
  auto dest = Store::open(to, {Access::read_write, true}, clock);
  if (!dest) return dest.error();
  auto copied = copy_state(*from, *dest);
  if (!copied) {
    if (!is_postgres_uri(to)) {
      { Store closed = std::move(*dest); }  // the half-made copy is removed, closed
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((to + suffix).c_str());
    }
    return copied.error().with_context("copying " + from->path() + " to " + redact_state_uri(to));
  }
  print_state_copy(flags, *from, *dest, *copied);
  return kExitOk;
}

}  // namespace

StateCopyCommands define_state_copy_commands(CLI::App& state, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<StateCopyFlags>();
  StateCopyCommands commands;
  commands.migrate = state.add_subcommand(
      "migrate", "Copy the whole state into another backend (SQLite file <-> PostgreSQL) and verify the copy");
  commands.migrate
      ->add_option("--to", flags->to, "Destination: a new SQLite file or postgres://... (an empty database)")
      ->required();
  add_state_copy_flags(commands.migrate, *flags);
  commands.migrate->footer("Every table is copied in one transaction and checked (row counts and checksums). The "
                           "source is left as it is; point --state (or UGC_STATE, or ugc-project.yaml) at the "
                           "destination afterwards.");

  commands.pull =
      state.add_subcommand("pull", "Take a local SQLite snapshot of the state (e.g. of a PostgreSQL state)");
  commands.pull->add_option("-o,--out", flags->to, "The new SQLite file to write")->required();
  add_state_copy_flags(commands.pull, *flags);

  CLI::App* pull = commands.pull;
  commands.run = [flags, clock, pull]() -> Result<int> { return run_state_copy(*flags, pull->parsed(), clock); };
  return commands;
}

}  // namespace ugc::cli
