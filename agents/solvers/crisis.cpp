#include "agents/solvers/crisis.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

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

CrisisParameters crisis_parameters(const CrisisInputs& in) {
  CrisisParameters p;
  p.prior_resolved = in.prior_resolved;
  p.demand_value = in.demand_value;
  p.audience_cost = in.audience_cost;
  p.imposition_cost_resolved = in.imposition_cost_resolved;
  p.imposition_cost_irresolute = in.imposition_cost_irresolute;
  p.imposition_value = in.imposition_value;
  p.concession_cost = in.concession_cost;
  p.sanction_cost = in.sanction_cost;
  return p;
}

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

namespace {

// The semi-separating candidate of crisis_equilibria, or false when its conditions do not hold.
bool semi_separating_candidate(const CrisisParameters& p, std::array<std::array<double, 2>, 5>& sets) {
  const double after_defiance_resolved = p.imposition_value - p.imposition_cost_resolved;
  const double after_defiance_irresolute = p.imposition_value - p.imposition_cost_irresolute;
  const bool only_resolved_imposes =
      after_defiance_resolved > -p.audience_cost && after_defiance_irresolute < -p.audience_cost;
  if (!only_resolved_imposes || !(p.sanction_cost > p.concession_cost) || !(p.concession_cost > 0.0) ||
      !(p.demand_value + p.audience_cost > 0.0) || !(p.prior_resolved > 0.0))
    return false;
  const double threshold = p.concession_cost / p.sanction_cost;  // mu*
  if (!(p.prior_resolved < threshold)) return false;
  const double bluff = p.prior_resolved * (1.0 - threshold) / ((1.0 - p.prior_resolved) * threshold);
  const double comply = p.audience_cost / (p.demand_value + p.audience_cost);  // r*
  // Information sets in crisis_game's order: resolved, ultimatum, resolved/ultimatum/defy, irresolute,
  // irresolute/ultimatum/defy.
  sets = {{{0.0, 1.0}, {comply, 1.0 - comply}, {1.0, 0.0}, {1.0 - bluff, bluff}, {0.0, 1.0}}};
  return true;
}

}  // namespace

