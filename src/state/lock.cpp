#include "ugc/state/lock.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <random>

#include "store_impl.hpp"

namespace ugc::state {

namespace {

constexpr const char* kLockName = "state";
constexpr std::chrono::milliseconds kPollInterval{50};

std::string this_host() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

std::string new_holder_id() {
  std::random_device random;
  std::uniform_int_distribution<unsigned> digit(0, 15);
  std::string id(12, '0');
  for (char& c : id) c = "0123456789abcdef"[digit(random)];
  return id;
}

bool looks_stale(const LockInfo& info) {
  if (info.host != this_host() || info.pid <= 0) return false;
  return ::kill(static_cast<pid_t>(info.pid), 0) != 0 && errno == ESRCH;
}

Result<std::optional<LockInfo>> read_lock(SqliteDb& db) {
  auto st = db.cached("SELECT holder_id, pid, host, command, acquired_at FROM locks WHERE name = ?1");
  if (!st) return st.error();
  (*st)->bind(1, kLockName);
  auto row = (*st)->step();
  if (!row) return row.error().with_context("reading the state lock");
  std::optional<LockInfo> info;
  if (*row) {
    info = LockInfo{(*st)->text(0), (*st)->integer(1), (*st)->text(2), (*st)->text(3), (*st)->text(4), false};
    info->stale = looks_stale(*info);
  }
  (*st)->reset();
  return info;
}

Error held_by(const std::string& path, const LockInfo& holder, std::chrono::milliseconds waited) {
  std::string message = "state file " + path + " is locked by " + holder.id + ": `" + holder.command + "` (pid " +
                        std::to_string(holder.pid) + " on " + holder.host + ", since " + holder.acquired_at +
                        "); waited " + std::to_string(waited.count()) + " ms";
  const std::string unlock = "`ugc state unlock --force " + holder.id + " --state " + path + "`";
  if (holder.stale)
    message += "; pid " + std::to_string(holder.pid) +
               " is not running on this host, so the lock looks stale: if no ugc run is active, break it with " + unlock;
  else
    message += "; wait for that run to finish (or raise --lock-timeout); if it is dead, break the lock with " + unlock;
  return conflict(message);
}

// One attempt: takes the lock if free; returns the holder otherwise.
Result<std::optional<LockInfo>> try_take(Store::Impl& impl, const LockInfo& mine) {
  WriteScope scope(impl);
  UGC_TRY(scope.begin());
  auto holder = read_lock(scope.db());
  if (!holder) return holder.error();
  if (*holder) return *holder;
  auto st = scope.db().cached(
      "INSERT INTO locks (name, holder_id, pid, host, command, acquired_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return st.error();
  (*st)->bind(1, kLockName).bind(2, mine.id).bind(3, mine.pid).bind(4, mine.host).bind(5, mine.command);
  (*st)->bind(6, mine.acquired_at);
  UGC_TRY((*st)->run().context("taking the state lock"));
  UGC_TRY(scope.commit());
  return std::optional<LockInfo>();
}

}  // namespace

Result<StateLock> acquire_lock(Store& store, const LockRequest& request) {
  Clock& clock = *store.impl().clock;
  const auto start = clock.monotonic_now();
  const auto deadline = start + request.timeout;
  LockInfo mine{new_holder_id(), static_cast<long long>(::getpid()), this_host(), request.command, "", false};
  for (;;) {
    mine.acquired_at = store.impl().now_iso();
    auto holder = try_take(store.impl(), mine);
    if (!holder) return holder.error();
    if (!*holder) return StateLock(&store.impl(), mine);
    const auto now = clock.monotonic_now();
    if (now >= deadline)
      return held_by(store.path(), **holder, std::chrono::duration_cast<std::chrono::milliseconds>(now - start));
    clock.sleep(std::min<Clock::duration>(kPollInterval, deadline - now));
  }
}

StateLock::StateLock(StateLock&& other) noexcept : impl_(other.impl_), info_(std::move(other.info_)) {
  other.impl_ = nullptr;
}

StateLock::~StateLock() {
  if (auto s = release(); !s) spdlog::warn("releasing the state lock: {}", s.error().message());
}

Status StateLock::release() {
  if (!impl_) return {};
  Store::Impl& impl = *impl_;
  impl_ = nullptr;
  WriteScope scope(impl);
  UGC_TRY(scope.begin());
  auto st = scope.db().cached("DELETE FROM locks WHERE name = ?1 AND holder_id = ?2");
  if (!st) return st.error();
  (*st)->bind(1, kLockName).bind(2, info_.id);
  UGC_TRY((*st)->run().context("releasing the state lock"));
  return scope.commit();
}

Result<LockInfo> force_unlock(Store& store, const std::string& id) {
  WriteScope scope(store.impl());
  UGC_TRY(scope.begin());
  auto holder = read_lock(scope.db());
  if (!holder) return holder.error();
  if (!*holder) return not_found("state file " + store.path() + " is not locked");
  if ((*holder)->id != id)
    return not_found("state file " + store.path() + " is not locked by " + id + " (it is locked by " + (*holder)->id +
                     ": `" + (*holder)->command + "`, pid " + std::to_string((*holder)->pid) + " on " +
                     (*holder)->host + ")");
  auto st = scope.db().cached("DELETE FROM locks WHERE name = ?1 AND holder_id = ?2");
  if (!st) return st.error();
  (*st)->bind(1, kLockName).bind(2, id);
  UGC_TRY((*st)->run().context("breaking the state lock"));
  UGC_TRY(scope.commit());
  return **holder;
}

Result<std::optional<LockInfo>> current_lock(Store& store) {
  std::lock_guard hold(store.impl().mu);
  return read_lock(*store.impl().db);
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
