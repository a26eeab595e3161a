#include "ugc/state/lock.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>

#include "lock_holder.hpp"
#include "pg_lock.hpp"
#include "store_impl.hpp"
#include "ugc/state/state_uri.hpp"
#include "ugc/core/json.hpp"

namespace ugc::state {

namespace {

constexpr const char* kLegacyLockName = "state";
constexpr const char* kStateLockFile = "state.lock";
constexpr const char* kCampaignPrefix = "campaign-";
constexpr std::chrono::milliseconds kPollInterval{50};

// A campaign id as a file name: anything but [A-Za-z0-9._-] becomes '_'.
std::string campaign_file_name(const std::string& campaign) {
  std::string name = campaign;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  if (name.empty() || name[0] == '.') name.insert(0, "_");
  return kCampaignPrefix + name + ".lock";
}

std::string lock_file_path(const std::string& state_path, const std::string& campaign) {
  return lock_directory(state_path) + "/" + (campaign.empty() ? kStateLockFile : campaign_file_name(campaign));
}

Result<int> open_lock_file(const std::string& path) {
  const std::string dir = path.substr(0, path.rfind('/'));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return io_error("cannot create the lock directory " + dir + ": " + std::strerror(errno));
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot open the lock file " + path + ": " + std::strerror(errno));
  return fd;
}

struct flock whole_file(short type) {
  struct flock fl {};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  return fl;
}

// true: taken; false: another open file description holds a conflicting lock.
Result<bool> try_lock(int fd, short type, const std::string& path) {
  struct flock fl = whole_file(type);
  if (::fcntl(fd, F_OFD_SETLK, &fl) == 0) return true;
  if (errno == EAGAIN || errno == EACCES) return false;
  return io_error("cannot lock " + path + ": " + std::strerror(errno));
}

// The type of a lock another holder has that conflicts with `type` (F_UNLCK: none).
short conflicting_lock(const std::string& path, short type) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return F_UNLCK;
  struct flock fl = whole_file(type);
  short found = ::fcntl(fd, F_OFD_GETLK, &fl) == 0 ? fl.l_type : F_UNLCK;
  ::close(fd);
  return found;
}

void write_record(int fd, const LockInfo& info) {
  const std::string line = Json{{"id", info.id},
                                {"pid", info.pid},
                                {"host", info.host},
                                {"command", info.command},
                                {"acquired_at", info.acquired_at},
                                {"campaign", info.campaign}}
                               .dump() +
                           "\n";
  // Only names the holder; the lock itself does not depend on it.
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, line.data(), line.size(), 0) < 0)
    spdlog::debug("could not write the lock holder's record: {}", std::strerror(errno));
}

LockInfo read_record(const std::string& path, const std::string& campaign) {
  LockInfo info;
  info.id = "?";
  info.command = "unknown";
  info.campaign = campaign;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return info;
  char buf[4096];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n <= 0) return info;
  Json record = Json::parse(std::string(buf, static_cast<size_t>(n)), nullptr, false);
  if (!record.is_object()) return info;
  info.id = record.value("id", info.id);
  info.pid = record.value("pid", 0LL);
  info.host = record.value("host", "");
  info.command = record.value("command", info.command);
  info.acquired_at = record.value("acquired_at", "");
  return info;
}

// The campaigns whose lock files are held now, with their records.
std::vector<LockInfo> held_campaign_locks(const std::string& state_path) {
  std::vector<LockInfo> held;
  const std::string dir = lock_directory(state_path);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return held;
  const std::string prefix = kCampaignPrefix;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.rfind(prefix, 0) != 0 || name.size() < prefix.size() + 5) continue;
    const std::string path = dir + "/" + name;
    if (conflicting_lock(path, F_WRLCK) == F_UNLCK) continue;
    const std::string campaign = name.substr(prefix.size(), name.size() - prefix.size() - 5);
    held.push_back(read_record(path, campaign));
  }
  ::closedir(d);
  std::sort(held.begin(), held.end(), [](const LockInfo& a, const LockInfo& b) { return a.campaign < b.campaign; });
  return held;
}

