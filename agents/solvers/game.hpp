// Finite games as plain data: what a game file describes (docs/GAMES.md) and what code builds directly.
//
// A solver never sees JSON: the reader (game_reader.hpp) evaluates every formula and hands over numbers,
// so a caller inside a simulation can build a game from its state (e.g. the crisis game at the moment an
// ultimatum is issued) and solve it with the same functions the `leverage solve` command uses.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace leverage::games {

// n players, each with a finite list of actions; a payoff per player per pure profile.
// Profiles are indexed in mixed radix with the LAST player fastest: for two players, index = row * columns
// + column, so a bimatrix reads row by row.
struct NormalFormGame {
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> actions;  // actions[player]
  std::vector<double> payoffs;                     // payoffs[profile * players + player]

  std::size_t player_count() const { return players.size(); }
  std::size_t action_count(std::size_t player) const { return actions[player].size(); }
  std::size_t profile_count() const;
  std::size_t profile_index(const std::vector<std::size_t>& profile) const;
  std::vector<std::size_t> profile_of(std::size_t index) const;
  double payoff(std::size_t profile, std::size_t player) const { return payoffs[profile * players.size() + player]; }
};

// A mixed profile: strategy[player][action] probabilities.
using MixedProfile = std::vector<std::vector<double>>;

// Expected payoff of `player` under `profile`.
double expected_payoff(const NormalFormGame& game, const MixedProfile& profile, std::size_t player);
// Expected payoff of each pure action of `player` against the others' mixed strategies.
std::vector<double> action_values(const NormalFormGame& game, const MixedProfile& profile, std::size_t player);
// The largest gain any player can make by a unilateral deviation to a pure action (exhaustive); a profile
// is an epsilon-Nash equilibrium iff this is <= epsilon.
double max_deviation_gain(const NormalFormGame& game, const MixedProfile& profile);

// A bimatrix view of a two-player game: row[i][j] and column[i][j].
struct Bimatrix {
  std::vector<std::vector<double>> row;
  std::vector<std::vector<double>> column;
};
Bimatrix bimatrix(const NormalFormGame& game);  // requires exactly two players

// An extensive-form game tree. Nodes are stored in an array; node 0 is the root. A decision node belongs to
// a player and an information set (nodes in one set have the same action labels); a chance node has
// probabilities; a terminal node has a payoff per player. One chance node may be marked as drawing the type
// of a player (`types_of`): that is how a game with incomplete information (Harsanyi) is written.
struct TreeNode {
  enum class Kind { decision, chance, terminal };
  Kind kind = Kind::terminal;
  std::string label;                 // for reports: the path of actions from the root, e.g. "challenge/resist"
  std::size_t player = 0;            // decision nodes
  std::size_t infoset = 0;           // decision nodes: index into ExtensiveGame::infosets
  std::vector<std::string> actions;  // decision and chance nodes (chance: outcome names)
  std::vector<std::size_t> children;
  std::vector<double> probabilities;  // chance nodes
  std::vector<double> payoffs;        // terminal nodes, one per player
  int types_of = -1;                  // chance nodes: the player whose type this draws, or -1
};

struct InfoSet {
  std::string name;
  std::size_t player = 0;
  std::vector<std::string> actions;
  std::vector<std::size_t> nodes;  // in tree order
};

struct ExtensiveGame {
  std::vector<std::string> players;
  std::vector<TreeNode> nodes;  // nodes[0] is the root; children come after their parent
  std::vector<InfoSet> infosets;

  bool perfect_information() const;  // every information set is a single node
};

// A behaviour strategy: probabilities over the actions of every information set (by infoset index).
using BehaviourProfile = std::vector<std::vector<double>>;

// Expected payoffs of every player from `node` under `profile`.
std::vector<double> node_values(const ExtensiveGame& game, const BehaviourProfile& profile, std::size_t node);
// Probability of reaching each node from the root under `profile`.
std::vector<double> reach_probabilities(const ExtensiveGame& game, const BehaviourProfile& profile);
// The normal form: a pure strategy of a player chooses an action at each of its information sets (in index
// order, the last one fastest); payoffs are expectations over chance. Throws std::length_error beyond
// `max_profiles` profiles.
NormalFormGame to_normal_form(const ExtensiveGame& game, std::size_t max_profiles = 1'000'000);
// The behaviour profile a pure normal-form strategy (as from to_normal_form) stands for.
BehaviourProfile behaviour_of(const ExtensiveGame& game, const std::vector<std::size_t>& pure_strategies);

// Alternating-offers bargaining over a pie of size 1 (Rubinstein 1982; Stahl 1972 for finite horizons):
// in round t = 1, 2, ..., the proposer (player 0 in odd rounds) offers a split and the other accepts or
// rejects; a payoff received in round t is worth discount[i]^(t-1). After round `horizon` without agreement
// both get 0. horizon 0 means no deadline (the infinite-horizon game).
struct BargainingGame {
  std::vector<std::string> players;  // exactly two; players[0] proposes first
  double discount[2] = {1.0, 1.0};
  unsigned horizon = 0;
};

// A first-round Bueno de Mesquita vote table: actors with a position on a one-dimensional issue, a
// capability and a salience. Positions lie in [low, high].
struct VoteTable {
  struct Actor {
    std::string name;
    double position = 0.0;
    double capability = 0.0;
    double salience = 0.0;
  };
  std::vector<Actor> actors;
  double low = 0.0;
  double high = 100.0;
};

using Game = std::variant<NormalFormGame, ExtensiveGame, BargainingGame, VoteTable>;

// "normal", "extensive", "bargaining" or "vote".
std::string kind_name(const Game& game);

}  // namespace leverage::games
