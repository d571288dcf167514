// Support enumeration for two-player games, and the `support` solver.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "agents/solvers/linear.hpp"
#include "agents/solvers/nash.hpp"
#include "agents/solvers/solution.hpp"

namespace leverage::games {

namespace {

// Subsets of {0..n-1} of size k, as sorted index lists, in lexicographic order.
std::vector<std::vector<std::size_t>> subsets(std::size_t n, std::size_t k) {
  std::vector<std::vector<std::size_t>> result;
  std::vector<std::size_t> current(k);
  for (std::size_t i = 0; i < k; ++i) current[i] = i;
  for (;;) {
    result.push_back(current);
    std::size_t i = k;
    while (i > 0 && current[i - 1] == n - k + i - 1) --i;
    if (i == 0) return result;
    ++current[i - 1];
    for (std::size_t j = i; j < k; ++j) current[j] = current[j - 1] + 1;
  }
}

// The mixed strategy on `own` (of `size` actions) making the opponent indifferent among `other`:
// sum_{i in own} payoff(i, j) s_i = value for every j in other, sum s_i = 1. `payoff(i, j)` is the
// opponent's payoff when this player plays i and the opponent j. nullopt if singular or not a
// probability vector with every support entry positive.
template <typename Payoff>
std::optional<std::vector<double>> indifference_strategy(const std::vector<std::size_t>& own,
                                                         const std::vector<std::size_t>& other, std::size_t size,
                                                         Payoff&& payoff) {
  const std::size_t k = own.size();
  Matrix system(k + 1, std::vector<double>(k + 1, 0.0));
  std::vector<double> rhs(k + 1, 0.0);
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) system[r][c] = payoff(own[c], other[r]);
    system[r][k] = -1.0;  // minus the value
  }
  for (std::size_t c = 0; c < k; ++c) system[k][c] = 1.0;
  rhs[k] = 1.0;
  const auto solved = solve_linear(std::move(system), std::move(rhs));
  if (!solved) return std::nullopt;
  std::vector<double> strategy(size, 0.0);
  for (std::size_t c = 0; c < k; ++c) {
    if (!((*solved)[c] > 1e-12)) return std::nullopt;
    strategy[own[c]] = (*solved)[c];
  }
  return strategy;
}

std::size_t count_best_responses(const std::vector<double>& values, double tolerance) {
  const double best = *std::max_element(values.begin(), values.end());
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [&](double v) { return v >= best - tolerance; }));
}

std::size_t support_size(const std::vector<double>& strategy) {
  return static_cast<std::size_t>(std::count_if(strategy.begin(), strategy.end(), [](double p) { return p > 0.0; }));
}

}  // namespace

BimatrixEquilibria support_enumeration(const NormalFormGame& game, double tolerance) {
  const Bimatrix matrices = bimatrix(game);
  const std::size_t rows = game.action_count(0), columns = game.action_count(1);
  BimatrixEquilibria result;
  // Support size 1: a pure strategy with two or more pure best responses already makes the game degenerate
  // (and equilibria with supports of unequal size may then exist, which the loop below does not list).
  for (std::size_t player = 0; player < 2 && result.degenerate.empty(); ++player) {
    const std::size_t own = game.action_count(player), other = game.action_count(1 - player);
    for (std::size_t a = 0; a < own && result.degenerate.empty(); ++a) {
      std::vector<double> responses(other);
      for (std::size_t b = 0; b < other; ++b)
        responses[b] = player == 0 ? matrices.column[a][b] : matrices.row[b][a];
      if (count_best_responses(responses, tolerance) > 1)
        result.degenerate = game.players[1 - player] + " has several pure best responses to " + game.players[player] +
                            "'s pure strategy " + game.actions[player][a];
    }
  }
  for (std::size_t k = 1; k <= std::min(rows, columns); ++k) {
    const auto row_supports = subsets(rows, k);
    const auto column_supports = subsets(columns, k);
    for (const auto& row_support : row_supports)
      for (const auto& column_support : column_supports) {
        // x makes the column player indifferent on column_support, y the row player on row_support.
        const auto x = indifference_strategy(row_support, column_support, rows,
                                             [&](std::size_t i, std::size_t j) { return matrices.column[i][j]; });
        if (!x) continue;
        const auto y = indifference_strategy(column_support, row_support, columns,
                                             [&](std::size_t j, std::size_t i) { return matrices.row[i][j]; });
        if (!y) continue;
        const MixedProfile profile{*x, *y};
        if (max_deviation_gain(game, profile) > tolerance) continue;
        if (std::any_of(result.equilibria.begin(), result.equilibria.end(),
                        [&](const MixedProfile& seen) { return same_profile(seen, profile); }))
          continue;
        // Nondegenerate: no strategy with support size s has more than s pure best responses.
        for (std::size_t player = 0; player < 2 && result.degenerate.empty(); ++player) {
          const std::size_t responses = count_best_responses(action_values(game, profile, player), tolerance);
          const std::size_t other_support = support_size(profile[1 - player]);
          if (responses > other_support)
            result.degenerate = game.players[player] + " has " + std::to_string(responses) +
                                " pure best responses to a strategy of " + game.players[1 - player] + " with support size " +
                                std::to_string(other_support);
        }
        result.equilibria.push_back(profile);
      }
  }
  return result;
}

namespace {

std::optional<std::string> needs_two_players(const Game& game) {
  const auto* normal = std::get_if<NormalFormGame>(&game);
  if (!normal) return "needs a normal-form game";
  if (normal->player_count() != 2) return "needs exactly two players (use `pure` or `qre` for n players)";
  if (normal->action_count(0) > 14 || normal->action_count(1) > 14) return "enumerates supports of at most 14x14 games";
  return std::nullopt;
}

const bool registered = register_solver(
    {"support", "all Nash equilibria of a two-player game by support enumeration", needs_two_players,
     [](const Game& game, const SolverOptions& options) {
       const auto& normal = std::get<NormalFormGame>(game);
       const BimatrixEquilibria found = support_enumeration(normal, options.tolerance);
       Solution solution = make_solution("support", normal.players);
       for (const auto& profile : found.equilibria) {
         const bool pure = support_size(profile[0]) == 1 && support_size(profile[1]) == 1;
         solution.equilibria.push_back(normal_form_equilibrium(normal, profile, pure ? "pure Nash" : "mixed Nash"));
       }
       solution.facts["equilibria"] = static_cast<double>(found.equilibria.size());
       solution.facts["degenerate"] = found.degenerate.empty() ? 0.0 : 1.0;
       if (!found.degenerate.empty())
         solution.notes.push_back("the game is degenerate (" + found.degenerate +
                                  "): equilibria may form continua, and only those with supports of equal size are listed");
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