bool pid_gone(const LockInfo& info) {
  if (info.host != this_host() || info.pid <= 0) return false;
  return ::kill(static_cast<pid_t>(info.pid), 0) != 0 && errno == ESRCH;
}

std::string describe(const LockInfo& holder) {
  return holder.id + ": `" + holder.command + "` (pid " + std::to_string(holder.pid) + " on " + holder.host +
         ", since " + holder.acquired_at + ")";
}

std::string scope_name(const std::string& state_path, const std::string& campaign) {
  return campaign.empty() ? "state file " + state_path : "campaign " + campaign + " in state file " + state_path;
}

Error held_by(const std::string& state_path, const std::string& campaign, const std::vector<LockInfo>& holders,
              std::chrono::milliseconds waited) {
  std::string message = scope_name(state_path, campaign) + " is locked by ";
  for (size_t i = 0; i < holders.size(); ++i) {
    if (i > 0) message += ", ";
    message += describe(holders[i]);
    if (holders[i].legacy) message += " [a lock row of an older ugc]";
  }
  if (holders.empty()) message += "another run";
  message += "; waited " + std::to_string(waited.count()) + " ms";
  const LockInfo* legacy = holders.size() == 1 && holders[0].legacy ? &holders[0] : nullptr;
  if (legacy) {
    const std::string unlock = "`ugc state unlock --force " + legacy->id + " --state " + state_path + "`";
    message += legacy->stale ? "; that process is not running, so the row is stale: break it with " + unlock
                             : "; wait for that run to finish (or raise --lock-timeout); if it is dead, break the "
                               "row with " + unlock;
  } else {
    message += "; wait for that run to finish (or raise --lock-timeout): the lock is released when its holder "
               "exits, even if it is killed";
  }
  return conflict(message);
}

}  // namespace

std::string lock_directory(const std::string& state_path) { return state_path + ".locks"; }

// Takes and records the operating-system locks of one request.
class LockTaker {
 public:
  LockTaker(const std::string& state_path, const LockRequest& request) : state_path_(state_path), request_(request) {}

  // A held lock, or nullopt when another run is in the way (then blockers() names it).
  Result<std::optional<StateLock>> attempt(const std::string& now_iso) {
    std::vector<int> fds;
    auto fail = [&fds] {
      for (int fd : fds) ::close(fd);
    };
    const std::string state_file = lock_file_path(state_path_, "");
    auto whole = open_lock_file(state_file);
    if (!whole) return whole.error();
    fds.push_back(*whole);
    const short whole_type = request_.campaign.empty() ? F_WRLCK : F_RDLCK;
    auto taken = try_lock(*whole, whole_type, state_file);
    if (!taken || !*taken) {
      fail();
      if (!taken) return taken.error();
      note_state_blockers(state_file);
      return std::optional<StateLock>();
    }
    int record_fd = *whole;
    if (!request_.campaign.empty()) {
      const std::string mine = lock_file_path(state_path_, request_.campaign);
      auto fd = open_lock_file(mine);
      if (!fd) {
        fail();
        return fd.error();
      }
      fds.push_back(*fd);
      auto got = try_lock(*fd, F_WRLCK, mine);
      if (!got || !*got) {
        fail();
        if (!got) return got.error();
        blockers_ = {read_record(mine, request_.campaign)};
        return std::optional<StateLock>();
      }
      record_fd = *fd;
    }
    LockInfo info{new_holder_id(), static_cast<long long>(::getpid()), this_host(), request_.command, now_iso,
                  false, request_.campaign, false};
    write_record(record_fd, info);
    return std::optional<StateLock>(StateLock(std::move(fds), std::move(info)));
  }

  void set_blockers(std::vector<LockInfo> holders) { blockers_ = std::move(holders); }
  const std::vector<LockInfo>& blockers() const { return blockers_; }

