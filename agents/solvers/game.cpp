#include "agents/solvers/game.hpp"

#include <algorithm>
#include <stdexcept>

namespace leverage::games {

std::size_t NormalFormGame::profile_count() const {
  std::size_t count = 1;
  for (const auto& list : actions) count *= list.size();
  return count;
}

std::size_t NormalFormGame::profile_index(const std::vector<std::size_t>& profile) const {
  std::size_t index = 0;
  for (std::size_t player = 0; player < actions.size(); ++player) index = index * actions[player].size() + profile[player];
  return index;
}

std::vector<std::size_t> NormalFormGame::profile_of(std::size_t index) const {
  std::vector<std::size_t> profile(actions.size());
  for (std::size_t player = actions.size(); player-- > 0;) {
    profile[player] = index % actions[player].size();
    index /= actions[player].size();
  }
  return profile;
}

namespace {

// Calls visit(profile index, pure profile, probability of the profile without `skip`'s factor) for every
// pure profile, in index order (a fixed order, so sums are reproducible).
template <typename Visit>
void for_each_profile(const NormalFormGame& game, const MixedProfile& profile, int skip, Visit&& visit) {
  const std::size_t count = game.profile_count();
  for (std::size_t index = 0; index < count; ++index) {
    const std::vector<std::size_t> pure = game.profile_of(index);
    double probability = 1.0;
    for (std::size_t player = 0; player < pure.size(); ++player)
      if (static_cast<int>(player) != skip) probability *= profile[player][pure[player]];
    visit(index, pure, probability);
  }
}

}  // namespace

double expected_payoff(const NormalFormGame& game, const MixedProfile& profile, std::size_t player) {
  double total = 0.0;
  for_each_profile(game, profile, -1, [&](std::size_t index, const std::vector<std::size_t>&, double probability) {
    total += probability * game.payoff(index, player);
  });
  return total;
}

std::vector<double> action_values(const NormalFormGame& game, const MixedProfile& profile, std::size_t player) {
  std::vector<double> values(game.action_count(player), 0.0);
  for_each_profile(game, profile, static_cast<int>(player),
                   [&](std::size_t index, const std::vector<std::size_t>& pure, double probability) {
                     values[pure[player]] += probability * game.payoff(index, player);
                   });
  return values;
}

double max_deviation_gain(const NormalFormGame& game, const MixedProfile& profile) {
  double worst = 0.0;
  for (std::size_t player = 0; player < game.player_count(); ++player) {
    const std::vector<double> values = action_values(game, profile, player);
    double current = 0.0;
    for (std::size_t a = 0; a < values.size(); ++a) current += profile[player][a] * values[a];
    for (const double value : values) worst = std::max(worst, value - current);
  }
  return worst;
}

Bimatrix bimatrix(const NormalFormGame& game) {
  if (game.player_count() != 2) throw std::invalid_argument("bimatrix: the game does not have two players");
  const std::size_t rows = game.action_count(0), columns = game.action_count(1);
  Bimatrix result{std::vector<std::vector<double>>(rows, std::vector<double>(columns)),
                  std::vector<std::vector<double>>(rows, std::vector<double>(columns))};
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < columns; ++j) {
      result.row[i][j] = game.payoff(i * columns + j, 0);
      result.column[i][j] = game.payoff(i * columns + j, 1);
    }
  return result;
}

bool ExtensiveGame::perfect_information() const {
  return std::all_of(infosets.begin(), infosets.end(), [](const InfoSet& set) { return set.nodes.size() == 1; });
}

std::vector<double> node_values(const ExtensiveGame& game, const BehaviourProfile& profile, std::size_t node_index) {
  const TreeNode& node = game.nodes[node_index];
  if (node.kind == TreeNode::Kind::terminal) return node.payoffs;
  std::vector<double> values(game.players.size(), 0.0);
  for (std::size_t k = 0; k < node.children.size(); ++k) {
    const double probability =
        node.kind == TreeNode::Kind::chance ? node.probabilities[k] : profile[node.infoset][k];
    if (probability == 0.0) continue;
    const std::vector<double> child = node_values(game, profile, node.children[k]);
    for (std::size_t p = 0; p < values.size(); ++p) values[p] += probability * child[p];
  }
  return values;
}

std::vector<double> reach_probabilities(const ExtensiveGame& game, const BehaviourProfile& profile) {
  std::vector<double> reach(game.nodes.size(), 0.0);
  reach[0] = 1.0;
  for (std::size_t index = 0; index < game.nodes.size(); ++index) {  // parents come before children
    const TreeNode& node = game.nodes[index];
    for (std::size_t k = 0; k < node.children.size(); ++k) {
      const double probability =
          node.kind == TreeNode::Kind::chance ? node.probabilities[k] : profile[node.infoset][k];
      reach[node.children[k]] = reach[index] * probability;
    }
  }
  return reach;
}

namespace {

std::vector<std::vector<std::size_t>> infosets_by_player(const ExtensiveGame& game) {
  std::vector<std::vector<std::size_t>> owned(game.players.size());
  for (std::size_t set = 0; set < game.infosets.size(); ++set) owned[game.infosets[set].player].push_back(set);
  return owned;
}

}  // namespace

BehaviourProfile behaviour_of(const ExtensiveGame& game, const std::vector<std::size_t>& pure_strategies) {
  const auto owned = infosets_by_player(game);
  BehaviourProfile profile(game.infosets.size());
  for (std::size_t set = 0; set < game.infosets.size(); ++set)
    profile[set].assign(game.infosets[set].actions.size(), 0.0);
  for (std::size_t player = 0; player < owned.size(); ++player) {
    std::size_t code = pure_strategies[player];
    for (std::size_t k = owned[player].size(); k-- > 0;) {
      const std::size_t set = owned[player][k];
      const std::size_t choices = game.infosets[set].actions.size();
      profile[set][code % choices] = 1.0;
      code /= choices;
    }
  }
  return profile;
}

NormalFormGame to_normal_form(const ExtensiveGame& game, std::size_t max_profiles) {
  const auto owned = infosets_by_player(game);
  NormalFormGame normal;
  normal.players = game.players;
  std::size_t profiles = 1;
  for (std::size_t player = 0; player < owned.size(); ++player) {
    std::vector<std::string> strategies{""};
    for (const std::size_t set : owned[player]) {
      std::vector<std::string> longer;
      for (const auto& prefix : strategies)
        for (const auto& action : game.infosets[set].actions) {
          std::string name = prefix;
          if (!name.empty()) name.append(",");
          name.append(game.infosets[set].name).append(":").append(action);
          longer.push_back(std::move(name));
        }
      strategies = std::move(longer);
      if (strategies.size() > max_profiles) throw std::length_error("too many pure strategies");
    }
    if (strategies.size() == 1 && strategies[0].empty()) strategies[0] = "(no move)";
    profiles *= strategies.size();
    if (profiles > max_profiles) throw std::length_error("too many pure strategy profiles");
    normal.actions.push_back(std::move(strategies));
  }
  normal.payoffs.resize(profiles * game.players.size());
  for (std::size_t index = 0; index < profiles; ++index) {
    const std::vector<double> values = node_values(game, behaviour_of(game, normal.profile_of(index)), 0);
    std::copy(values.begin(), values.end(), normal.payoffs.begin() + static_cast<std::ptrdiff_t>(index * values.size()));
  }
  return normal;
}

std::string kind_name(const Game& game) {
  static const char* const kNames[] = {"normal", "extensive", "bargaining", "vote"};
  return kNames[game.index()];
}

}  // namespace leverage::games
