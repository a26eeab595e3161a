#pragma once
// What apply did: one ActionOutcome per plan action, and the ApplyResult that
// gathers them with totals. Filled by the executor, read by the progress
// reporter, the text summary and `--format json`. The exit code a result means
// is cli's to decide (cli/exit_codes.hpp).
#include <chrono>
#include <string>
#include <vector>

#include "ugc/apply/action_graph.hpp"
#include "ugc/core/json.hpp"

namespace ugc::apply {

struct ActionOutcome {
  std::string id;           // the plan action's stable id
  std::string kind;         // e.g. "create_bundle", "configure_videos"
  std::string description;  // one line for humans, e.g. "create bundle ugc-wave-1-US-tiktok-1"
  NodeStatus status = NodeStatus::skipped;
  int http_status = 0;      // of the last response; 0 when no response
  std::string error_code;   // the API's machine code ("INSUFFICIENT_CREDITS") when failed
  std::string error_message;
  std::string request_id;   // X-TokPortal-Request-ID of the last response
  std::string blocked_by;   // when skipped: the failed action it waited for, or "interrupted"
  long long credits = 0;    // credits the server charged for this action
  int requests = 0;         // HTTP requests the action made (retries included)
  std::chrono::milliseconds duration{0};
};

struct ApplyResult {
  std::vector<ActionOutcome> actions;  // in plan order
  int planned_requests = 0;            // the plan's request count (its lower bound)
  long long planned_credits = 0;
  std::chrono::milliseconds wall_time{0};

  int count(NodeStatus status) const;
  long long credits_charged() const;
  int requests_made() const;
  // Every action succeeded (true for an empty plan).
  bool complete() const;
};

// The machine-readable result document of `ugc apply --format json`;
// `exit_code` is what the process exits with, as cli decided it.
OrderedJson to_json(const ApplyResult& result, int exit_code);

// The human summary printed after a run: counts, then every failure (with
// error code and request id) and every skipped action (with what it waited
// for). `color` adds ANSI colours.
std::string render_summary(const ApplyResult& result, bool color);

}  // namespace ugc::apply
