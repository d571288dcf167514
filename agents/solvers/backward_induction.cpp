// Backward induction and the `backward` solver.
#include "agents/solvers/trees.hpp"

namespace leverage::games {

BackwardInduction backward_induction(const ExtensiveGame& game, double tolerance) {
  BackwardInduction result;
  result.profile.resize(game.infosets.size());
  for (std::size_t set = 0; set < game.infosets.size(); ++set)
    result.profile[set].assign(game.infosets[set].actions.size(), 0.0);
  result.values.assign(game.nodes.size(), std::vector<double>(game.players.size(), 0.0));
  std::vector<std::string> ties_reversed;
  for (std::size_t index = game.nodes.size(); index-- > 0;) {  // children come after their parents
    const TreeNode& node = game.nodes[index];
    auto& value = result.values[index];
    if (node.kind == TreeNode::Kind::terminal) {
      value = node.payoffs;
    } else if (node.kind == TreeNode::Kind::chance) {
      for (std::size_t k = 0; k < node.children.size(); ++k)
        for (std::size_t p = 0; p < value.size(); ++p) value[p] += node.probabilities[k] * result.values[node.children[k]][p];
    } else {
      std::size_t best = 0;
      bool tie = false;
      for (std::size_t k = 1; k < node.children.size(); ++k) {
        const double candidate = result.values[node.children[k]][node.player];
        const double incumbent = result.values[node.children[best]][node.player];
        if (candidate > incumbent + tolerance) {
          best = k;
          tie = false;
        } else if (candidate >= incumbent - tolerance) {
          tie = true;
        }
      }
      if (tie) ties_reversed.push_back(node.label);
      result.profile[node.infoset][best] = 1.0;
      value = result.values[node.children[best]];
    }
  }
  result.ties.assign(ties_reversed.rbegin(), ties_reversed.rend());
  return result;
}

namespace {

const bool registered = register_solver(
    {"backward", "subgame-perfect equilibrium of a perfect-information tree by backward induction",
     [](const Game& game) -> std::optional<std::string> {
       const auto* tree = std::get_if<ExtensiveGame>(&game);
       if (!tree) return "needs an extensive-form game";
       if (!tree->perfect_information()) return "needs perfect information (use `pbe` for information sets)";
       return std::nullopt;
     },
     [](const Game& game, const SolverOptions&) {
       const auto& tree = std::get<ExtensiveGame>(game);
       const BackwardInduction solved = backward_induction(tree);
       Solution solution = make_solution("backward", tree.players);
       Equilibrium equilibrium = extensive_equilibrium(tree, solved.profile, "subgame perfect");
       for (const auto& label : solved.ties)
         equilibrium.notes.push_back("tie at " + label + ": the first action listed is taken");
       solution.equilibria.push_back(std::move(equilibrium));
       if (!solved.ties.empty())
         solution.notes.push_back("ties: other subgame-perfect equilibria break them differently");
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
