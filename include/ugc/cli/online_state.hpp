#pragma once
// What `ugc refresh`, `ugc import` and `ugc plan --refresh` share: an API
// client from --api-url / --api-key-file (or the environment), the state file
// opened read-write under the state lock (they write what they observed), and
// the campaign file's desired resources.
#include <memory>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/store.hpp"

namespace CLI {
class App;
}

namespace ugc::cli {

struct OnlineFlags {
  std::string api_url;
  std::string api_key_file;
  std::string lock_timeout = "0";
};

// --api-url, --api-key-file, --lock-timeout.
void add_online_options(CLI::App& sub, OnlineFlags& flags);

// The API client of every command that talks to TokPortal: the base URL and
// key from --api-url / --api-key-file or the environment, over curl, with the
// requests counted per thread (apply::ObservedTransport) for run summaries.
Result<std::shared_ptr<api::Client>> online_client(const std::string& api_url, const std::string& api_key_file,
                                                   std::shared_ptr<Clock> clock);
Result<std::shared_ptr<api::Client>> online_client(const OnlineFlags& flags, std::shared_ptr<Clock> clock);

// The Store and its lock; the lock is released before the Store goes away.
struct LockedState {
  std::unique_ptr<state::Store> store;
  std::unique_ptr<state::StateLock> lock;
  ~LockedState();
  LockedState() = default;
  LockedState(LockedState&&) = default;
  LockedState& operator=(LockedState&&) = default;
};

// Opens `path` read-write (creating it when `create_if_missing`) and takes
// the lock for `command`. A damaged file is refused before anything is written.
Result<LockedState> open_locked_state(const std::string& path, bool create_if_missing, const OnlineFlags& flags,
                                      const std::string& command, std::shared_ptr<Clock> clock);

// Loads, checks and expands the campaign file.
Result<expand::DesiredResources> desired_of_file(const std::string& file, const std::vector<std::string>& media_roots);

}  // namespace ugc::cli
