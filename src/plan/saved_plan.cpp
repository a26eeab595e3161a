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

// Plans nest about eight levels deep; request bodies a few more. A deeper
// document is not a plan, and refusing it early keeps the recursive parts of
// the JSON library (dump, comparison) off a hostile stack.
constexpr int kMaxNesting = 64;

Error io_failure(const std::string& what, const std::string& path) {
  return io_error(what + " " + path + ": " + std::strerror(errno));
}

bool nested_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

Status check_format_version(const OrderedJson& doc) {
  auto it = doc.find("format_version");
  if (it == doc.end() || !it->is_number_integer())
    return invalid_input("not a plan file written by `ugc plan --out` (no format_version)");
  const auto version = it->get<long long>();
  if (version == kSavedPlanFormatVersion) return {};
  if (version < kSavedPlanFormatVersion)
    return invalid_input("plan file format " + std::to_string(version) +
                         " was written by an older ugc; this ugc re-verifies saved plans and reads format " +
                         std::to_string(kSavedPlanFormatVersion) + " only: run `ugc plan --out` again");
  return invalid_input("plan file format " + std::to_string(version) + " was written by a newer ugc (this ugc reads " +
                       std::to_string(kSavedPlanFormatVersion) + "): upgrade ugc or plan again");
}

}  // namespace

OrderedJson saved_plan_to_json(const SavedPlan& saved) {
  OrderedJson j;
  j["format_version"] = kSavedPlanFormatVersion;
  j["state_id"] = saved.state_id;
  j["bulk_create"] = saved.bulk_create;
  j["plan"] = plan_to_json(saved.plan);
  j["checksum"] = plan_checksum(j);
  return j;
}

void write_saved_plan_json(const SavedPlan& saved, ByteSink& out) {
  write_signed_json(out, [&saved](JsonWriter& w) {
    w.key("format_version");
    w.value(kSavedPlanFormatVersion);
    w.key("state_id");
    w.value(saved.state_id);
    w.key("bulk_create");
    w.value(saved.bulk_create);
    w.key("plan");
    w.begin_object();
    write_plan_members(saved.plan, w);
    w.end_object();
  });
}

Status save_plan(const SavedPlan& saved, const std::string& path) {
  // Same directory as the target so rename() is atomic; pid keeps two runs apart.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) return io_failure("cannot create", temp);
  FileSink sink(f);
  write_saved_plan_json(saved, sink);
  bool ok = sink.ok();
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

Result<SavedPlan> parse_saved_plan(std::string_view text) {
  if (nested_deeper_than(text, kMaxNesting))
    return invalid_input("not a plan file (JSON nested deeper than " + std::to_string(kMaxNesting) + " levels)");
  OrderedJson doc;
  try {
    doc = OrderedJson::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return invalid_input(std::string("not a plan file (invalid JSON: ") + e.what() + ")");
  }
  if (!doc.is_object()) return invalid_input("not a plan file written by `ugc plan --out` (not a JSON object)");
  UGC_TRY(check_format_version(doc));
  auto checksum = doc.find("checksum");
  if (checksum == doc.end() || !checksum->is_string())
    return invalid_input("not a plan file written by `ugc plan --out` (no checksum)");
  if (checksum->get<std::string>() != plan_checksum(doc))
    return invalid_input("the plan file was damaged or edited after `ugc plan` wrote it (checksum mismatch); "
                         "change the campaign file and plan again");
  auto state_id = doc.find("state_id");
  auto bulk = doc.find("bulk_create");
  auto plan = doc.find("plan");
  if (state_id == doc.end() || !state_id->is_string() || bulk == doc.end() || !bulk->is_boolean() ||
      plan == doc.end())
    return invalid_input("not a plan file written by `ugc plan --out` (state_id, bulk_create or plan missing)");
  auto parsed = plan_from_json(*plan);
  if (!parsed.ok()) return parsed.error();
  return SavedPlan{std::move(*parsed), state_id->get<std::string>(), bulk->get<bool>()};
}

Result<SavedPlan> load_saved_plan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_failure("cannot read plan file", path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_saved_plan(buffer.str()).context(path);
}

Status check_plan_basis(const SavedPlan& saved, const PlanBasis& now) {
  const Plan& plan = saved.plan;
  if (!saved.state_id.empty() && now.state_id.empty())
    return conflict("this plan was made for the state file with id " + saved.state_id +
                    ", and there is no state file here (check --state)");
  if (!saved.state_id.empty() && saved.state_id != now.state_id)
    return conflict("this plan was made for another state file (state id " + saved.state_id + ", this state is " +
                    now.state_id + "); run `ugc plan --out` again with this state");
  if (saved.state_id.empty() && now.state_serial != 0)
    return conflict("this plan was made before any state file existed, and this state already records resources "
                    "(serial " + std::to_string(now.state_serial) + "); run `ugc plan --out` again with this state");
  if (plan.campaign_sha256 != now.campaign_sha256)
    return conflict("the campaign file " + plan.campaign_file +
                    " changed since this plan was made; run `ugc plan` again");
  if (plan.state_serial != now.state_serial)
    return conflict("the state changed since this plan was made (serial " + std::to_string(plan.state_serial) +
                    ", now " + std::to_string(now.state_serial) + "); run `ugc plan` again");
  return {};
}

}  // namespace ugc::plan
