#include "agents/solvers/game_reader.hpp"

#include <cctype>
#include <cmath>
#include <functional>
#include <map>

#include "agents/solvers/expression.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/util/format.hpp"

namespace leverage::games {

namespace {

using config::Node;
using config::ObjectReader;

constexpr std::size_t kMaxPlayers = 16;
constexpr std::size_t kMaxActions = 64;
constexpr std::size_t kMaxProfiles = 1'000'000;
constexpr std::size_t kMaxTreeNodes = 200'000;
constexpr std::size_t kMaxDepth = 64;

// Reads numbers that may be written as formulas over the file's variables.
class Values {
 public:
  explicit Values(Variables variables) : variables_(std::move(variables)) {}

  double read(const Node& node, double min, double max) const {
    if (!node.is_string()) return node.as_double(min, max);
    const std::string text = node.as_string();
    double value = 0.0;
    try {
      value = Expression::parse(text).evaluate(variables_);
    } catch (const ExpressionError& e) {
      std::string found = node.describe();
      found.append(" (column ").append(std::to_string(e.column)).append(": ").append(e.detail).append(")");
      node.fail("an arithmetic formula", found);
    }
    if (value < min || value > max) {
      std::string found = node.describe();
      found.append(", which evaluates to ").append(format_double(value));
      node.fail("a number in [" + format_double(min) + ", " + format_double(max) + "]", found);
    }
    return value;
  }