 private:
  void note_state_blockers(const std::string& state_file) {
    if (conflicting_lock(state_file, F_WRLCK) == F_WRLCK)
      blockers_ = {read_record(state_file, "")};
    else
      blockers_ = held_campaign_locks(state_path_);
  }

  const std::string& state_path_;
  const LockRequest& request_;
  std::vector<LockInfo> blockers_;
};

namespace {

// An old-style lock row, if any; a row of a dead process on this host is removed.
Result<std::optional<LockInfo>> legacy_row(Store::Impl& impl, bool remove_stale) {
  WriteScope scope(impl);
  if (impl.access == Access::read_write) UGC_TRY(scope.begin());
  auto st = scope.db().cached("SELECT holder_id, pid, host, command, acquired_at FROM locks WHERE name = ?1");
  if (!st) return st.error();
  (*st)->bind(1, kLegacyLockName);
  auto row = (*st)->step();
  if (!row) return row.error().with_context("reading the state lock row");
  std::optional<LockInfo> info;
  if (*row) {
    info = LockInfo{(*st)->text(0), (*st)->integer(1), (*st)->text(2), (*st)->text(3), (*st)->text(4), false, "", true};
    info->stale = pid_gone(*info);
  }
  (*st)->reset();
  if (info && info->stale && remove_stale && impl.access == Access::read_write) {
    auto del = scope.db().cached("DELETE FROM locks WHERE name = ?1 AND holder_id = ?2");
    if (!del) return del.error();
    (*del)->bind(1, kLegacyLockName).bind(2, info->id);
    UGC_TRY((*del)->run().context("removing a stale lock row"));
    spdlog::warn("removed the lock row of an older ugc left by {} (pid {} is gone)", describe(*info), info->pid);
    info.reset();
  }
  if (impl.access == Access::read_write) UGC_TRY(scope.commit());
  return info;
}

using LegacyCheck = std::function<Result<std::optional<LockInfo>>()>;

Result<StateLock> acquire(const std::string& state_path, Clock& clock, const LockRequest& request,
                          const std::function<std::string()>& now_iso, const LegacyCheck& legacy) {
  const auto start = clock.monotonic_now();
  const auto deadline = start + request.timeout;
  LockTaker taker(state_path, request);
  for (;;) {
    auto held = taker.attempt(now_iso());
    if (!held) return held.error();
    if (*held && legacy) {
      auto row = legacy();
      if (!row) return row.error();
      if (*row) {
        taker.set_blockers({**row});
        held->reset();  // releases: an older ugc's live run is in the way
      }
    }
    if (*held) return std::move(**held);
    const auto now = clock.monotonic_now();
    if (now >= deadline)
      return held_by(state_path, request.campaign, taker.blockers(),
                     std::chrono::duration_cast<std::chrono::milliseconds>(now - start));
    clock.sleep(std::min<Clock::duration>(kPollInterval, deadline - now));
  }
}

}  // namespace

Result<StateLock> acquire_lock(const std::string& state_path, Clock& clock, const LockRequest& request) {
  auto now = [&clock] { return iso_utc(clock.wall_now()); };
  if (is_postgres_uri(state_path)) return acquire_pg_lock(state_path, clock, request, now);
  return acquire(state_path, clock, request, now, nullptr);
}

Result<StateLock> acquire_lock(Store& store, const LockRequest& request) {
  Store::Impl& impl = store.impl();
  auto now = [&impl] { return impl.now_iso(); };
  if (impl.db->dialect() == Dialect::postgres) return acquire_pg_lock(impl.connect_uri, *impl.clock, request, now);
  LegacyCheck legacy = [&impl] { return legacy_row(impl, true); };
  return acquire(store.path(), *impl.clock, request, now, legacy);
}

StateLock::StateLock(StateLock&& other) noexcept
    : fds_(std::move(other.fds_)),
      session_(std::move(other.session_)),
      held_check_(std::move(other.held_check_)),
      info_(std::move(other.info_)) {
  other.fds_.clear();
  other.held_check_ = nullptr;
}

