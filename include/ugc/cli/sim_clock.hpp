#pragma once
// A clock for rehearsing a schedule against `ugc sim` (`--sim-clock URL`):
// instead of sleeping, sleep(d) moves the simulator's clock forward by d
// (POST URL/__sim/clock {"advance_seconds"}), and this clock's own time moves
// with it, so a loop that reconciles "every 15 minutes" runs days of the
// simulator's time in seconds. Never for a real TokPortal: the control
// endpoint exists only on the simulator.
#include <memory>
#include <string>

#include "ugc/core/clock.hpp"

namespace ugc::cli {

// `root_url`: the simulator's root ("http://127.0.0.1:8080"); a trailing
// "/api/ext" is dropped. Starts at the real clock's time.
std::shared_ptr<Clock> make_sim_clock(std::string root_url);

}  // namespace ugc::cli
