// ugc state: inspect and edit the local state store without touching the API.
//   list | show REF | mv OLD NEW | rm REF | unlock --force ID | upgrade
//   | check [--repair] | backup [-o FILE] | restore FILE | where
//   (migrate --to STATE | pull -o FILE: cmd_state_copy.cpp)
// Each takes --state FILE|postgres://... (default .ugc/state.db, or UGC_STATE)
// and --format text|json.
// Reading commands open the file read-only and never create it; writing
// commands take the state lock (waiting up to --lock-timeout).
#include <cstdio>
#include <iostream>
#include <memory>

#include "ugc/cli/command.hpp"
#include "ugc/cli/project_config.hpp"
#include "ugc/cli/state_copy_command.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/state/backup.hpp"
#include "ugc/state/integrity.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/migrations.hpp"
#include "ugc/state/repair.hpp"
#include "ugc/state/state_uri.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {

namespace {

using namespace ugc::state;

constexpr const char* kDefaultStatePath = ".ugc/state.db";

struct StateFlags {
  std::string state = kDefaultStatePath;
  std::string format = "text";
  std::string lock_timeout = "5s";
  std::string ref;
  std::string new_ref;
  std::string unlock_id;
  StateChoice choice;  // where `state` came from
  bool json() const { return format == "json"; }
};

void add_common_flags(CLI::App* app, StateFlags& flags, bool writes) {
  add_state_option(*app, flags.state, "State", &flags.choice);
  app->add_option("--format", flags.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  if (writes)
    app->add_option("--lock-timeout", flags.lock_timeout, "How long to wait for another run's lock (30s, 2m, 500ms)")
        ->capture_default_str();
}

void print_json(const OrderedJson& doc) { std::cout << doc.dump(2) << "\n"; }

// --- rendering --------------------------------------------------------------

OrderedJson account_json(const std::optional<KnownAccount>& a) {
  if (!a) return nullptr;
  return OrderedJson{{"username", a->username},          {"visible_name", a->visible_name},
                     {"biography", a->biography},        {"profile_picture_sha256", a->profile_picture_sha256},
                     {"status", a->status},              {"saved_account_id", a->saved_account_id}};
}

OrderedJson bundle_json(const KnownBundle& b) {
  return OrderedJson{{"kind", "bundle"},   {"ref", b.external_ref},
                     {"id", b.id},         {"campaign", b.campaign},
                     {"market", b.market}, {"country", b.country},
                     {"platform", b.platform}, {"index", b.index},
                     {"videos_quantity", b.videos_quantity}, {"status", b.status},
                     {"account", account_json(b.account)}};
}

OrderedJson slot_json(const KnownSlot& s) {
  return OrderedJson{{"kind", "slot"},
                     {"ref", s.external_ref},
                     {"bundle_ref", s.bundle_ref},
                     {"position", s.position},
                     {"video_id", s.video_id},
                     {"campaign_video", s.campaign_video},
                     {"media_sha256", s.media_sha256},
                     {"video_url", s.video_url},
                     {"caption", s.caption},
                     {"publish_date", s.publish_date},
                     {"status", s.status}};
}

OrderedJson media_json(const KnownMedia& m) {
  return OrderedJson{{"kind", "media"},
                     {"sha256", m.sha256},
                     {"purpose", m.purpose},
                     {"public_url", m.public_url},
                     {"storage_path", m.storage_path}};
}

OrderedJson lock_json(const std::optional<LockInfo>& lock) {
  if (!lock) return nullptr;
  return OrderedJson{{"id", lock->id},           {"pid", lock->pid},
                     {"host", lock->host},       {"command", lock->command},
                     {"acquired_at", lock->acquired_at}, {"stale", lock->stale},
                     {"campaign", lock->campaign}, {"legacy_row", lock->legacy}};
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string lock_line(const LockInfo& lock) {
  return (lock.campaign.empty() ? std::string() : "campaign " + lock.campaign + " ") + "locked by " + lock.id + ": `" + lock.command + "` (pid " + std::to_string(lock.pid) + " on " + lock.host +
         ", since " + lock.acquired_at + (lock.stale ? "; pid not running: stale?" : "") + ")";
}

void print_text(const OrderedJson& object) {
  for (const auto& [key, value] : object.items()) {
    if (key == "kind") continue;
    if (value.is_object()) {
      std::printf("%s:\n", key.c_str());
      for (const auto& [k, v] : value.items())
        std::printf("  %-22s %s\n", k.c_str(), v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
    } else {
      std::printf("%-24s %s\n", key.c_str(), value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
    }
  }
}

// --- opening ----------------------------------------------------------------

Result<Store> open_for_reading(const StateFlags& flags, std::shared_ptr<Clock> clock) {
  return Store::open(flags.state, {Access::read_only}, std::move(clock));
}

struct WriteSession {
  std::unique_ptr<Store> store;
  std::unique_ptr<StateLock> lock;
};

// The lock's wait (--lock-timeout) runs on `clock`, through the store.
// `create`: an empty database gets the schema (a missing file is still refused).
Result<WriteSession> open_for_writing(const StateFlags& flags, const std::string& command,
                                      std::shared_ptr<Clock> clock, bool create = false) {
  auto timeout = parse_lock_timeout(flags.lock_timeout);
  if (!timeout) return timeout.error();
  OpenMode mode{Access::read_write, create, std::max(*timeout, std::chrono::milliseconds(200))};
  auto store = Store::open(flags.state, mode, std::move(clock));
  if (!store) return store.error();
  WriteSession session{std::make_unique<Store>(std::move(*store)), nullptr};
  auto lock = acquire_lock(*session.store, {command, *timeout});
  if (!lock) return lock.error();
  session.lock = std::make_unique<StateLock>(std::move(*lock));
  return session;
}

// --- subcommands ------------------------------------------------------------

// Opens nothing: says which state the other commands would use, and why.
Result<int> run_where(const StateFlags& flags) {
  const std::string shown = redact_state_uri(flags.state);
  if (flags.json()) {
    print_json(OrderedJson{{"state", shown},
                           {"source", flags.choice.source},
                           {"config", flags.choice.config.empty() ? OrderedJson() : OrderedJson(flags.choice.config)}});
    return kExitOk;
  }
  if (flags.choice.source == "default")
    std::printf("%s (the default: no --state, no UGC_STATE, no state: in a %s here or above)\n", shown.c_str(),
                kProjectConfigName);
  else
    std::printf("%s (from %s)\n", shown.c_str(), flags.choice.source.c_str());
  return kExitOk;
}

Result<int> run_list(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto store = open_for_reading(flags, clock);
  if (!store) return store.error();
  auto known = store->load();
  if (!known) return known.error();
  auto locks = current_locks(*store);
  if (!locks) return locks.error();
  const std::optional<LockInfo> first =
      locks->empty() ? std::optional<LockInfo>() : std::optional<LockInfo>(locks->front());

  if (flags.json()) {
    OrderedJson doc = {{"state", redact_state_uri(flags.state)}, {"serial", known->serial}, {"lock", lock_json(first)}};
    doc["locks"] = OrderedJson::array();
    for (const auto& held : *locks) doc["locks"].push_back(lock_json(held));
    doc["bundles"] = OrderedJson::array();
    for (const auto& b : known->bundles) doc["bundles"].push_back(bundle_json(b));
    doc["slots"] = OrderedJson::array();
    for (const auto& s : known->slots) doc["slots"].push_back(slot_json(s));
    doc["media"] = OrderedJson::array();
    for (const auto& m : known->media) doc["media"].push_back(media_json(m));
    print_json(doc);
    return kExitOk;
  }
  std::printf("state %s (serial %lld)\n", redact_state_uri(flags.state).c_str(), known->serial);
  for (const auto& held : *locks) std::printf("%s\n", lock_line(held).c_str());
  if (known->bundles.empty() && known->media.empty()) std::printf("no resources recorded\n");
  for (const auto& b : known->bundles)
    std::printf("bundle  %-36s id %-10s %-14s account %s\n", b.external_ref.c_str(), or_dash(b.id).c_str(),
                or_dash(b.status).c_str(), b.account ? or_dash(b.account->username).c_str() : "-");
  for (const auto& s : known->slots)
    std::printf("slot    %-36s %s #%d  video %-8s %-12s %s\n", s.external_ref.c_str(), s.bundle_ref.c_str(),
                s.position, or_dash(s.video_id).c_str(), or_dash(s.status).c_str(), or_dash(s.publish_date).c_str());
  for (const auto& m : known->media)
    std::printf("media   %-16.16s %-16s %s\n", m.sha256.c_str(), m.purpose.c_str(), or_dash(m.public_url).c_str());
  return kExitOk;
}

Result<int> run_show(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto store = open_for_reading(flags, clock);
  if (!store) return store.error();
  auto bundle = store->find_bundle(flags.ref);
  if (!bundle) return bundle.error();
  OrderedJson doc;
  if (*bundle) {
    doc = bundle_json(**bundle);
    auto known = store->load((*bundle)->campaign);
    if (!known) return known.error();
    doc["slots"] = OrderedJson::array();
    for (const auto& s : known->slots)
      if (s.bundle_ref == flags.ref) doc["slots"].push_back(s.external_ref);
  } else {
    auto slot = store->find_slot(flags.ref);
    if (!slot) return slot.error();
    if (!*slot) return not_found("no bundle or slot " + flags.ref + " in state " + redact_state_uri(flags.state));
    doc = slot_json(**slot);
  }
  if (flags.json()) {
    print_json(doc);
    return kExitOk;
  }
  std::printf("%s %s\n", doc["kind"].get<std::string>().c_str(), flags.ref.c_str());
  OrderedJson fields = doc;
  fields.erase("ref");
  if (fields.contains("slots")) {
    std::string joined;
    for (const auto& s : fields["slots"]) joined += (joined.empty() ? "" : " ") + s.get<std::string>();
    fields["slots"] = joined;
  }
  print_text(fields);
  return kExitOk;
}

Result<int> run_mv(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto session = open_for_writing(flags, "ugc state mv " + flags.ref + " " + flags.new_ref, clock);
  if (!session) return session.error();
  auto kind = session->store->move(flags.ref, flags.new_ref);
  if (!kind) return kind.error();
  auto serial = session->store->serial();
  if (!serial) return serial.error();
  if (flags.json())
    print_json({{"moved", {{"kind", to_string(*kind)}, {"from", flags.ref}, {"to", flags.new_ref}}}, {"serial", *serial}});
  else
    std::printf("moved %s %s to %s\n", to_string(*kind), flags.ref.c_str(), flags.new_ref.c_str());
  return kExitOk;
}

Result<int> run_rm(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto session = open_for_writing(flags, "ugc state rm " + flags.ref, clock);
  if (!session) return session.error();
  auto removal = session->store->remove(flags.ref);
  if (!removal) return removal.error();
  auto serial = session->store->serial();
  if (!serial) return serial.error();
  if (flags.json()) {
    print_json({{"removed", {{"kind", to_string(removal->kind)}, {"ref", flags.ref}, {"slots_removed", removal->slots_removed}}},
                {"serial", *serial}});
  } else {
    std::printf("forgot %s %s", to_string(removal->kind), flags.ref.c_str());
    if (removal->kind == RefKind::bundle) std::printf(" and its %d slot(s)", removal->slots_removed);
    std::printf(" (nothing was changed at TokPortal)\n");
  }
  return kExitOk;
}

Result<int> run_unlock(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  // No lock to take here: breaking the lock is the point.
  auto store = Store::open(flags.state, {Access::read_write}, clock);
  if (!store) return store.error();
  auto broken = force_unlock(*store, flags.unlock_id);
  if (!broken) return broken.error();
  if (flags.json())
    print_json({{"unlocked", lock_json(*broken)}});
  else
    std::printf("broke the state lock: %s\n", lock_line(*broken).c_str());
  return kExitOk;
}

Result<int> run_upgrade(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  // An empty PostgreSQL database is where a team's state starts: upgrade makes its schema.
  auto session = open_for_writing(flags, "ugc state upgrade", clock, is_postgres_uri(flags.state));
  if (!session) return session.error();  // opening read-write applied the migrations
  if (flags.json())
    print_json({{"state", redact_state_uri(flags.state)}, {"schema_version", latest_schema_version()}});
  else
    std::printf("state %s is at schema version %d\n", redact_state_uri(flags.state).c_str(), latest_schema_version());
  return kExitOk;
}

void print_open_entries(const StateFlags& flags, const std::vector<JournalRecord>& open_entries) {
  if (flags.json()) return;
  if (!open_entries.empty())
    std::printf("%zu request(s) were started by an interrupted run and not recorded as finished; the next "
                "`ugc apply` reconciles them\n",
                open_entries.size());
  for (const auto& r : open_entries)
    std::printf("  #%lld %s %s %s (action %s, since %s)\n", r.id, r.entry.method.c_str(), r.entry.path.c_str(),
                r.entry.idempotency_key.c_str(), r.entry.action_id.c_str(), r.started_at.c_str());
}

OrderedJson open_entries_json(const std::vector<JournalRecord>& open_entries) {
  OrderedJson list = OrderedJson::array();
  for (const auto& r : open_entries)
    list.push_back({{"id", r.id},
                    {"action_id", r.entry.action_id},
                    {"method", r.entry.method},
                    {"path", r.entry.path},
                    {"idempotency_key", r.entry.idempotency_key},
                    {"started_at", r.started_at}});
  return list;
}

Result<int> run_repair(const StateFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto report = repair_state(flags.state, clock);
  if (!report) return report.error();
  if (flags.json()) {
    OrderedJson tables = OrderedJson::array();
    for (const auto& t : report->tables)
      tables.push_back({{"table", t.table}, {"rows_kept", t.copied}, {"rows_dropped", t.rejected}, {"lost", t.lost}});
    print_json({{"state", redact_state_uri(flags.state)}, {"repaired", true}, {"complete", report->complete()},
                {"damaged_file_kept_as", report->damaged_kept_as}, {"tables", tables}});
    return kExitOk;
  }
  std::printf("repaired %s; the damaged file is kept as %s\n", redact_state_uri(flags.state).c_str(), report->damaged_kept_as.c_str());
  for (const auto& t : report->tables) {
    std::printf("  %-20s %lld row(s) kept", t.table.c_str(), t.copied);
    if (t.rejected > 0) std::printf(", %lld dropped (they referred to lost rows)", t.rejected);
    if (!t.lost.empty()) std::printf("; lost: %s", t.lost.c_str());
    std::printf("\n");
  }
  std::printf(report->complete() ? "every row was recovered\n"
                                 : "some rows were lost: the next `ugc apply` finds resources the state forgot by "
                                   "their external_ref at TokPortal; check `ugc plan` before applying\n");
  return kExitOk;
}

// check, backup and restore work on the SQLite file; a PostgreSQL state is
// checked and backed up by its server, and copied locally by `ugc state pull`.
Status refuse_file_command(const StateFlags& flags, const char* command) {
  if (!is_postgres_uri(flags.state)) return {};
  return invalid_input(std::string("`ugc state ") + command + "` works on an SQLite state file; " +
                       redact_state_uri(flags.state) +
                       " is PostgreSQL: take a local copy with `ugc state pull -o FILE.db` instead");
}

// Damage, and journal entries an interrupted run left open (apply
// reconciles those on its next run). Opens the file without the integrity
// check that refuses damaged files everywhere else: reporting it is the point.
Result<int> run_check(const StateFlags& flags, bool repair, const std::shared_ptr<Clock>& clock) {
  UGC_TRY(refuse_file_command(flags, repair ? "check --repair" : "check"));
  std::vector<std::string> problems;
  std::vector<JournalRecord> open_entries;
  {
    OpenMode mode{Access::read_only};
    mode.verify_integrity = false;
    auto store = Store::open(flags.state, mode, clock);
    if (!store) return store.error();
    auto found = store->quick_check();
    if (!found) return found.error();
    problems = std::move(*found);
    if (problems.empty()) {
      auto open = open_journal_entries(*store);
      if (!open) return open.error();
      open_entries = std::move(*open);
    }
  }
  if (!problems.empty() && repair) {
    if (!flags.json())
      for (const auto& p : problems) std::printf("damage: %s\n", p.c_str());
    return run_repair(flags, clock);
  }
  if (flags.json()) {
    print_json({{"state", redact_state_uri(flags.state)}, {"ok", problems.empty()}, {"problems", problems},
                {"open_journal_entries", open_entries_json(open_entries)}});
  } else {
    if (problems.empty()) std::printf("state %s: no damage found%s\n", redact_state_uri(flags.state).c_str(), repair ? ", nothing to repair" : "");
    for (const auto& p : problems) std::printf("damage: %s\n", p.c_str());
    print_open_entries(flags, open_entries);
  }
  if (!problems.empty()) return damaged_state(flags.state, problems);
  return kExitOk;
}

Result<int> run_backup(const StateFlags& flags, const std::string& out, const std::shared_ptr<Clock>& clock) {
  UGC_TRY(refuse_file_command(flags, "backup"));
  auto store = open_for_reading(flags, clock);
  if (!store) return store.error();
  std::string written = out;
  if (out.empty()) {
    auto rotated = rotate_backup(*store);
    if (!rotated) return rotated.error();
    written = *rotated;
  } else {
    UGC_TRY(backup_to(*store, out));
  }
  if (flags.json())
    print_json({{"state", redact_state_uri(flags.state)}, {"backup", written}});
  else
    std::printf("backed up %s to %s\n", redact_state_uri(flags.state).c_str(), written.c_str());
  return kExitOk;
}

Result<int> run_restore(const StateFlags& flags, const std::string& backup, const std::shared_ptr<Clock>& clock) {
  UGC_TRY(refuse_file_command(flags, "restore"));
  auto kept = restore_backup(flags.state, backup, clock);
  if (!kept) return kept.error();
  if (flags.json()) {
    print_json({{"state", redact_state_uri(flags.state)}, {"restored_from", backup}, {"replaced_file_kept_as", *kept}});
    return kExitOk;
  }
  std::printf("restored %s from %s", redact_state_uri(flags.state).c_str(), backup.c_str());
  if (!kept->empty()) std::printf("; the file it replaced is kept as %s", kept->c_str());
  std::printf("\n");
  return kExitOk;
}

}  // namespace

CommandRun define_state(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<StateFlags>();
  sub.require_subcommand(1);

  CLI::App* list = sub.add_subcommand("list", "List the bundles, slots and media recorded in the state");
  add_common_flags(list, *flags, false);

  CLI::App* show = sub.add_subcommand("show", "Show one bundle or slot");
  show->add_option("REF", flags->ref, "external_ref of a bundle or slot")->required();
  add_common_flags(show, *flags, false);

  CLI::App* mv = sub.add_subcommand("mv", "Rename a bundle or slot ref (its slots and account follow)");
  mv->add_option("OLD", flags->ref, "current external_ref")->required();
  mv->add_option("NEW", flags->new_ref, "new external_ref")->required();
  add_common_flags(mv, *flags, true);

  CLI::App* rm = sub.add_subcommand("rm", "Forget a bundle (with its slots) or a slot; TokPortal is not touched");
  rm->add_option("REF", flags->ref, "external_ref of a bundle or slot")->required();
  add_common_flags(rm, *flags, true);

  CLI::App* unlock = sub.add_subcommand("unlock", "Break an old-style lock row left by an older ugc (locks of this version are released by the OS)");
  unlock->add_option("--force", flags->unlock_id, "Holder id of the lock to break (shown in the lock error)")
      ->required();
  add_common_flags(unlock, *flags, false);

  CLI::App* upgrade = sub.add_subcommand("upgrade", "Migrate the state file to this ugc's schema");
  add_common_flags(upgrade, *flags, true);

  CLI::App* check = sub.add_subcommand("check", "Check the state file for damage and interrupted runs");
  add_common_flags(check, *flags, false);
  auto repair = std::make_shared<bool>(false);
  check->add_flag("--repair", *repair,
                  "Rebuild a damaged file from its readable rows; the damaged file is kept as "
                  "<state>.damaged-<time> and the rows that were lost are listed");
  check->footer("Every ugc command runs this check (PRAGMA quick_check) when it opens the state and refuses a "
                "damaged file without writing to it.");

  auto backup_out = std::make_shared<std::string>();
  CLI::App* backup = sub.add_subcommand(
      "backup", "Copy the state file consistently (SQLite backup API), by default into <state>.backups/");
  backup->add_option("-o,--out", *backup_out, "Write the backup to FILE instead");
  add_common_flags(backup, *flags, false);
  backup->footer("Default backups are named <state file name>.<UTC time>; the newest 5 are kept. "
                 "`ugc apply` makes one before each run.");

  auto restore_from = std::make_shared<std::string>();
  CLI::App* restore = sub.add_subcommand("restore", "Put a backup in place of the state file (the replaced file is kept)");
  restore->add_option("FILE", *restore_from, "Backup to restore, e.g. from <state>.backups/")->required();
  add_common_flags(restore, *flags, false);

  StateCopyCommands copy = define_state_copy_commands(sub, clock);

  CLI::App* where = sub.add_subcommand("where", "Print which state the other commands use and where that choice "
                                                "came from (--state, UGC_STATE, " +
                                                    std::string(kProjectConfigName) + " or the default)");
  add_common_flags(where, *flags, false);

  return [=]() -> Result<int> {
    if (where->parsed()) return run_where(*flags);
    if (copy.parsed()) return copy.run();
    if (list->parsed()) return run_list(*flags, clock);
    if (show->parsed()) return run_show(*flags, clock);
    if (mv->parsed()) return run_mv(*flags, clock);
    if (rm->parsed()) return run_rm(*flags, clock);
    if (unlock->parsed()) return run_unlock(*flags, clock);
    if (upgrade->parsed()) return run_upgrade(*flags, clock);
    if (check->parsed()) return run_check(*flags, *repair, clock);
    if (backup->parsed()) return run_backup(*flags, *backup_out, clock);
    if (restore->parsed()) return run_restore(*flags, *restore_from, clock);
    return fatal_error("ugc state: no subcommand");
  };
}

}  // namespace ugc::cli
