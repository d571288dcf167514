#include <algorithm>
#include <stdexcept>

#include "agents/solvers/solution.hpp"

namespace leverage::games {

namespace {

std::vector<SolverEntry>& mutable_registry() {
  static std::vector<SolverEntry> registry;
  return registry;
}

}  // namespace

bool register_solver(SolverEntry entry) {
  auto& registry = mutable_registry();
  const auto position = std::lower_bound(registry.begin(), registry.end(), entry.name,
                                         [](const SolverEntry& e, const std::string& name) { return e.name < name; });
  if (position != registry.end() && position->name == entry.name)
    throw std::logic_error("solver registered twice: " + entry.name);
  registry.insert(position, std::move(entry));
  return true;
}

const std::vector<SolverEntry>& solver_registry() { return mutable_registry(); }

const SolverEntry* find_solver(const std::string& name) {
  for (const auto& entry : solver_registry())
    if (entry.name == name) return &entry;
  return nullptr;
}

std::string default_solver(const Game& game) {
  if (const auto* normal = std::get_if<NormalFormGame>(&game)) return normal->player_count() == 2 ? "support" : "pure";
  if (const auto* tree = std::get_if<ExtensiveGame>(&game)) return tree->perfect_information() ? "backward" : "pbe";
  if (std::holds_alternative<BargainingGame>(game)) return "bargaining";
  return "bdm";
}

StrategyReport strategy_of(const NormalFormGame& game, std::size_t player, const std::vector<double>& probabilities) {
  return {game.players[player], "", game.actions[player], probabilities};
}

Equilibrium normal_form_equilibrium(const NormalFormGame& game, const MixedProfile& profile, std::string type) {
  Equilibrium equilibrium;
  equilibrium.type = std::move(type);
  for (std::size_t player = 0; player < game.player_count(); ++player) {
    equilibrium.strategies.push_back(strategy_of(game, player, profile[player]));
    equilibrium.expected_payoffs.push_back(expected_payoff(game, profile, player));
  }
  return equilibrium;
}

Equilibrium extensive_equilibrium(const ExtensiveGame& game, const BehaviourProfile& profile, std::string type) {
  Equilibrium equilibrium;
  equilibrium.type = std::move(type);
  for (std::size_t set = 0; set < game.infosets.size(); ++set) {
    const InfoSet& info = game.infosets[set];
    equilibrium.strategies.push_back({game.players[info.player], info.name, info.actions, profile[set]});
  }
  equilibrium.expected_payoffs = node_values(game, profile, 0);
  return equilibrium;
}

}  // namespace leverage::games
