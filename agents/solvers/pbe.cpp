// Pure-strategy perfect Bayesian equilibria and the `pbe` solver.
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "agents/solvers/linear.hpp"
#include "agents/solvers/trees.hpp"

namespace leverage::games {

namespace {

// values[node][player] under a pure profile, bottom-up.
std::vector<std::vector<double>> all_node_values(const ExtensiveGame& game, const BehaviourProfile& profile) {
  std::vector<std::vector<double>> values(game.nodes.size(), std::vector<double>(game.players.size(), 0.0));
  for (std::size_t index = game.nodes.size(); index-- > 0;) {
    const TreeNode& node = game.nodes[index];
    if (node.kind == TreeNode::Kind::terminal) {
      values[index] = node.payoffs;
      continue;
    }
    for (std::size_t k = 0; k < node.children.size(); ++k) {
      const double p = node.kind == TreeNode::Kind::chance ? node.probabilities[k] : profile[node.infoset][k];
      if (p == 0.0) continue;
      for (std::size_t q = 0; q < values[index].size(); ++q) values[index][q] += p * values[node.children[k]][q];
    }
  }
  return values;
}

// The beliefs mu (over the d nodes of an information set) under which the chosen action is a best
// response: {mu >= 0, sum mu = 1, gains[a] . mu >= 0 for every other action a}, where gains[a][k] is the
// mover's value of the chosen action minus that of action a at node k. Returns the per-node [low, high]
// over the vertices of that polytope (a coordinate's range over a polytope is attained at vertices), or
// nothing if the polytope is empty. A vertex has d - 1 of the inequalities tight.
bool supporting_beliefs(const std::vector<std::vector<double>>& gains, std::size_t d, double tolerance,
                        std::vector<double>& low, std::vector<double>& high) {
  std::vector<std::vector<double>> inequalities;  // each: coefficients c with c . mu >= 0
  for (std::size_t k = 0; k < d; ++k) {
    std::vector<double> unit(d, 0.0);
    unit[k] = 1.0;
    inequalities.push_back(std::move(unit));
  }
  for (const auto& gain : gains) inequalities.push_back(gain);
  low.assign(d, 2.0);
  high.assign(d, -1.0);
  bool any = false;
  const std::size_t count = inequalities.size();
  std::vector<std::size_t> chosen(d - 1);
  for (std::size_t i = 0; i + 1 < d; ++i) chosen[i] = i;
  for (;;) {
    Matrix system;
    std::vector<double> rhs;
    for (const std::size_t c : chosen) {
      system.push_back(inequalities[c]);
      rhs.push_back(0.0);
    }
    system.push_back(std::vector<double>(d, 1.0));
    rhs.push_back(1.0);
    if (const auto mu = solve_linear(std::move(system), std::move(rhs))) {
      const bool feasible = std::all_of(inequalities.begin(), inequalities.end(), [&](const std::vector<double>& c) {
        double dot = 0.0;
        for (std::size_t k = 0; k < d; ++k) dot += c[k] * (*mu)[k];
        return dot >= -tolerance;
      });
      if (feasible) {
        any = true;
        for (std::size_t k = 0; k < d; ++k) {
          const double clipped = std::clamp((*mu)[k], 0.0, 1.0);
          low[k] = std::min(low[k], clipped);
          high[k] = std::max(high[k], clipped);
        }
      }
    }
    // next combination of d - 1 out of `count`
    std::size_t i = d - 1;
    while (i > 0 && chosen[i - 1] == count - (d - 1) + i - 1) --i;
    if (i == 0) break;
    ++chosen[i - 1];
    for (std::size_t j = i; j + 1 < d; ++j) chosen[j] = chosen[j - 1] + 1;
  }
  return any;
}

// Classifies the informed player's first moves: "pooling", "separating" or "partially pooling", or "" when
// the game has no types node directly followed by that player's decisions.
std::string classify(const ExtensiveGame& game, const BehaviourProfile& profile) {
  for (const TreeNode& node : game.nodes) {
    if (node.kind != TreeNode::Kind::chance || node.types_of < 0) continue;
    std::vector<std::size_t> messages;
    for (const std::size_t child : node.children) {
      const TreeNode& first = game.nodes[child];
      if (first.kind != TreeNode::Kind::decision || static_cast<int>(first.player) != node.types_of) return "";
      const auto& strategy = profile[first.infoset];
      std::size_t code = 0;  // the set of messages sent with positive probability, as bits
      for (std::size_t a = 0; a < strategy.size(); ++a)
        if (strategy[a] > 0.0) code |= std::size_t{1} << a;
      messages.push_back(code);
    }
    std::vector<std::size_t> distinct = messages;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const bool mixed = std::any_of(messages.begin(), messages.end(), [](std::size_t m) { return (m & (m - 1)) != 0; });
    if (mixed) return "semi-separating";
    if (distinct.size() == 1) return "pooling";
    if (distinct.size() == messages.size()) return "separating";
    return "partially pooling";
  }
  return "";
}

}  // namespace

std::optional<std::vector<BeliefReport>> assess(const ExtensiveGame& game, const BehaviourProfile& profile,
                                                 double tolerance) {
  const auto values = all_node_values(game, profile);
  const auto reach = reach_probabilities(game, profile);
  std::vector<BeliefReport> beliefs;
  for (std::size_t s = 0; s < game.infosets.size(); ++s) {
    const InfoSet& set = game.infosets[s];
    const std::size_t d = set.nodes.size();
    // gains: for every action played with positive probability (c) and every other action (a), the mover's
    // value of c minus that of a, node by node; each must be >= 0 in expectation under the belief.
    std::vector<std::vector<double>> gains;
    for (std::size_t c = 0; c < set.actions.size(); ++c) {
      if (!(profile[s][c] > 0.0)) continue;
      for (std::size_t a = 0; a < set.actions.size(); ++a) {
        if (a == c) continue;
        std::vector<double> gain(d);
        for (std::size_t k = 0; k < d; ++k) {
          const TreeNode& node = game.nodes[set.nodes[k]];
          gain[k] = values[node.children[c]][set.player] - values[node.children[a]][set.player];
        }
        gains.push_back(std::move(gain));
      }
    }
    double mass = 0.0;
    for (const std::size_t node : set.nodes) mass += reach[node];
    BeliefReport report;
    report.infoset = set.name;
    for (const std::size_t node : set.nodes) report.nodes.push_back(game.nodes[node].label);
    if (mass > 0.0) {
      for (const std::size_t node : set.nodes) report.belief.push_back(reach[node] / mass);
      for (const auto& gain : gains) {
        double expected = 0.0;
        for (std::size_t k = 0; k < d; ++k) expected += report.belief[k] * gain[k];
        if (expected < -tolerance) return std::nullopt;
      }
    } else {
      report.on_path = false;
      if (!supporting_beliefs(gains, d, tolerance, report.low, report.high)) return std::nullopt;
    }
    if (d > 1) beliefs.push_back(std::move(report));
  }
  return beliefs;
}

std::string sender_classification(const ExtensiveGame& game, const BehaviourProfile& profile) {
  return classify(game, profile);
}

std::vector<Equilibrium> pure_perfect_bayesian(const ExtensiveGame& game, double tolerance, std::size_t max_profiles) {
  std::size_t profiles = 1;
  for (const auto& set : game.infosets) {
    profiles *= set.actions.size();
    if (profiles > max_profiles) throw std::length_error("too many pure behaviour profiles");
  }
  std::vector<Equilibrium> found;
  BehaviourProfile profile(game.infosets.size());
  for (std::size_t code = 0; code < profiles; ++code) {
    std::size_t rest = code;
    for (std::size_t set = game.infosets.size(); set-- > 0;) {  // last information set fastest
      const std::size_t choices = game.infosets[set].actions.size();
      profile[set].assign(choices, 0.0);
      profile[set][rest % choices] = 1.0;
      rest /= choices;
    }
    auto beliefs = assess(game, profile, tolerance);
    if (!beliefs) continue;
    const std::string kind = classify(game, profile);
    Equilibrium result = extensive_equilibrium(game, profile, kind.empty() ? "PBE" : kind + " PBE");
    result.beliefs = std::move(*beliefs);
    found.push_back(std::move(result));
  }
  return found;
}

namespace {

const bool registered = register_solver(
    {"pbe", "pure-strategy perfect Bayesian equilibria (pooling and separating) with on- and off-path beliefs",
     [](const Game& game) -> std::optional<std::string> {
       if (!std::holds_alternative<ExtensiveGame>(game)) return "needs an extensive-form game";
       return std::nullopt;
     },
     [](const Game& game, const SolverOptions& options) {
       const auto& tree = std::get<ExtensiveGame>(game);
       Solution solution = make_solution("pbe", tree.players);
       solution.equilibria = pure_perfect_bayesian(tree, options.tolerance);
       if (solution.equilibria.empty())
         solution.notes.push_back("no pure-strategy PBE: the equilibria are mixed (e.g. semi-separating)");
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
