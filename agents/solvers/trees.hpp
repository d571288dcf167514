// Solvers for extensive-form games: backward induction (subgame-perfect equilibrium of perfect-information
// trees) and pure-strategy perfect Bayesian equilibria of games with incomplete information.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "agents/solvers/game.hpp"
#include "agents/solvers/solution.hpp"

namespace leverage::games {

// Backward induction (Zermelo; Selten 1965) on a tree whose information sets are single nodes; chance
// nodes take expectations. At a tie the first action listed is taken and the node is named in `ties`:
// then other subgame-perfect equilibria exist that break the tie differently.
struct BackwardInduction {
  BehaviourProfile profile;                 // pure: one action with probability 1 at every node
  std::vector<std::vector<double>> values;  // values[node][player] under the profile
  std::vector<std::string> ties;            // labels of nodes where the mover was indifferent
};
BackwardInduction backward_induction(const ExtensiveGame& game, double tolerance = 1e-12);

// Pure-strategy perfect Bayesian equilibria (weak PBE in the sense of Mas-Colell, Whinston and Green 1995,
// definition 9.C.3, with sequential rationality at every information set): every pure behaviour profile is
// checked; at an information set reached with positive probability beliefs follow Bayes' rule and the
// chosen action must be a best response to them; at one off the path the chosen action must be a best
// response to SOME belief, and the set of such beliefs is reported (its range per node, from the vertices
// of the belief polytope). For a signalling game (a chance node drawing the sender's type, then the sender's
// message, then the receiver's response at an information set per message) this is the PBE of Gibbons
// (1992, section 4.2); the sender's strategy is classed as pooling or separating. Mixed and semi-separating
// equilibria are not searched. Throws std::length_error beyond `max_profiles` pure profiles.
std::vector<Equilibrium> pure_perfect_bayesian(const ExtensiveGame& game, double tolerance = 1e-9,
                                               std::size_t max_profiles = 1'000'000);

// Checks an assessment: is the (possibly mixed) behaviour profile a weak PBE with sequential rationality
// everywhere, in the sense above? At information sets on the path beliefs follow Bayes' rule and every action
// played with positive probability must be a best response; off the path some belief must make every such
// action a best response. Returns the beliefs (Bayes on the path, supporting ranges off it) of the
// information sets with more than one node, or nullopt if the profile is not an equilibrium. This is how a
// closed-form equilibrium (e.g. the semi-separating one of the crisis game) is verified.
std::optional<std::vector<BeliefReport>> assess(const ExtensiveGame& game, const BehaviourProfile& profile,
                                                 double tolerance = 1e-9);
// "pooling", "separating", "partially pooling" or "semi-separating" (some type mixes) for the informed
// player's first moves after a types node; "" without one.
std::string sender_classification(const ExtensiveGame& game, const BehaviourProfile& profile);

}  // namespace leverage::games
