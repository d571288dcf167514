#pragma once
// The transit memo of the logit rule's projections (run_dynamics_memo, step_parts.hpp): a value
// type of its own so that the week's shared valuation (WeekValuation, valuation.hpp) can hold one.
#include <array>

#include "engine/model/limits.hpp"

namespace leverage {

// What the transit dynamics read from the state after the effects, and what they write
// (transit_dynamics in dynamics.cpp). The logit rule's projections of one week differ only in the
// valuing actor's action; when two have equal transit inputs (most alternatives do not act on the
// corridor), the second takes the first's outputs instead of recomputing them: the same bytes.
struct TransitInputs {
  double log_demand_shock, reroute_share, reroute_return_from, transit_lost_total;
  std::array<double, kMaxCrossings> inspection_hours;
  int reroute_return_week;
  std::array<bool, kMaxCrossings> closed;
  bool suspension, rerouting_this_week;
};
struct TransitOutputs {
  double log_demand_shock, demand_multiplier, reroute_share, reroute_return_from;
  int reroute_return_week;
  std::array<double, kMaxCrossings> crossing_teu;
  double leaked_teu, transit_teu, transit_lost_teu, transit_lost_total, bilateral_teu;
};
struct TransitMemo {
  bool valid = false;
  TransitInputs inputs;
  TransitOutputs outputs;
};

}  // namespace leverage
