// The sanctions crisis game built from numbers (docs/GAMES.md, "The crisis game and its theory"), for code
// that needs it without a file: e.g. a run that solves the game its state implies when an ultimatum is
// issued. The tree is that of scenarios/games/crisis_uncertain.json, node for node and name for name.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "agents/solvers/game.hpp"
#include "agents/solvers/solution.hpp"
#include "engine/model/prediction.hpp"

namespace leverage::games {

struct CrisisParameters {
  double prior_resolved = 0.5;              // the target's prior that the sender is resolved
  double demand_value = 1.0;                // sender's payoff when the target complies
  double audience_cost = 0.5;               // sender's cost of backing down after defiance
  double imposition_cost_resolved = 0.3;    // sender's cost of imposing, resolved type
  double imposition_cost_irresolute = 0.8;  // sender's cost of imposing, irresolute type
  double imposition_value = 0.0;            // sender's value of imposing as such (punishment, audiences)
  double concession_cost = 1.0;             // target's cost of complying
  double sanction_cost = 1.5;               // target's cost of sanctions imposed
};

// The game of the engine's mapping (engine/model/prediction.hpp): the same eight numbers.
CrisisParameters crisis_parameters(const CrisisInputs& inputs);

// Players: 0 = "brussels" (sender), 1 = "minsk" (target). A chance node draws the sender's type (types_of
// the sender; outcomes "resolved", "irresolute"); each type chooses "status_quo" or "ultimatum"; the target,
// at the information set "ultimatum" joining both types, chooses "comply" or "defy"; after defiance the
// sender chooses "impose" or "back_down" at "resolved/ultimatum/defy" or "irresolute/ultimatum/defy".
// With prior_resolved 1 (or 0) the game is one of complete information: the other type is never drawn.
ExtensiveGame crisis_game(const CrisisParameters& parameters);

// Every perfect Bayesian equilibrium of crisis_game(parameters) found by pure_perfect_bayesian, and, when it
// exists, the semi-separating one, in closed form (after Lewis and Schultz 2003; the textbook bluffing
// equilibrium, e.g. Gibbons 1992, section 4.3): if only the resolved type imposes after defiance
// (imposition_value - cost_resolved > -audience_cost > imposition_value - cost_irresolute) and the prior is
// below mu* = concession_cost / sanction_cost < 1, then
//   - the resolved type always issues the ultimatum (it earns r* demand + (1 - r*) (value - cost) >= 0),
//   - the irresolute type bluffs with the probability b that makes Minsk's posterior exactly mu*:
//     p / (p + (1 - p) b) = mu*, i.e. b = p (1 - mu*) / ((1 - p) mu*),
//   - Minsk, indifferent at mu*, complies with the probability r* that makes the bluffer indifferent:
//     r* demand + (1 - r*)(-audience_cost) = 0, i.e. r* = audience_cost / (demand + audience_cost),
// and sanctions are imposed on the path with probability p (1 - r*). The closed form is accepted only after
// assess() confirms it (Bayes on the path, sequential rationality everywhere).
std::vector<Equilibrium> crisis_equilibria(const CrisisParameters& parameters, double tolerance = 1e-9);

// The same equilibria as crisis_equilibria, in the same order and to the same bits, found without building
// the tree and without touching the heap: the run solves the game at every issued ultimatum, inside the
// ensemble's inner loop. It is crisis_equilibria's algorithm (the pure profiles in pure_perfect_bayesian's
// order, each checked the way assess() checks it, then the closed-form semi-separating candidate) written
// out for this one tree, with each sum and product formed in the generic code's order.
// tests/agents/solvers/test_crisis_equilibria_fast.cpp holds the two against each other.
struct CrisisProfile {
  // Behaviour strategies in crisis_game's information-set order: resolved, ultimatum,
  // resolved/ultimatum/defy, irresolute, irresolute/ultimatum/defy; each {first action, second action}.
  std::array<std::array<double, 2>, 5> sets{};
  enum class Kind : unsigned char { pooling, separating, semi_separating } kind = Kind::pooling;
};
struct CrisisProfiles {
  static constexpr std::size_t kMax = 33;  // 32 pure profiles and the semi-separating one
  std::array<CrisisProfile, kMax> found{};
  std::size_t count = 0;
};
// Non-finite parameters are not handled (returns false and leaves `out` empty): call crisis_equilibria.
bool crisis_equilibria_fast(const CrisisParameters& parameters, CrisisProfiles& out, double tolerance = 1e-9);

}  // namespace leverage::games
