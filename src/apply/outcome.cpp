#include "ugc/apply/outcome.hpp"

#include <algorithm>

namespace ugc::apply {

int ApplyResult::count(NodeStatus status) const {
  return static_cast<int>(std::count_if(actions.begin(), actions.end(),
                                        [&](const ActionOutcome& a) { return a.status == status; }));
}

long long ApplyResult::credits_charged() const {
  long long total = 0;
  for (const auto& a : actions) total += a.credits;
  return total;
}

int ApplyResult::requests_made() const {
  int total = 0;
  for (const auto& a : actions) total += a.requests;
  return total;
}

bool ApplyResult::complete() const { return count(NodeStatus::ok) == static_cast<int>(actions.size()); }

OrderedJson to_json(const ApplyResult& result, int exit_code) {
  OrderedJson doc;
  doc["format_version"] = 1;
  doc["status"] = result.complete() ? "ok" : "partial";
  doc["exit_code"] = exit_code;
  doc["summary"] = {
      {"actions", result.actions.size()},
      {"ok", result.count(NodeStatus::ok)},
      {"failed", result.count(NodeStatus::failed)},
      {"skipped", result.count(NodeStatus::skipped)},
      {"requests", result.requests_made()},
      {"planned_requests", result.planned_requests},
      {"credits_charged", result.credits_charged()},
      {"planned_credits", result.planned_credits},
      {"wall_time_ms", result.wall_time.count()},
  };
  OrderedJson actions = OrderedJson::array();
  for (const auto& a : result.actions) {
    OrderedJson item;
    item["id"] = a.id;
    item["kind"] = a.kind;
    item["description"] = a.description;
    item["status"] = to_string(a.status);
    item["http_status"] = a.http_status == 0 ? OrderedJson() : OrderedJson(a.http_status);
    item["error_code"] = a.error_code.empty() ? OrderedJson() : OrderedJson(a.error_code);
    item["error_message"] = a.error_message.empty() ? OrderedJson() : OrderedJson(a.error_message);
    item["request_id"] = a.request_id.empty() ? OrderedJson() : OrderedJson(a.request_id);
    item["blocked_by"] = a.blocked_by.empty() ? OrderedJson() : OrderedJson(a.blocked_by);
    item["credits"] = a.credits;
    item["requests"] = a.requests;
    item["duration_ms"] = a.duration.count();
    actions.push_back(std::move(item));
  }
  doc["actions"] = std::move(actions);
  return doc;
}

namespace {

struct Colors {
  bool on;
  const char* green() const { return on ? "\x1b[32m" : ""; }
  const char* red() const { return on ? "\x1b[31m" : ""; }
  const char* yellow() const { return on ? "\x1b[33m" : ""; }
  const char* bold() const { return on ? "\x1b[1m" : ""; }
  const char* reset() const { return on ? "\x1b[0m" : ""; }
};

}  // namespace

std::string render_summary(const ApplyResult& result, bool color) {
  Colors c{color};
  std::string out;
  const int ok = result.count(NodeStatus::ok);
  const int failed = result.count(NodeStatus::failed);
  const int skipped = result.count(NodeStatus::skipped);
  for (const auto& a : result.actions) {
    if (a.status == NodeStatus::failed) {
      out += std::string(c.red()) + "  failed   " + c.reset() + a.description + ": ";
      out += a.error_code.empty() ? a.error_message : a.error_code + " (" + a.error_message + ")";
      if (a.http_status) out += ", HTTP " + std::to_string(a.http_status);
      if (!a.request_id.empty()) out += ", request id " + a.request_id;
      out += "\n";
    }
  }
  for (const auto& a : result.actions) {
    if (a.status == NodeStatus::skipped) {
      out += std::string(c.yellow()) + "  skipped  " + c.reset() + a.description;
      out += a.blocked_by == "interrupted" ? " (interrupted)\n" : " (waits for " + a.blocked_by + ")\n";
    }
  }
  out += std::string(c.bold()) + "Apply " + (failed + skipped == 0 ? "complete" : "incomplete") + "!" + c.reset();
  out += " " + std::string(c.green()) + std::to_string(ok) + " succeeded" + c.reset();
  out += ", " + std::string(failed ? c.red() : "") + std::to_string(failed) + " failed" + (failed ? c.reset() : "");
  out += ", " + std::string(skipped ? c.yellow() : "") + std::to_string(skipped) + " skipped" + (skipped ? c.reset() : "");
  out += ". " + std::to_string(result.requests_made()) + " requests (plan: " + std::to_string(result.planned_requests) +
         "), " + std::to_string(result.credits_charged()) + " credits charged (plan: " +
         std::to_string(result.planned_credits) + ").\n";
  if (failed + skipped > 0) out += "Fix the failures and run apply again: what succeeded is recorded and will not be repeated.\n";
  return out;
}

}  // namespace ugc::apply
