#pragma once
// Small games for the solver tests, built in code, and random games drawn from engine/rng streams.
#include <filesystem>
#include <string>
#include <vector>

#include "agents/solvers/game.hpp"
#include "agents/solvers/game_reader.hpp"
#include "engine/rng/rng.hpp"

namespace leverage::test {

// prefix followed by the number, built with append (GCC 12 warns falsely on "lit" + std::string).
template <typename Number>
std::string numbered(std::string prefix, Number number) {
  prefix.append(std::to_string(number));
  return prefix;
}

// A two-player game from its bimatrix (row[i][j], column[i][j]).
inline games::NormalFormGame two_player(const std::vector<std::vector<double>>& row,
                                        const std::vector<std::vector<double>>& column) {
  games::NormalFormGame game;
  game.players = {"row", "column"};
  game.actions.resize(2);
  for (std::size_t i = 0; i < row.size(); ++i) game.actions[0].push_back(test::numbered("r", i));
  for (std::size_t j = 0; j < row[0].size(); ++j) game.actions[1].push_back(test::numbered("c", j));
  for (std::size_t i = 0; i < row.size(); ++i)
    for (std::size_t j = 0; j < row[0].size(); ++j) {
      game.payoffs.push_back(row[i][j]);
      game.payoffs.push_back(column[i][j]);
    }
  return game;
}

// An n-player game with the given action counts and payoffs uniform on [0, 1) from `rng`.
inline games::NormalFormGame random_normal_form(rng::Rng& rng, const std::vector<std::size_t>& action_counts) {
  games::NormalFormGame game;
  for (std::size_t p = 0; p < action_counts.size(); ++p) {
    game.players.push_back(test::numbered("p", p));
    game.actions.emplace_back();
    for (std::size_t a = 0; a < action_counts[p]; ++a) game.actions.back().push_back(test::numbered("a", a));
  }
  game.payoffs.resize(game.profile_count() * action_counts.size());
  for (double& payoff : game.payoffs) payoff = rng::uniform01(rng);
  return game;
}

inline games::GameFile shipped_game(const std::string& name, const std::vector<std::string>& overrides = {}) {
  return games::read_game_file(std::filesystem::path(LEVERAGE_SOURCE_DIR) / "scenarios" / "games" / (name + ".json"),
                               overrides);
}

}  // namespace leverage::test
