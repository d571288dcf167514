// Pure Nash equilibria by exhaustive deviation, and the `pure` solver.
#include <cmath>

#include "agents/solvers/nash.hpp"
#include "agents/solvers/solution.hpp"

namespace leverage::games {

std::vector<MixedProfile> pure_nash_equilibria(const NormalFormGame& game, double tolerance) {
  std::vector<MixedProfile> found;
  const std::size_t profiles = game.profile_count();
  const std::size_t players = game.player_count();
  for (std::size_t index = 0; index < profiles; ++index) {
    const std::vector<std::size_t> profile = game.profile_of(index);
    bool stable = true;
    for (std::size_t player = 0; player < players && stable; ++player) {
      std::vector<std::size_t> deviation = profile;
      for (std::size_t a = 0; a < game.action_count(player) && stable; ++a) {
        deviation[player] = a;
        if (game.payoff(game.profile_index(deviation), player) > game.payoff(index, player) + tolerance) stable = false;
      }
    }
    if (!stable) continue;
    MixedProfile mixed(players);
    for (std::size_t player = 0; player < players; ++player) {
      mixed[player].assign(game.action_count(player), 0.0);
      mixed[player][profile[player]] = 1.0;
    }
    found.push_back(std::move(mixed));
  }
  return found;
}

bool same_profile(const MixedProfile& a, const MixedProfile& b, double tolerance) {
  if (a.size() != b.size()) return false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p].size() != b[p].size()) return false;
    for (std::size_t k = 0; k < a[p].size(); ++k)
      if (std::abs(a[p][k] - b[p][k]) > tolerance) return false;
  }
  return true;
}

namespace {

std::optional<std::string> needs_normal_form(const Game& game) {
  if (std::holds_alternative<NormalFormGame>(game) || std::holds_alternative<ExtensiveGame>(game)) return std::nullopt;
  return "needs a normal-form or extensive-form game";
}

const NormalFormGame& as_normal(const Game& game, NormalFormGame& storage) {
  if (const auto* normal = std::get_if<NormalFormGame>(&game)) return *normal;
  storage = to_normal_form(std::get<ExtensiveGame>(game));
  return storage;
}

const bool registered = register_solver(
    {"pure", "all pure Nash equilibria (n players; a tree is solved in its normal form)", needs_normal_form,
     [](const Game& game, const SolverOptions& options) {
       NormalFormGame storage;
       const NormalFormGame& normal = as_normal(game, storage);
       Solution solution = make_solution("pure", normal.players);
       for (const auto& profile : pure_nash_equilibria(normal, options.tolerance))
         solution.equilibria.push_back(normal_form_equilibrium(normal, profile, "pure Nash"));
       if (solution.equilibria.empty()) solution.notes.push_back("no pure Nash equilibrium");
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
