#include "ugc/cli/online_state.hpp"

#include <CLI/CLI.hpp>

#include "ugc/api/api_config.hpp"
#include "ugc/api/curl_transport.hpp"
#include "ugc/apply/observed_transport.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::cli {

void add_online_options(CLI::App& sub, OnlineFlags& flags) {
  sub.add_option("--api-url", flags.api_url, "API base URL (default: TOKPORTAL_BASE_URL or the TokPortal API)");
  sub.add_option("--api-key-file", flags.api_key_file, "File holding the API key (default: TOKPORTAL_API_KEY)");
  sub.add_option("--lock-timeout", flags.lock_timeout, "Wait this long for another run's state lock (e.g. 30s)")
      ->capture_default_str();
}

Result<std::shared_ptr<api::Client>> online_client(const std::string& api_url, const std::string& api_key_file,
                                                   std::shared_ptr<Clock> clock) {
  api::ApiConfigFlags api_flags;
  if (!api_url.empty()) api_flags.api_url = api_url;
  if (!api_key_file.empty()) api_flags.api_key_file = api_key_file;
  auto config = api::resolve_api_config(api_flags);
  if (!config.ok()) return config.error();
  api::ClientOptions options;
  options.base_url = config->base_url;
  options.api_key = config->api_key;
  auto transport = std::make_shared<apply::ObservedTransport>(
      std::make_shared<api::CurlTransport>(api::CurlOptions{std::chrono::seconds(10), options.client_name}));
  return std::make_shared<api::Client>(std::move(options), std::move(transport), std::move(clock));
}

Result<std::shared_ptr<api::Client>> online_client(const OnlineFlags& flags, std::shared_ptr<Clock> clock) {
  return online_client(flags.api_url, flags.api_key_file, std::move(clock));
}

LockedState::~LockedState() { lock.reset(); }

Result<LockedState> open_locked_state(const std::string& path, bool create_if_missing, const OnlineFlags& flags,
                                      const std::string& command, std::shared_ptr<Clock> clock) {
  auto timeout = state::parse_lock_timeout(flags.lock_timeout);
  if (!timeout.ok()) return timeout.error();
  auto store = state::Store::open(path, {state::Access::read_write, create_if_missing}, std::move(clock));
  if (!store.ok()) return store.error();
  LockedState held;
  held.store = std::make_unique<state::Store>(std::move(*store));
  auto lock = state::acquire_lock(*held.store, {command, *timeout});
  if (!lock.ok()) return lock.error();
  held.lock = std::make_unique<state::StateLock>(std::move(*lock));
  return held;
}

Result<expand::DesiredResources> desired_of_file(const std::string& file, const std::vector<std::string>& media_roots) {
  auto campaign = manifest::load_campaign(file, manifest::ParseOptions{media_roots});
  if (!campaign.ok()) return campaign.error();
  return expand::expand_campaign(*campaign);
}

}  // namespace ugc::cli
