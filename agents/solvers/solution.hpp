// What a solver returns: plain structs, the same for the command line (report.hpp prints them) and for code
// that solves a game built in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agents/solvers/game.hpp"

namespace leverage::games {

// One player's (mixed or behaviour) strategy at one place: the whole normal form (`where` empty) or one
// information set of an extensive game.
struct StrategyReport {
  std::string player;
  std::string where;  // information set name, or "" in a normal-form game
  std::vector<std::string> actions;
  std::vector<double> probabilities;
};

// Beliefs at one information set: on the path by Bayes' rule (`belief`), off the path the range of beliefs
// that support the equilibrium's action there (`low[k]`..`high[k]` for node k; any belief in the set works,
// and the set is convex, so each node's range is an interval).
struct BeliefReport {
  std::string infoset;
  std::vector<std::string> nodes;  // node labels
  bool on_path = true;
  std::vector<double> belief;  // on the path
  std::vector<double> low;     // off the path
  std::vector<double> high;    // off the path
};

struct Equilibrium {
  std::string type;  // "pure Nash", "mixed Nash", "subgame perfect", "pooling PBE", "logit QRE", ...
  std::vector<StrategyReport> strategies;
  std::vector<double> expected_payoffs;  // one per player
  std::vector<BeliefReport> beliefs;
  std::vector<std::string> notes;
};

// One point of a traced path (QRE) or of an iteration (dynamics); `values` are named columns.
struct PathTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
};

struct Solution {
  std::string solver;
  std::vector<std::string> players;
  std::vector<Equilibrium> equilibria;
  std::vector<std::string> notes;     // e.g. "the game is degenerate: ..."
  std::map<std::string, double> facts;  // solver-specific figures (convergence, shares, ...), by name
  std::optional<PathTable> path;        // QRE path, written as CSV by --csv
};

inline Solution make_solution(std::string solver, std::vector<std::string> players) {
  Solution solution;
  solution.solver = std::move(solver);
  solution.players = std::move(players);
  return solution;
}

// Options a solver may read; each documents its own (docs/GAMES.md).
struct SolverOptions {
  double lambda_max = 50.0;       // qre
  double lambda_step = 0.05;      // qre: first step (adapted)
  unsigned long iterations = 100000;  // fictitious play, replicator
  double step = 0.01;             // replicator: Euler time step
  double tolerance = 1e-9;        // equilibrium checks
};

// A registered solver: its name, what it does, and the function. `applies` says whether it can solve a
// game (and if not, why), so the command line can print a useful refusal.
struct SolverEntry {
  std::string name;
  std::string summary;
  std::function<std::optional<std::string>(const Game&)> refuses;  // nullopt if the game is acceptable
  std::function<Solution(const Game&, const SolverOptions&)> solve;
};

bool register_solver(SolverEntry entry);
const std::vector<SolverEntry>& solver_registry();  // sorted by name
const SolverEntry* find_solver(const std::string& name);
// The solver used when none is named: pure for n > 2 players, support enumeration for 2, backward
// induction for perfect-information trees, pbe for other trees, bargaining, bdm.
std::string default_solver(const Game& game);

// Helpers shared by the solvers.
StrategyReport strategy_of(const NormalFormGame& game, std::size_t player, const std::vector<double>& probabilities);
Equilibrium normal_form_equilibrium(const NormalFormGame& game, const MixedProfile& profile, std::string type);
Equilibrium extensive_equilibrium(const ExtensiveGame& game, const BehaviourProfile& profile, std::string type);

}  // namespace leverage::games
