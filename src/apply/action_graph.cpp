#include "ugc/apply/action_graph.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

namespace ugc::apply {

const char* to_string(NodeStatus status) {
  switch (status) {
    case NodeStatus::ok: return "ok";
    case NodeStatus::failed: return "failed";
    case NodeStatus::skipped: return "skipped";
  }
  return "?";
}

Status ActionGraph::add(std::string id, std::vector<std::string> deps, Task task) {
  if (id.empty()) return invalid_input("action graph: empty node id");
  if (index_.count(id)) return invalid_input("action graph: duplicate node id '" + id + "'");
  index_[id] = nodes_.size();
  nodes_.push_back(Node{std::move(id), std::move(deps), std::move(task)});
  return {};
}

namespace {

// The shared state of one run; every field is guarded by `mu`.
struct Run {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::vector<std::size_t>> dependents;
  std::vector<int> waiting_on;         // unfinished dependencies per node
  std::vector<bool> finished;
  std::vector<bool> started;
  std::set<std::size_t> ready;         // smallest index first: insertion order
  std::vector<NodeResult> results;
  std::size_t finished_count = 0;
  bool interrupted = false;
};

}  // namespace

Result<std::vector<NodeResult>> ActionGraph::run(const RunOptions& options, Clock& clock) const {
  const std::size_t n = nodes_.size();
  Run r;
  r.dependents.resize(n);
  r.waiting_on.assign(n, 0);
  r.finished.assign(n, false);
  r.started.assign(n, false);
  r.results.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    r.results[i].id = nodes_[i].id;
    std::set<std::size_t> unique_deps;
    for (const auto& dep : nodes_[i].deps) {
      auto it = index_.find(dep);
      if (it == index_.end())
        return invalid_input("action graph: '" + nodes_[i].id + "' depends on unknown '" + dep + "'");
      unique_deps.insert(it->second);
    }
    for (std::size_t d : unique_deps) r.dependents[d].push_back(i);
    r.waiting_on[i] = static_cast<int>(unique_deps.size());
  }

  // Kahn's algorithm on a copy: a node never reached sits on a cycle.
  {
    std::vector<int> indegree = r.waiting_on;
    std::deque<std::size_t> queue;
    for (std::size_t i = 0; i < n; ++i)
      if (indegree[i] == 0) queue.push_back(i);
    std::size_t seen = 0;
    while (!queue.empty()) {
      std::size_t i = queue.front();
      queue.pop_front();
      ++seen;
      for (std::size_t d : r.dependents[i])
        if (--indegree[d] == 0) queue.push_back(d);
    }
    if (seen != n) {
      for (std::size_t i = 0; i < n; ++i)
        if (indegree[i] > 0) return invalid_input("action graph: dependency cycle through '" + nodes_[i].id + "'");
    }
  }

  for (std::size_t i = 0; i < n; ++i)
    if (r.waiting_on[i] == 0) r.ready.insert(i);

  // Must hold r.mu.
  auto finish = [&](std::size_t i) {
    r.finished[i] = true;
    ++r.finished_count;
    if (options.on_finish) options.on_finish(r.results[i]);
  };
  // Marks every unfinished transitive dependent of `failed` as skipped, in
  // insertion order. Must hold r.mu.
  auto skip_dependents = [&](std::size_t failed) {
    std::set<std::size_t> doomed;
    std::deque<std::size_t> queue(r.dependents[failed].begin(), r.dependents[failed].end());
    while (!queue.empty()) {
      std::size_t i = queue.front();
      queue.pop_front();
      if (r.finished[i] || !doomed.insert(i).second) continue;
      for (std::size_t d : r.dependents[i]) queue.push_back(d);
    }
    for (std::size_t i : doomed) {
      r.ready.erase(i);
      r.results[i].status = NodeStatus::skipped;
      r.results[i].blocked_by = nodes_[failed].id;
      finish(i);
    }
  };
  // Marks every node not yet started as skipped. Must hold r.mu.
  auto skip_unstarted = [&]() {
    r.interrupted = true;
    r.ready.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (r.started[i] || r.finished[i]) continue;
      r.results[i].status = NodeStatus::skipped;
      r.results[i].blocked_by = "interrupted";
      finish(i);
    }
  };

  auto stopping = [&options] {
    return (options.stop && options.stop->load()) || (options.halt && options.halt->load());
  };

  auto worker = [&]() {
    std::unique_lock<std::mutex> lock(r.mu);
    for (;;) {
      // Timed wait: a signal handler sets `stop` but cannot notify us.
      while (!(!r.ready.empty() || r.finished_count == n || r.interrupted || stopping()))
        r.cv.wait_for(lock, std::chrono::milliseconds(50));
      if (stopping() && !r.interrupted) skip_unstarted();
      if (r.ready.empty()) {
        if (r.finished_count == n) break;
        if (r.interrupted) {
          // Others are still running; wait for them to finish.
          r.cv.wait(lock, [&] { return r.finished_count == n; });
          break;
        }
        continue;
      }
      std::size_t i = *r.ready.begin();
      r.ready.erase(r.ready.begin());
      r.started[i] = true;
      if (options.on_start) options.on_start(nodes_[i].id);
      lock.unlock();

      const auto began = clock.monotonic_now();
      Status status;
      try {
        status = nodes_[i].task ? nodes_[i].task() : Status{};
      } catch (const std::exception& e) {
        status = fatal_error(std::string("unexpected exception: ") + e.what());
      } catch (...) {
        status = fatal_error("unexpected exception");
      }
      auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock.monotonic_now() - began);

      lock.lock();
      NodeResult& result = r.results[i];
      result.duration = took;
      if (status.ok()) {
        result.status = NodeStatus::ok;
        finish(i);
        for (std::size_t d : r.dependents[i])
          if (--r.waiting_on[d] == 0 && !r.finished[d] && !r.interrupted) r.ready.insert(d);
      } else {
        result.status = NodeStatus::failed;
        result.error = status.error();
        finish(i);
        skip_dependents(i);
      }
      r.cv.notify_all();
    }
    r.cv.notify_all();
  };

  std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.parallelism)), n);
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  return std::move(r.results);
}

}  // namespace ugc::apply
