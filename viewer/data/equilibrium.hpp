#pragma once
// The equilibrium prediction of each ultimatum, as a run's summary carries it: the crisis game solved
// at the moment the ultimatum is issued (summary.json, ultimatums[k].prediction = {"p_comply": x,
// "p_execute": y, "kind": "...", ...}). Older summaries have no prediction: the reader then returns
// nothing for that ultimatum and the viewer shows "-". No drawing here.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace leverage::viewer {

struct EquilibriumPrediction {
  std::string sender;    // actor id
  int issue_week = -1;   // -1 when the summary does not say
  double p_comply = 0;   // probability that the target complies by the deadline
  double p_execute = 0;  // probability that the sender executes the threat if defied
  std::string kind;      // the solution concept, as the solver names it
};

// One entry per ultimatum of the summary, in its order; nullopt where there is no prediction or
// where it is malformed (a probability missing, not a number or outside [0, 1]).
std::vector<std::optional<EquilibriumPrediction>> read_equilibrium(const nlohmann::json& summary);

// The prediction of `sender`'s ultimatum issued in `issue_week`, if any.
const EquilibriumPrediction* find_prediction(const std::vector<std::optional<EquilibriumPrediction>>& predictions,
                                             const std::string& sender, int issue_week);

// "p(comply) 0.62, p(execute) 0.40 (kind)" or "-".
std::string describe(const EquilibriumPrediction* prediction);

}  // namespace leverage::viewer
