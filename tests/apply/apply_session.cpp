#include "apply/apply_session.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace ugc::testing {

ApplySession::ApplySession(const std::string& campaign_source, const std::vector<std::string>& sim_args) {
  fs::path src(campaign_source);
  fs::path dir = fs::is_directory(src) ? src : src.parent_path();
  fs::path yaml = fs::is_directory(src) ? src / "campaign.yaml" : src;
  fs::copy(dir / "media", fs::path(dir_.path()) / "media", fs::copy_options::recursive);
  campaign_ = dir_.file(yaml.filename().string());
  fs::copy_file(yaml, campaign_);
  std::vector<std::string> args = {"--clock", "2027-01-15"};
  args.insert(args.end(), sim_args.begin(), sim_args.end());
  sim_ = std::make_unique<SimProcess>(args);
  REQUIRE_MESSAGE(!sim_->base_url().empty(), sim_->error());
}

RunResult ApplySession::ugc(std::vector<std::string> args, const RunOptions& options) const {
  args.insert(args.begin(), UGC_BINARY);
  RunOptions o = options;
  o.env["TOKPORTAL_API_KEY"] = kTestApiKey;
  o.env["TOKPORTAL_BASE_URL"] = sim_->base_url();
  o.env["NO_COLOR"] = "1";
  if (o.cwd.empty()) o.cwd = dir_.path();
  return run_process(args, o);
}

RunResult ApplySession::apply(const std::vector<std::string>& extra, const RunOptions& options) const {
  std::vector<std::string> args = {"apply", campaign_, "--auto-approve", "--format", "json", "--state", state(),
                                   "--break-stale-lock"};
  args.insert(args.end(), extra.begin(), extra.end());
  return ugc(args, options);
}

void ApplySession::edit_campaign(const std::string& from, const std::string& to) {
  std::ifstream in(campaign_);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "campaign has no '" << from << "'");
  text.replace(at, from.size(), to);
  std::ofstream(campaign_, std::ios::trunc) << text;
}

std::vector<Json> ApplySession::api_requests() const {
  Json log = sim_->get("/__sim/requests");
  std::vector<Json> out;
  if (!log.contains("data")) return out;
  for (const Json& r : log["data"])
    if (r.value("path", "").rfind("/__sim", 0) != 0) out.push_back(r);
  return out;
}

bool ApplySession::mutating(const Json& request) { return request.value("method", "GET") != "GET"; }

namespace {

// A GET with the test key that waits out the simulator's rate limit: the runs
// before an inspection may have spent the key's budget, and a 429 read as an
// empty list would hide every bundle.
Json get_with_key(const SimProcess& sim, const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    Json res = sim.get(path, true);
    const bool limited = res.contains("error") && res["error"].is_object() &&
                         res["error"].value("code", "") == "RATE_LIMIT_EXCEEDED";
    if (!limited || attempt == 30) return res;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

}  // namespace

Json ApplySession::api_get(const std::string& path) const {
  Json res = get_with_key(*sim_, path);
  REQUIRE_MESSAGE(!res.contains("error"), res.dump());
  return res;
}

std::vector<Json> ApplySession::bundles() const {
  std::vector<Json> out;
  for (int page = 1; page < 100; ++page) {
    Json res = api_get("/api/ext/bundles?per_page=100&page=" + std::to_string(page));
    if (!res.contains("data") || !res["data"].is_array() || res["data"].empty()) break;
    for (const Json& b : res["data"]) out.push_back(b);
    if (!res.contains("pagination") || page >= res["pagination"].value("total_pages", 1)) break;
  }
  return out;
}

int ApplySession::mutating_requests() const {
  int n = 0;
  for (const Json& r : api_requests()) n += mutating(r) ? 1 : 0;
  return n;
}

long long ApplySession::credits_debited() const {
  long long debited = 0;
  for (const Json doc = sim_->get("/__sim/ledger"); const Json& e : doc["data"])
    if (e["type"] == "debit") debited += -e["amount"].get<long long>();
  return debited;
}

}  // namespace ugc::testing
