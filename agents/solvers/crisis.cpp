#include "agents/solvers/crisis.hpp"

#include "agents/solvers/trees.hpp"

namespace leverage::games {

namespace {

class Builder {
 public:
  explicit Builder(ExtensiveGame& game) : game_(game) {}

  std::size_t terminal(const std::string& label, double sender, double target) {
    TreeNode node;
    node.kind = TreeNode::Kind::terminal;
    node.label = label;
    node.payoffs = {sender, target};
    return add(std::move(node));
  }
  // A decision node whose children are added afterwards with attach().
  std::size_t decision(std::size_t player, const std::string& label, const std::string& infoset,
                       std::vector<std::string> actions) {
    TreeNode node;
    node.kind = TreeNode::Kind::decision;
    node.player = player;
    node.label = label;
    node.actions = actions;
    std::size_t set = game_.infosets.size();
    for (std::size_t s = 0; s < game_.infosets.size(); ++s)
      if (game_.infosets[s].name == infoset) set = s;
    if (set == game_.infosets.size()) game_.infosets.push_back({infoset, player, std::move(actions), {}});
    node.infoset = set;
    const std::size_t index = add(std::move(node));
    game_.infosets[set].nodes.push_back(index);
    return index;
  }
  std::size_t add(TreeNode node) {
    game_.nodes.push_back(std::move(node));
    return game_.nodes.size() - 1;
  }
  void attach(std::size_t parent, std::size_t child) { game_.nodes[parent].children.push_back(child); }

 private:
  ExtensiveGame& game_;
};

}  // namespace

ExtensiveGame crisis_game(const CrisisParameters& p) {
  ExtensiveGame game;
  game.players = {"brussels", "minsk"};
  Builder build(game);
  TreeNode root;
  root.kind = TreeNode::Kind::chance;
  root.label = "root";
  root.actions = {"resolved", "irresolute"};
  root.probabilities = {p.prior_resolved, 1.0 - p.prior_resolved};
  root.types_of = 0;
  build.add(std::move(root));
  // Nodes are added in the order the file reader adds them (depth first), so indices match the file's.
  for (const std::string type : {"resolved", "irresolute"}) {
    const double imposition_cost = type == "resolved" ? p.imposition_cost_resolved : p.imposition_cost_irresolute;
    const std::size_t sender = build.decision(0, type, type, {"status_quo", "ultimatum"});
    build.attach(0, sender);
    build.attach(sender, build.terminal(type + "/status_quo", 0.0, 0.0));
    std::string ultimatum_label = type;
    ultimatum_label.append("/ultimatum");
    const std::size_t target = build.decision(1, ultimatum_label, "ultimatum", {"comply", "defy"});
    build.attach(sender, target);
    build.attach(target, build.terminal(ultimatum_label + "/comply", p.demand_value, -p.concession_cost));
    std::string defy_label = ultimatum_label;
    defy_label.append("/defy");
    const std::size_t last = build.decision(0, defy_label, defy_label, {"impose", "back_down"});
    build.attach(target, last);
    build.attach(last, build.terminal(defy_label + "/impose", p.imposition_value - imposition_cost, -p.sanction_cost));
    build.attach(last, build.terminal(defy_label + "/back_down", -p.audience_cost, 0.0));
  }
  return game;
}

std::vector<Equilibrium> crisis_equilibria(const CrisisParameters& p, double tolerance) {
  const ExtensiveGame game = crisis_game(p);
  std::vector<Equilibrium> found = pure_perfect_bayesian(game, tolerance);
  const double after_defiance_resolved = p.imposition_value - p.imposition_cost_resolved;
  const double after_defiance_irresolute = p.imposition_value - p.imposition_cost_irresolute;
  const bool only_resolved_imposes =
      after_defiance_resolved > -p.audience_cost && after_defiance_irresolute < -p.audience_cost;
  if (!only_resolved_imposes || !(p.sanction_cost > p.concession_cost) || !(p.concession_cost > 0.0) ||
      !(p.demand_value + p.audience_cost > 0.0) || !(p.prior_resolved > 0.0))
    return found;
  const double threshold = p.concession_cost / p.sanction_cost;  // mu*
  if (!(p.prior_resolved < threshold)) return found;
  const double bluff = p.prior_resolved * (1.0 - threshold) / ((1.0 - p.prior_resolved) * threshold);
  const double comply = p.audience_cost / (p.demand_value + p.audience_cost);  // r*
  // Information sets in crisis_game's order: resolved, ultimatum, resolved/ultimatum/defy, irresolute,
  // irresolute/ultimatum/defy.
  const BehaviourProfile profile = {{0.0, 1.0}, {comply, 1.0 - comply}, {1.0, 0.0}, {1.0 - bluff, bluff}, {0.0, 1.0}};
  auto beliefs = assess(game, profile, tolerance);
  if (!beliefs) return found;
  Equilibrium semi = extensive_equilibrium(game, profile, "semi-separating PBE");
  semi.beliefs = std::move(*beliefs);
  semi.notes.push_back("sanctions imposed on the path with probability " +
                       std::to_string(p.prior_resolved * (1.0 - comply)));
  found.push_back(std::move(semi));
  return found;
}

}  // namespace leverage::games
