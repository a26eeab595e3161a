#include "ugc/plan/saved_plan.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "ugc/plan/plan_json.hpp"

namespace ugc::plan {
namespace {

Error io_failure(const std::string& what, const std::string& path) {
  return io_error(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Status save_plan(const Plan& plan, const std::string& path) {
  const std::string text = plan_to_signed_json(plan).dump(2) + "\n";
  // Same directory as the target so rename() is atomic; pid keeps two runs apart.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) return io_failure("cannot create", temp);
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    auto err = io_failure("cannot write", temp);
    std::remove(temp.c_str());
    return err;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    auto err = io_failure("cannot rename the plan into", path);
    std::remove(temp.c_str());
    return err;
  }
  return {};
}

Result<Plan> load_saved_plan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_failure("cannot read plan file", path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  OrderedJson doc;
  try {
    doc = OrderedJson::parse(buffer.str());
  } catch (const nlohmann::json::exception& e) {
    return invalid_input(path + ": not a plan file (invalid JSON: " + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("checksum") || !doc["checksum"].is_string())
    return invalid_input(path + ": not a plan file written by `ugc plan --out` (no checksum)");
  if (doc["checksum"].get<std::string>() != plan_checksum(doc))
    return invalid_input(path +
                         ": the plan file was modified after `ugc plan` wrote it (checksum mismatch); "
                         "plans cannot be edited by hand - change the campaign file and plan again");
  return std::move(plan_from_json(doc)).context(path);
}

Status check_plan_fresh(const Plan& plan, const std::string& campaign_sha256, long long state_serial) {
  if (plan.campaign_sha256 != campaign_sha256)
    return conflict("the campaign file " + plan.campaign_file +
                    " changed since this plan was made; run `ugc plan` again");
  if (plan.state_serial != state_serial)
    return conflict("the state changed since this plan was made (serial " +
                    std::to_string(plan.state_serial) + ", now " + std::to_string(state_serial) +
                    "); run `ugc plan` again");
  return {};
}

}  // namespace ugc::plan
