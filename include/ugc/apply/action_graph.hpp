#pragma once
// ActionGraph: runs tasks that depend on each other on a pool of worker
// threads, in dependency order, and says what happened to each.
//
// Each node has a unique id, the ids of the nodes it needs, and a task that
// returns a Status. A node starts once all its dependencies succeeded; when a
// task fails, every node that (transitively) depends on it is marked skipped
// and never runs, while independent nodes keep going. A stop flag lets the
// caller end a run early (Ctrl-C): nodes not yet started become skipped.
//
// The graph knows nothing about HTTP or plans; the executor builds one from a
// plan. Results come back in the order the nodes were added, whatever the
// order they ran in, so summaries are deterministic. Among ready nodes the one
// added first starts first. Callbacks run on worker threads, one at a time
// (under the runner's lock), so a reporter needs no locking of its own but
// must be quick.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"

namespace ugc::apply {

enum class NodeStatus { ok, failed, skipped };
const char* to_string(NodeStatus status);

struct NodeResult {
  std::string id;
  NodeStatus status = NodeStatus::skipped;
  std::optional<Error> error;  // set when failed
  // When skipped: the id of the failed node it waited for, or "interrupted"
  // when the run was stopped before the node could start.
  std::string blocked_by;
  std::chrono::milliseconds duration{0};  // time the task ran (on the run's clock); 0 when skipped
};

struct RunOptions {
  int parallelism = 8;  // worker threads; at least 1
  // Set to true (e.g. from a signal handler) to start nothing new.
  const std::atomic<bool>* stop = nullptr;
  // The same, set by a task that found the run must not go on (the state
  // lock was lost): unstarted nodes are skipped as after `stop`.
  const std::atomic<bool>* halt = nullptr;
  std::function<void(const std::string& id)> on_start;
  std::function<void(const NodeResult&)> on_finish;  // also for skipped nodes
};

class ActionGraph {
 public:
  using Task = std::function<Status()>;

  // Adds a node. Dependencies may name nodes added later; run() checks them.
  // Errors: an empty or duplicate id.
  Status add(std::string id, std::vector<std::string> deps, Task task);

  std::size_t size() const { return nodes_.size(); }

  // Runs every node and returns one result per node, in insertion order;
  // `clock` times each task. Errors (before anything runs): a dependency on
  // an unknown id, or a cycle.
  Result<std::vector<NodeResult>> run(const RunOptions& options, Clock& clock) const;

 private:
  struct Node {
    std::string id;
    std::vector<std::string> deps;
    Task task;
  };
  std::vector<Node> nodes_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace ugc::apply
