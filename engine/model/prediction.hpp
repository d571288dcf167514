#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"

// The benchmark beside the simulation (docs/GAMES.md, "The benchmark beside the simulation";
// docs/MODEL.md, "The crisis game a state implies"): when an ultimatum is issued, the run solves the
// crisis game (challenge; comply or defy; impose or back down) that the scenario and the state imply
// at that moment and records the equilibrium's prediction beside what the agents then do.
//
// The engine does not know the solvers: the agents library registers the function that solves the
// game (agents/solvers/crisis_prediction.cpp) at static-initialization time, as rules register
// themselves. Without one, nothing is predicted (NaN probabilities, reason `no_predictor`).
namespace leverage {

// The crisis game's numbers in each player's own utility (the fields of games::CrisisParameters,
// agents/solvers/crisis.hpp): the sender is the ultimatum's sender, the target the scenario's target.
struct CrisisInputs {
  double prior_resolved = 0.5;            // the target's belief that the sender is resolved
  double demand_value = 0;                // sender: worth of the demand being met
  double audience_cost = 0;               // sender: cost of backing down after defiance
  double imposition_cost_resolved = 0;    // sender, resolved type: cost of executing the threat
  double imposition_cost_irresolute = 0;  // sender, irresolute type: cost of executing the threat
  double imposition_value = 0;            // sender: value of executing as such (0 in the mapping)
  double concession_cost = 0;             // target: cost of meeting the demand
  double sanction_cost = 0;               // target: cost of the threat executed
};

enum class CrisisKind : std::uint8_t {
  none,                  // nothing predicted
  complete_information,  // the prior is 0 or 1: one type is never drawn
  pooling,               // both types issue the ultimatum (or neither)
  separating,            // only one type issues
  semi_separating,       // one type issues, the other bluffs with a probability
  partially_pooling,
};
const char* crisis_kind_name(CrisisKind kind);

// Why this equilibrium was chosen among those the solver found.
enum class PredictionReason : std::uint8_t {
  no_predictor,        // no solver registered (an engine-only build)
  ultimatum_on_path,   // the first equilibrium in which some type issues the ultimatum
  ultimatum_off_path,  // in no equilibrium is the ultimatum issued: the first one, its strategies off the path
  no_equilibrium,      // the solver found none (e.g. a degenerate game)
};
const char* prediction_reason_name(PredictionReason reason);

// One equilibrium's strategies, read the way the simulation uses them. Type index 0 is the resolved
// sender, 1 the irresolute one.
struct CrisisPrediction {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  double p_comply = kNone;            // the target complies with the ultimatum
  double p_execute = kNone;           // the sender executes the threat after defiance, types weighted by the posterior
  double posterior_resolved = kNone;  // the target's belief at the ultimatum (Bayes on the path; the prior off it)
  std::array<double, 2> p_issue{kNone, kNone};   // each type issues the ultimatum
  std::array<double, 2> p_impose{kNone, kNone};  // each type executes after defiance
  CrisisKind kind = CrisisKind::none;
  PredictionReason reason = PredictionReason::no_predictor;
  std::size_t equilibria = 0;  // how many the solver found
};

using CrisisPredictor = CrisisPrediction (*)(const CrisisInputs& inputs);

// Called once from a static initializer of the agents library; returns true (for `static const bool`).
bool register_crisis_predictor(CrisisPredictor predictor);
CrisisPredictor crisis_predictor();  // null when none is registered

// The mapping from the scenario to the game (docs/MODEL.md, "The crisis game a state implies"), for
// ultimatum design `spec` issued by `sender`, with the target's belief in the sender's resolve and its
// assurance at the moment of issue. A pure function: it draws nothing and reads no state but these two.
CrisisInputs crisis_inputs(const Scenario& scenario, std::size_t sender, std::size_t spec, double belief_resolved,
                           double assurance);

// crisis_inputs on `state` (the target's current belief and assurance about `sender`), solved by the
// registered predictor.
CrisisPrediction predict_crisis(const Scenario& scenario, const WorldState& state, std::size_t sender,
                                std::size_t spec);

// Fills u's prediction fields from predict_crisis (called when u is issued, on the state the step
// started from: beliefs are updated only after the week's effects).
void record_prediction(const Scenario& scenario, const WorldState& state, UltimatumState& u);

}  // namespace leverage