std::vector<Equilibrium> crisis_equilibria(const CrisisParameters& p, double tolerance) {
  const ExtensiveGame game = crisis_game(p);
  std::vector<Equilibrium> found = pure_perfect_bayesian(game, tolerance);
  std::array<std::array<double, 2>, 5> sets;
  if (!semi_separating_candidate(p, sets)) return found;
  const double comply = sets[1][0];
  BehaviourProfile profile;
  for (const auto& set : sets) profile.push_back({set[0], set[1]});
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

namespace leverage::games {

namespace {

using Pair = std::array<double, 2>;  // a node's value to the sender (0) and the target (1)
using Sets = std::array<std::array<double, 2>, 5>;

// One type's terminal payoffs, as crisis_game stores them.
struct Branch {
  Pair status_quo, comply, impose, back_down;
};

// all_node_values at a node with two children: the sum of p * child over the children with p != 0, from 0.
Pair mix(double p0, const Pair& first, double p1, const Pair& second) {
  Pair value{0.0, 0.0};
  if (p0 != 0.0)
    for (std::size_t q = 0; q < 2; ++q) value[q] += p0 * first[q];
  if (p1 != 0.0)
    for (std::size_t q = 0; q < 2; ++q) value[q] += p1 * second[q];
  return value;
}

// assess() at a one-node information set: every action played must be a best response (within the
// tolerance). On the path the belief is 1 and the test is `gain < -tolerance` fails; off it,
// supporting_beliefs' one vertex mu = 1 and the test is `gain >= -tolerance` holds (they differ on NaN only).
bool singleton_holds(const std::array<double, 2>& strategy, double first, double second, bool on_path,
                     double tolerance) {
  for (std::size_t c = 0; c < 2; ++c) {
    if (!(strategy[c] > 0.0)) continue;
    const double gain = c == 0 ? first - second : second - first;
    if (on_path ? gain < -tolerance : !(gain >= -tolerance)) return false;
  }
  return true;
}

// solve_linear on {row . mu = 0, mu_0 + mu_1 = 1}, step for step (partial pivoting, the 1e-12 test).
bool solve_vertex(const Pair& row, Pair& mu) {
  std::array<Pair, 2> a{row, Pair{1.0, 1.0}};
  Pair b{0.0, 1.0};
  double scale = 0.0;
  for (const auto& r : a)
    for (const double v : r) scale = std::max(scale, std::abs(v));
  if (scale == 0.0) return false;
  const double threshold = 1e-12 * scale;
  const std::size_t pivot = std::abs(a[1][0]) > std::abs(a[0][0]) ? 1 : 0;
  if (!(std::abs(a[pivot][0]) > threshold)) return false;
  std::swap(a[pivot], a[0]);
  std::swap(b[pivot], b[0]);
  const double factor = a[1][0] / a[0][0];
  if (factor != 0.0) {
    for (std::size_t k = 0; k < 2; ++k) a[1][k] -= factor * a[0][k];
    b[1] -= factor * b[0];
  }
  if (!(std::abs(a[1][1]) > threshold)) return false;
  mu[1] = b[1] / a[1][1];
  double sum = b[0];
  sum -= a[0][1] * mu[1];
  mu[0] = sum / a[0][0];
  return true;
}

// supporting_beliefs for the two-node set "ultimatum": is some belief a vertex of {mu >= 0, sum 1,
// gain . mu >= 0 for each gain} (within the tolerance)?
bool some_belief_supports(const std::array<Pair, 2>& gains, std::size_t count, double tolerance) {
  std::array<Pair, 4> inequalities{Pair{1.0, 0.0}, Pair{0.0, 1.0}};
  for (std::size_t g = 0; g < count; ++g) inequalities[2 + g] = gains[g];
  const std::size_t total = 2 + count;
  for (std::size_t chosen = 0; chosen < total; ++chosen) {
    Pair mu;
    if (!solve_vertex(inequalities[chosen], mu)) continue;
    bool feasible = true;
    for (std::size_t c = 0; c < total && feasible; ++c) {
      double dot = 0.0;
      for (std::size_t k = 0; k < 2; ++k) dot += inequalities[c][k] * mu[k];
      feasible = dot >= -tolerance;
    }
    if (feasible) return true;
  }
  return false;
}

// assess(crisis_game(p), sets, tolerance) != nullopt, without the tree.
bool holds(const std::array<Branch, 2>& branches, double prior, const Sets& sets, double tolerance) {
  // Node values bottom-up, per type: after defiance, at the target's node, at the sender's first move.
  std::array<Pair, 2> defied, challenged;
  for (std::size_t t = 0; t < 2; ++t) {
    const Branch& b = branches[t];
    const auto& after = sets[t == 0 ? 2 : 4];
    defied[t] = mix(after[0], b.impose, after[1], b.back_down);
    challenged[t] = mix(sets[1][0], b.comply, sets[1][1], defied[t]);
  }
  // Reach probabilities, formed as reach_probabilities forms them (root 1, times each move's probability).
  const double reach_type[2] = {1.0 * prior, 1.0 * (1.0 - prior)};
  const double reach_target[2] = {reach_type[0] * sets[0][1], reach_type[1] * sets[3][1]};
  const double reach_defied[2] = {reach_target[0] * sets[1][1], reach_target[1] * sets[1][1]};
  // Information sets in order: resolved, ultimatum, resolved/ultimatum/defy, irresolute, irresolute/....
  if (!singleton_holds(sets[0], branches[0].status_quo[0], challenged[0][0], reach_type[0] > 0.0, tolerance))
    return false;
  std::array<Pair, 2> gains;
  std::size_t count = 0;
  for (std::size_t c = 0; c < 2; ++c) {
    if (!(sets[1][c] > 0.0)) continue;
    for (std::size_t k = 0; k < 2; ++k) {
      const double comply = branches[k].comply[1], defy = defied[k][1];
      gains[count][k] = c == 0 ? comply - defy : defy - comply;
    }
    ++count;
  }
  double mass = 0.0;
  mass += reach_target[0];
  mass += reach_target[1];
  if (mass > 0.0) {
    const Pair belief{reach_target[0] / mass, reach_target[1] / mass};
    for (std::size_t g = 0; g < count; ++g) {
      double expected = 0.0;
      for (std::size_t k = 0; k < 2; ++k) expected += belief[k] * gains[g][k];
      if (expected < -tolerance) return false;
    }
  } else if (!some_belief_supports(gains, count, tolerance)) {
    return false;
  }
  if (!singleton_holds(sets[2], branches[0].impose[0], branches[0].back_down[0], reach_defied[0] > 0.0, tolerance))
    return false;
  if (!singleton_holds(sets[3], branches[1].status_quo[0], challenged[1][0], reach_type[1] > 0.0, tolerance))
    return false;
  return singleton_holds(sets[4], branches[1].impose[0], branches[1].back_down[0], reach_defied[1] > 0.0, tolerance);
}

// classify(): the sender types' first moves as sets of messages sent with positive probability.
CrisisProfile::Kind kind_of(const Sets& sets) {
  const auto code = [](const std::array<double, 2>& s) { return (s[0] > 0.0 ? 1u : 0u) | (s[1] > 0.0 ? 2u : 0u); };
  const unsigned resolved = code(sets[0]), irresolute = code(sets[3]);
  if (resolved == 3u || irresolute == 3u) return CrisisProfile::Kind::semi_separating;
  return resolved == irresolute ? CrisisProfile::Kind::pooling : CrisisProfile::Kind::separating;
}

}  // namespace

bool crisis_equilibria_fast(const CrisisParameters& p, CrisisProfiles& out, double tolerance) {
  out.count = 0;
  for (const double x : {p.prior_resolved, p.demand_value, p.audience_cost, p.imposition_cost_resolved,
                         p.imposition_cost_irresolute, p.imposition_value, p.concession_cost, p.sanction_cost, tolerance})
    if (!std::isfinite(x)) return false;
  std::array<Branch, 2> branches;
  for (std::size_t t = 0; t < 2; ++t) {
    const double cost = t == 0 ? p.imposition_cost_resolved : p.imposition_cost_irresolute;
    branches[t] = {{0.0, 0.0}, {p.demand_value, -p.concession_cost}, {p.imposition_value - cost, -p.sanction_cost},
                   {-p.audience_cost, 0.0}};
  }
  // pure_perfect_bayesian's order: the code's bits are the five sets' actions, the last set fastest.
  for (unsigned code = 0; code < 32; ++code) {
    CrisisProfile& candidate = out.found[out.count];
    for (std::size_t set = 0; set < 5; ++set) {
      const unsigned action = code >> (4 - set) & 1u;
      candidate.sets[set] = {action == 0 ? 1.0 : 0.0, action == 1 ? 1.0 : 0.0};
    }
    if (!holds(branches, p.prior_resolved, candidate.sets, tolerance)) continue;
    candidate.kind = kind_of(candidate.sets);
    ++out.count;
  }
  CrisisProfile& semi = out.found[out.count];
  if (semi_separating_candidate(p, semi.sets) && holds(branches, p.prior_resolved, semi.sets, tolerance)) {
    semi.kind = CrisisProfile::Kind::semi_separating;
    ++out.count;
  }
  return true;
}

}  // namespace leverage::games
