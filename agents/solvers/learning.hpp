// The logit quantal response equilibrium traced along the rationality parameter, and two learning dynamics
// (fictitious play, replicator) with a convergence report. All for n-player normal-form games.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "agents/solvers/game.hpp"
#include "agents/solvers/solution.hpp"

namespace leverage::games {

// The logit QRE (McKelvey and Palfrey, "Quantal response equilibria for normal form games", GEB 10, 1995):
// pi_ia proportional to exp(lambda u_ia(pi_-i)). The principal branch is followed from lambda = 0 (uniform
// play) to lambda_max by continuation in lambda: an Euler predictor along the tangent dz/dlambda = -J^-1
// dF/dlambda, then Newton's method on F(z, lambda) = 0 in log-probabilities z (Turocy, "A dynamic homotopy
// interpretation of the logistic quantal response equilibrium correspondence", GEB 51, 2005, uses the same
// system with arc-length; here lambda itself is the parameter, so the trace stops if the branch turns back
// in lambda, which is reported). The step halves when Newton fails and grows by half when it succeeds.
struct QrePath {
  std::vector<double> lambdas;
  std::vector<MixedProfile> profiles;
  bool complete = true;  // false if stopped before lambda_max
  std::string stopped;   // why, if not complete
};
QrePath trace_logit_qre(const NormalFormGame& game, double lambda_max, double first_step = 0.05);

// Discrete-time fictitious play (Brown 1951): in round t every player best-responds (first action among ties)
// to the empirical frequencies of the others' play in rounds 1..t-1 (uniform beliefs in round 1).
struct LearningReport {
  MixedProfile profile;            // FP: empirical frequencies; replicator: the final state
  unsigned long iterations = 0;
  double exploitability = 0.0;     // max_deviation_gain(profile)
  double last_change = 0.0;        // FP: max change of a frequency over the last 10% of rounds; replicator: max |dx/dt|
  bool converged = false;
};
LearningReport fictitious_play(const NormalFormGame& game, unsigned long rounds, double tolerance = 1e-3);

// The multi-population replicator dynamics (Taylor and Jonker 1978): dx_ia/dt = x_ia (u_ia(x) - u_i(x)),
// integrated by Euler steps of `step` from `start` (uniform if empty) for `steps` steps, renormalised each
// step. Converged when max |dx/dt| < tolerance (a rest point, which need not be a Nash equilibrium if it is
// on the boundary: the report's exploitability says).
LearningReport replicator(const NormalFormGame& game, unsigned long steps, double step, MixedProfile start = {},
                          double tolerance = 1e-9);

}  // namespace leverage::games