StateLock::~StateLock() {
  if (auto s = release(); !s) spdlog::warn("releasing the state lock: {}", s.error().message());
}

Status StateLock::release() {
  // Closing the last descriptor of an open file description drops its lock.
  // The record stays in the file: it names nobody once the lock is free.
  for (int fd : fds_) ::close(fd);
  fds_.clear();
  // Closing the connection ends the session: the server drops its advisory locks.
  held_check_ = nullptr;
  session_.reset();
  return {};
}

Status StateLock::verify_held() const {
  // A released lock is not held; a lock file is held while the process lives.
  if (fds_.empty() && !session_) return Error(ErrorKind::conflict, "the state lock was released", "STATE_LOCK_LOST");
  return held_check_ ? held_check_() : Status{};
}

Result<LockInfo> force_unlock(Store& store, const std::string& id) {
  auto locks = current_locks(store);
  if (!locks) return locks.error();
  if (store.impl().db->dialect() == Dialect::postgres) {
    for (const LockInfo& held : *locks)
      if (held.id == id)
        return conflict(scope_name(store.path(), held.campaign) + " is locked by " + describe(held) +
                        ": its lock is never broken; the server releases it when that run's connection ends");
    return not_found("PostgreSQL state " + store.path() + " has no lock held by " + id +
                     " (its locks are released by the server when their holder dies: none is ever stale)");
  }
  for (const LockInfo& held : *locks) {
    if (held.id != id || held.legacy) continue;
    return conflict(scope_name(store.path(), held.campaign) + " is locked by " + describe(held) +
                    ", a live process: its lock is never broken; the operating system releases it when that "
                    "process exits (even if it is killed)");
  }
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto row = legacy_row(store.impl(), false);
  if (!row) return row.error();
  if (!*row) return not_found("state file " + store.path() + " has no lock row held by " + id);
  if ((*row)->id != id)
    return not_found("state file " + store.path() + " is not locked by " + id + " (its lock row is held by " +
                     describe(**row) + ")");
  auto st = scope.db().cached("DELETE FROM locks WHERE name = ?1 AND holder_id = ?2");
  if (!st) return st.error();
  (*st)->bind(1, kLegacyLockName).bind(2, id);
  UGC_TRY((*st)->run().context("breaking the state lock row"));
  UGC_TRY(scope.commit());
  return **row;
}

Result<std::vector<LockInfo>> current_locks(Store& store) {
  if (store.impl().db->dialect() == Dialect::postgres) return current_pg_locks(store.impl().connect_uri);
  std::vector<LockInfo> locks;
  const std::string state_file = lock_file_path(store.path(), "");
  if (conflicting_lock(state_file, F_RDLCK) == F_WRLCK)
    locks.push_back(read_record(state_file, ""));
  for (auto& held : held_campaign_locks(store.path())) locks.push_back(std::move(held));
  std::lock_guard hold(store.impl().mu);
  auto row = legacy_row(store.impl(), false);
  if (!row) return row.error();
  if (*row) locks.push_back(**row);
  return locks;
}

Result<std::optional<LockInfo>> current_lock(Store& store) {
  auto locks = current_locks(store);
  if (!locks) return locks.error();
  if (locks->empty()) return std::optional<LockInfo>();
  return std::optional<LockInfo>(locks->front());
}

Result<std::chrono::milliseconds> parse_lock_timeout(std::string_view text) {
  auto bad = [&] {
    return invalid_input("--lock-timeout \"" + std::string(text) + "\": expected a duration such as 30s, 2m or 500ms");
  };
  long long amount = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
  if (ec != std::errc() || end == text.data() || amount < 0) return bad();
  std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  if (unit.empty() || unit == "s") return std::chrono::milliseconds(amount * 1000);
  if (unit == "ms") return std::chrono::milliseconds(amount);
  if (unit == "m") return std::chrono::milliseconds(amount * 60 * 1000);
  return bad();
}

}  // namespace ugc::state