 private:
  Variables variables_;
};

bool is_identifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (const char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

Variables read_variables(ObjectReader& file) {
  Variables variables;
  const auto node = file.optional("variables");
  if (!node) return variables;
  node->require_object();
  for (const auto& [key, value] : node->json().items()) {
    if (!key.empty() && key[0] == '_') continue;  // notes: _source, _assumption
    const Node child(value, node->shared_file(), node->pointer() + "/" + config::escape_pointer_token(key));
    if (!is_identifier(key)) child.fail("a variable name made of letters, digits and '_'", "\"" + key + "\"");
    variables[key] = child.as_double(-1e300, 1e300);
  }
  return variables;
}

std::vector<std::string> read_names(const Node& node, std::size_t min, std::size_t max, const std::string& what) {
  node.require_array();
  if (node.size() < min || node.size() > max)
    node.fail("an array of " + std::to_string(min) + " to " + std::to_string(max) + " " + what, node.describe());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const Node element = node.element(i);
    std::string name = element.as_string();
    if (name.empty()) element.fail("a non-empty name", element.describe());
    for (const auto& earlier : names)
      if (earlier == name) element.fail("each name once", "a second \"" + name + "\"");
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<double> read_payoff_vector(const Node& node, std::size_t players, const Values& values) {
  node.require_array();
  if (node.size() != players)
    node.fail("an array of " + std::to_string(players) + " payoffs (one per player)", node.describe());
  std::vector<double> payoffs;
  for (std::size_t i = 0; i < players; ++i) payoffs.push_back(values.read(node.element(i), -1e12, 1e12));
  return payoffs;
}

NormalFormGame read_normal(ObjectReader& file, std::vector<std::string> players, const Values& values) {
  NormalFormGame game;
  game.players = std::move(players);
  const Node actions = file.required("actions");
  actions.require_array();
  if (actions.size() != game.players.size())
    actions.fail("an array of " + std::to_string(game.players.size()) + " action lists (one per player)",
                 actions.describe());
  std::size_t profiles = 1;
  for (std::size_t player = 0; player < game.players.size(); ++player) {
    game.actions.push_back(read_names(actions.element(player), 1, kMaxActions, "action names"));
    profiles *= game.actions.back().size();
    if (profiles > kMaxProfiles) actions.fail("at most 1000000 action profiles", "more");
  }
  game.payoffs.resize(profiles * game.players.size());
  // payoffs: arrays nested one level per player (by the player's action), innermost a payoff per player.
  const std::function<void(const Node&, std::size_t, std::size_t)> fill = [&](const Node& node, std::size_t player,
                                                                              std::size_t prefix) {
    if (player == game.players.size()) {
      const auto vector = read_payoff_vector(node, game.players.size(), values);
      std::copy(vector.begin(), vector.end(), game.payoffs.begin() + static_cast<std::ptrdiff_t>(prefix * vector.size()));
      return;
    }
    node.require_array();
    const std::size_t count = game.actions[player].size();
    if (node.size() != count)
      node.fail("an array of " + std::to_string(count) + " entries (one per action of " + game.players[player] + ")",
                node.describe());
    for (std::size_t a = 0; a < count; ++a) fill(node.element(a), player + 1, prefix * count + a);
  };
  fill(file.required("payoffs"), 0, 0);
  return game;
}

class TreeReader {
 public:
  TreeReader(ExtensiveGame& game, const Values& values) : game_(game), values_(values) {}

  std::size_t read(const Node& node, const std::string& label, std::size_t depth) {
    if (depth > kMaxDepth) node.fail("a tree at most 64 levels deep", "a deeper tree");
    if (game_.nodes.size() >= kMaxTreeNodes) node.fail("a tree of at most 200000 nodes", "more nodes");
    ObjectReader reader(node);
    const std::size_t index = game_.nodes.size();
    game_.nodes.emplace_back();
    TreeNode built;
    built.label = label;
    if (const auto payoffs = reader.optional("payoffs")) {
      built.kind = TreeNode::Kind::terminal;
      built.payoffs = read_payoff_vector(*payoffs, game_.players.size(), values_);
      reader.finish();
      game_.nodes[index] = std::move(built);
      return index;
    }
    Node children = reader.required("children");
    children.require_array();
    if (const auto chance = reader.optional("chance")) {
      built.kind = TreeNode::Kind::chance;
      built.actions = read_names(reader.required("outcomes"), 1, kMaxActions, "outcome names");
      chance->require_array();
      if (chance->size() != built.actions.size())
        chance->fail("an array of " + std::to_string(built.actions.size()) + " probabilities (one per outcome)",
                     chance->describe());
      double total = 0.0;
      for (std::size_t k = 0; k < chance->size(); ++k) {
        built.probabilities.push_back(values_.read(chance->element(k), 0.0, 1.0));
        total += built.probabilities.back();
      }
      if (std::abs(total - 1.0) > 1e-9) chance->fail("probabilities that sum to 1", "a sum of " + format_double(total));
      if (const auto types = reader.optional("types_of")) built.types_of = static_cast<int>(player_index(*types));
    } else {
      built.kind = TreeNode::Kind::decision;
      built.player = player_index(reader.required("player"));
      built.actions = read_names(reader.required("actions"), 1, kMaxActions, "action names");
      std::string set_name = label;
      const auto infoset = reader.optional("infoset");
      if (infoset) set_name = infoset->as_string();
      built.infoset = infoset_index(set_name, built, infoset ? *infoset : node);
    }
    if (children.size() != built.actions.size())
      children.fail("an array of " + std::to_string(built.actions.size()) + " nodes (one per " +
                        (built.kind == TreeNode::Kind::chance ? "outcome" : "action") + ")",
                    children.describe());
    reader.finish();
    for (std::size_t k = 0; k < children.size(); ++k) {
      std::string child_label = label == "root" ? std::string() : label + "/";
      child_label.append(built.actions[k]);
      built.children.push_back(read(children.element(k), child_label, depth + 1));
    }
    if (built.kind == TreeNode::Kind::decision) game_.infosets[built.infoset].nodes.push_back(index);
    game_.nodes[index] = std::move(built);
    return index;
  }

 private:
  std::size_t player_index(const Node& node) const {
    const std::string name = node.as_enum(game_.players);
    for (std::size_t p = 0; p < game_.players.size(); ++p)
      if (game_.players[p] == name) return p;
    return 0;
  }
  std::size_t infoset_index(const std::string& name, const TreeNode& node, const Node& where) {
    const auto found = infoset_by_name_.find(name);
    if (found == infoset_by_name_.end()) {
      infoset_by_name_[name] = game_.infosets.size();
      game_.infosets.push_back({name, node.player, node.actions, {}});
      return game_.infosets.size() - 1;
    }
    const InfoSet& set = game_.infosets[found->second];
    if (set.player != node.player)
      where.fail("the player of information set \"" + name + "\" (" + game_.players[set.player] + ")",
                 game_.players[node.player]);
    if (set.actions != node.actions)
      where.fail("the same actions at every node of information set \"" + name + "\"", "different actions");
    return found->second;
  }

  ExtensiveGame& game_;
  const Values& values_;
  std::map<std::string, std::size_t> infoset_by_name_;
};

ExtensiveGame read_extensive(ObjectReader& file, std::vector<std::string> players, const Values& values) {
  ExtensiveGame game;
  game.players = std::move(players);
  TreeReader(game, values).read(file.required("root"), "root", 0);
  return game;
}

BargainingGame read_bargaining(ObjectReader& file, std::vector<std::string> players, const Values& values,
                               const Node& players_node) {
  if (players.size() != 2) players_node.fail("two players", players_node.describe());
  BargainingGame game;
  game.players = std::move(players);
  const Node discount = file.required("discount");
  discount.require_array();
  if (discount.size() != 2) discount.fail("an array of 2 discount factors (one per player)", discount.describe());
  for (std::size_t i = 0; i < 2; ++i) game.discount[i] = values.read(discount.element(i), 0.0, 1.0);
  game.horizon = static_cast<unsigned>(file.integer("horizon", 0, 100000));
  if (game.horizon == 0 && game.discount[0] * game.discount[1] >= 1.0)
    discount.fail("discount factors whose product is below 1 (the infinite game needs impatience)", "both 1");
  return game;
}

VoteTable read_vote(ObjectReader& file, const Values& values) {
  VoteTable table;
  const Node range = file.required("range");
  range.require_array();
  if (range.size() != 2) range.fail("[low, high]", range.describe());
  table.low = values.read(range.element(0), -1e12, 1e12);
  table.high = values.read(range.element(1), -1e12, 1e12);
  if (!(table.high > table.low)) range.fail("low < high", range.describe());
  const Node actors = file.required("actors");
  actors.require_array();
  if (actors.size() < 2 || actors.size() > 1000) actors.fail("an array of 2 to 1000 actors", actors.describe());
  for (std::size_t i = 0; i < actors.size(); ++i) {
    ObjectReader actor(actors.element(i));
    VoteTable::Actor read;
    read.name = actor.string("name");
    read.position = values.read(actor.required("position"), table.low, table.high);
    read.capability = values.read(actor.required("capability"), 0.0, 1e12);
    read.salience = values.read(actor.required("salience"), 0.0, 1.0);
    actor.finish();
    table.actors.push_back(std::move(read));
  }
  return table;
}

}  // namespace

GameFile read_game(const nlohmann::json& document, const std::string& file_label) {
  ObjectReader file(Node(document, file_label));
  GameFile result;
  result.name = file.string("game");
  result.description = file.string("description", "");
  const std::string kind = file.required("kind").as_enum({"normal", "extensive", "bargaining", "vote"});
  const Values values(read_variables(file));
  if (kind == "vote") {
    result.game = read_vote(file, values);
  } else {
    const Node players_node = file.required("players");
    std::vector<std::string> players = read_names(players_node, 1, kMaxPlayers, "player names");
    if (kind == "normal")
      result.game = read_normal(file, std::move(players), values);
    else if (kind == "extensive")
      result.game = read_extensive(file, std::move(players), values);
    else
      result.game = read_bargaining(file, std::move(players), values, players_node);
  }
  file.finish();
  return result;
}

GameFile read_game_file(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  nlohmann::json document = config::parse_json_file(path);
  for (const auto& assignment : overrides) config::apply_override(document, path.string(), assignment);
  return read_game(document, path.string());
}

}  // namespace leverage::games
