#pragma once
// An end-to-end apply session for tests: a `ugc sim` child, a temp directory
// holding a copy of a campaign (so tests may edit it) and a state file, and
// helpers to run `ugc plan` / `ugc apply` against them and to read what the
// simulator saw.
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "ugc/core/json.hpp"

namespace ugc::testing {

// The small campaign (one market, a few videos) many apply tests run.
inline const std::string kSmallCampaign = std::string(UGC_TEST_DATA) + "/apply/small";

class ApplySession {
 public:
  // Copies `campaign_dir` (a directory with campaign.yaml and media/) or a
  // campaign file and its media/ directory into a temp dir; starts the sim
  // with `sim_args` (the clock is set before the campaigns' dates).
  ApplySession(const std::string& campaign_source, const std::vector<std::string>& sim_args = {});

  SimProcess& sim() { return *sim_; }
  const std::string& campaign() const { return campaign_; }
  std::string state() const { return dir_.file("state.db"); }
  std::string file(const std::string& name) const { return dir_.file(name); }

  // `ugc <args...>` with the API key and base URL in the environment.
  RunResult ugc(std::vector<std::string> args, const RunOptions& options = {}) const;
  // `ugc apply <campaign> --auto-approve --format json --state <state> <extra...>`.
  RunResult apply(const std::vector<std::string>& extra = {}, const RunOptions& options = {}) const;

  // Replaces `from` by `to` in the campaign copy (REQUIREs it occurs).
  void edit_campaign(const std::string& from, const std::string& to);

  // The simulator's API request log (control requests excluded).
  std::vector<Json> api_requests() const;
  static bool mutating(const Json& request);
  // Requests in the simulator's log that change something (no GETs).
  int mutating_requests() const;
  // GET `path` of the API with the test key, waiting out the rate limit
  // (runs before it may have spent the budget); fails the test on any other error.
  Json api_get(const std::string& path) const;
  // All bundles of the test key, every page.
  std::vector<Json> bundles() const;
  // Credits the simulator's ledger shows debited (a double purchase shows here).
  long long credits_debited() const;

 private:
  TempDir dir_;
  std::unique_ptr<SimProcess> sim_;
  std::string campaign_;
};

}  // namespace ugc::testing
