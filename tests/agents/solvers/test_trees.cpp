// Extensive-form solvers: backward induction and pure perfect Bayesian equilibria (agents/solvers/trees.hpp).
#include <catch2/catch.hpp>
#include <functional>

#include "agents/solvers/crisis.hpp"
#include "agents/solvers/nash.hpp"
#include "agents/solvers/trees.hpp"
#include "engine/util/hash.hpp"
#include "tests/agents/solvers/game_fixtures.hpp"

using namespace leverage;
using games::ExtensiveGame;
using games::TreeNode;

namespace {

// The action chosen (probability 1) at the information set named `name`.
std::string chosen(const ExtensiveGame& game, const games::BehaviourProfile& profile, const std::string& name) {
  for (std::size_t s = 0; s < game.infosets.size(); ++s)
    if (game.infosets[s].name == name)
      for (std::size_t a = 0; a < profile[s].size(); ++a)
        if (profile[s][a] == 1.0) return game.infosets[s].actions[a];
  return "?";
}

std::string chosen(const games::Equilibrium& equilibrium, const std::string& where) {
  for (const auto& strategy : equilibrium.strategies)
    if (strategy.where == where)
      for (std::size_t a = 0; a < strategy.actions.size(); ++a)
        if (strategy.probabilities[a] == 1.0) return strategy.actions[a];
  return "?";
}

const games::BeliefReport* belief_at(const games::Equilibrium& equilibrium, const std::string& infoset) {
  for (const auto& belief : equilibrium.beliefs)
    if (belief.infoset == infoset) return &belief;
  return nullptr;
}

}  // namespace

TEST_CASE("crisis game, complete information: a credible threat succeeds at the threat stage", "[solvers][trees][games]") {
  // scenarios/games/crisis_complete.json. Backward induction:
  //  after defiance Brussels imposes (0 - 0.3 = -0.3) rather than back down (-0.5);
  //  so Minsk compares comply (-1) with defy then sanctions (-1.5) and complies;
  //  so Brussels issues the ultimatum (1 > 0). Payoffs (1, -1); sanctions are never imposed on the path.
  const auto file = test::shipped_game("crisis_complete");
  const auto& game = std::get<ExtensiveGame>(file.game);
  const auto solved = games::backward_induction(game);
  CHECK(chosen(game, solved.profile, "root") == "ultimatum");
  CHECK(chosen(game, solved.profile, "ultimatum") == "comply");
  CHECK(chosen(game, solved.profile, "ultimatum/defy") == "impose");
  CHECK(solved.values[0] == std::vector<double>{1.0, -1.0});
  CHECK(solved.ties.empty());
}

TEST_CASE("crisis game, complete information: an incredible threat is not made", "[solvers][trees][games]") {
  // imposition_cost 0.8: after defiance imposing (-0.8) is worse than backing down (-0.5), so Brussels
  // would back down; Minsk defies (0 > -1); the ultimatum would give Brussels -0.5 < 0: status quo.
  const auto file = test::shipped_game("crisis_complete", {"/variables/imposition_cost=0.8"});
  const auto& game = std::get<ExtensiveGame>(file.game);
  const auto solved = games::backward_induction(game);
  CHECK(chosen(game, solved.profile, "root") == "status_quo");
  CHECK(chosen(game, solved.profile, "ultimatum") == "defy");
  CHECK(chosen(game, solved.profile, "ultimatum/defy") == "back_down");
  CHECK(solved.values[0] == std::vector<double>{0.0, 0.0});
}

TEST_CASE("crisis game, complete information: imposition on the path needs a sender who values imposing",
          "[solvers][trees][games]") {
  // The theorem (Eaton and Engers 1992; Drezner 2003) stated in docs/GAMES.md: if Brussels prefers the
  // status quo to sanctions that fail (imposition_value - imposition_cost < 0), impose is never on the
  // equilibrium path: the path reaches impose only if Minsk defies, and Brussels' ultimatum then earns it
  // imposition_value - imposition_cost < 0, the status quo's payoff. Checked on 200 random parameter draws,
  // then the converse case by hand: imposition_value 1, imposition_cost 0.8, sanction_cost 0.5 gives
  // impose 0.2 > back down -0.5, Minsk defies (-0.5 > -1), and the ultimatum (0.2 > 0) is followed by imposition.
  for (std::uint64_t draw = 0; draw < 200; ++draw) {
    rng::Rng rng = rng::make_stream({.master_seed = 7, .point = 0, .replicate = draw, .purpose = fnv1a64("crisis")});
    const double cost = rng::uniform(rng, 0.0, 2.0);
    const double value = rng::uniform(rng, 0.0, 1.0) * cost;  // below the cost: prefers the status quo
    std::vector<std::string> overrides = {
        test::numbered("/variables/imposition_cost=", cost), test::numbered("/variables/imposition_value=", value),
        test::numbered("/variables/audience_cost=", rng::uniform(rng, 0.0, 2.0)),
        test::numbered("/variables/sanction_cost=", rng::uniform(rng, 0.0, 2.0)),
        test::numbered("/variables/concession_cost=", rng::uniform(rng, 0.0, 2.0))};
    const auto file = test::shipped_game("crisis_complete", overrides);
    const auto& game = std::get<ExtensiveGame>(file.game);
    const auto solved = games::backward_induction(game);
    const bool imposed = chosen(game, solved.profile, "root") == "ultimatum" &&
                         chosen(game, solved.profile, "ultimatum") == "defy" &&
                         chosen(game, solved.profile, "ultimatum/defy") == "impose";
    CHECK_FALSE(imposed);
  }
  const auto file = test::shipped_game(
      "crisis_complete", {"/variables/imposition_value=1", "/variables/imposition_cost=0.8", "/variables/sanction_cost=0.5"});
  const auto& game = std::get<ExtensiveGame>(file.game);
  const auto solved = games::backward_induction(game);
  CHECK(chosen(game, solved.profile, "root") == "ultimatum");
  CHECK(chosen(game, solved.profile, "ultimatum") == "defy");
  CHECK(chosen(game, solved.profile, "ultimatum/defy") == "impose");
  CHECK(solved.values[0][0] == Approx(0.2).epsilon(1e-12));
}

TEST_CASE("the ultimatum game: offer nothing, accepted, with the responder's tie named", "[solvers][trees][games]") {
  // Pie 4. The responder accepts every offer k >= 1 (k > 0) and is indifferent at k = 0 (0 = 0); the tie is
  // broken by the first action listed, accept, so the proposer offers 0 and keeps 4. The tie is reported:
  // offering 1 with 0 rejected is the other subgame-perfect equilibrium.
  const auto file = test::shipped_game("ultimatum");
  const auto& game = std::get<ExtensiveGame>(file.game);
  const auto solved = games::backward_induction(game);
  CHECK(chosen(game, solved.profile, "root") == "offer_0");
  for (int k = 1; k <= 4; ++k) CHECK(chosen(game, solved.profile, test::numbered("offer_", k)) == "accept");
  CHECK(solved.values[0] == std::vector<double>{4.0, 0.0});
  CHECK(solved.ties == std::vector<std::string>{"offer_0"});
}

namespace {

// Beer-quiche (Cho and Kreps, "Signaling games and stable equilibria", QJE 102(2), 1987): nature draws the
// sender strong (0.9) or weak (0.1); the sender has beer or quiche; the receiver sees the breakfast and duels
// or not. Sender: 1 for the breakfast its type prefers (strong: beer, weak: quiche) + 2 if not dueled.
// Receiver: 1 for dueling a weak sender or not dueling a strong one, else 0.
ExtensiveGame beer_quiche() {
  ExtensiveGame game;
  game.players = {"sender", "receiver"};
  auto add = [&](TreeNode node) {
    game.nodes.push_back(std::move(node));
    return game.nodes.size() - 1;
  };
  auto infoset = [&](const std::string& name, std::size_t player, std::vector<std::string> actions) {
    for (std::size_t s = 0; s < game.infosets.size(); ++s)
      if (game.infosets[s].name == name) return s;
    game.infosets.push_back({name, player, std::move(actions), {}});
    return game.infosets.size() - 1;
  };
  auto node = [](TreeNode::Kind kind, std::string label, std::size_t player, std::size_t infoset,
                 std::vector<std::string> actions, std::vector<double> payoffs) {
    TreeNode made;
    made.kind = kind;
    made.label = std::move(label);
    made.player = player;
    made.infoset = infoset;
    made.actions = std::move(actions);
    made.payoffs = std::move(payoffs);
    return made;
  };
  TreeNode root = node(TreeNode::Kind::chance, "root", 0, 0, {"strong", "weak"}, {});
  root.probabilities = {0.9, 0.1};
  root.types_of = 0;
  add(root);
  for (const std::string type : {"strong", "weak"}) {
    const std::size_t sender_set = infoset(type, 0, {"beer", "quiche"});
    const std::size_t sender = add(node(TreeNode::Kind::decision, type, 0, sender_set, {"beer", "quiche"}, {}));
    game.infosets[sender_set].nodes.push_back(sender);
    game.nodes[0].children.push_back(sender);
    for (const std::string breakfast : {"beer", "quiche"}) {
      const std::size_t receiver_set = infoset(breakfast, 1, {"duel", "not"});
      const std::size_t receiver = add(node(TreeNode::Kind::decision, type + "/" + breakfast, 1, receiver_set, {"duel", "not"}, {}));
      game.infosets[receiver_set].nodes.push_back(receiver);
      game.nodes[sender].children.push_back(receiver);
      const double taste = (type == "strong") == (breakfast == "beer") ? 1.0 : 0.0;
      for (const bool duel : {true, false}) {
        const double receiver_payoff = (duel == (type == "weak")) ? 1.0 : 0.0;
        const std::size_t leaf = add(node(TreeNode::Kind::terminal, "", 0, 0, {}, {taste + (duel ? 0.0 : 2.0), receiver_payoff}));
        game.nodes[receiver].children.push_back(leaf);
      }
    }
  }
  return game;
}

}  // namespace

TEST_CASE("beer-quiche: the two pooling equilibria with the off-path beliefs that support them", "[solvers][pbe]") {
  // On the path of a pooling equilibrium the receiver's belief is the prior, 0.9 strong, so it does not duel
  // (expected 0.9 > 0.1). Off the path it must duel, or the type that dislikes the pooling breakfast would
  // switch (gaining 1 without a duel); duel is a best response iff P(weak) >= 1/2 (P(weak) >= 1 - P(weak)),
  // i.e. P(strong) in [0, 1/2].
  //  - Both beer: weak gets 0 + 2 = 2 >= 1 + 0 from quiche and a duel; strong gets 3. An equilibrium.
  //  - Both quiche: strong gets 0 + 2 = 2 >= 1 + 0 from beer and a duel; weak gets 3. An equilibrium.
  // Separating profiles fail: strong beer / weak quiche has the weak type dueled (1), who gains by beer (2);
  // strong quiche / weak beer has the weak type dueled after beer (0), who gains by quiche (3).
  // Expected sender payoff in the beer pool: 0.9 * 3 + 0.1 * 2 = 2.9; in the quiche pool 0.9 * 2 + 0.1 * 3 = 2.1.
  // The receiver earns 0.9 (not dueling, right 90% of the time) in both.
  const ExtensiveGame game = beer_quiche();
  const auto found = games::pure_perfect_bayesian(game);
  REQUIRE(found.size() == 2);
  for (const auto& equilibrium : found) {
    CHECK(equilibrium.type == "pooling PBE");
    const std::string pooled = chosen(equilibrium, "strong");
    CHECK(chosen(equilibrium, "weak") == pooled);
    const std::string other = pooled == "beer" ? "quiche" : "beer";
    CHECK(chosen(equilibrium, pooled) == "not");
    CHECK(chosen(equilibrium, other) == "duel");
    const auto* on_path = belief_at(equilibrium, pooled);
    REQUIRE(on_path);
    CHECK(on_path->on_path);
    CHECK(on_path->belief[0] == Approx(0.9).epsilon(1e-12));
    const auto* off_path = belief_at(equilibrium, other);
    REQUIRE(off_path);
    CHECK_FALSE(off_path->on_path);
    CHECK(off_path->low[0] == Approx(0.0).margin(1e-12));   // P(strong) from 0 ...
    CHECK(off_path->high[0] == Approx(0.5).epsilon(1e-12));  // ... to 1/2
    CHECK(off_path->low[1] == Approx(0.5).epsilon(1e-12));   // P(weak) from 1/2 to 1
    CHECK(off_path->high[1] == Approx(1.0).epsilon(1e-12));
    CHECK(equilibrium.expected_payoffs[0] == Approx(pooled == "beer" ? 2.9 : 2.1).epsilon(1e-12));
    CHECK(equilibrium.expected_payoffs[1] == Approx(0.9).epsilon(1e-12));
  }
  CHECK(chosen(found[0], "strong") != chosen(found[1], "strong"));
}

TEST_CASE("crisis game with uncertain resolve: the pure PBE by hand", "[solvers][pbe][games]") {
  // scenarios/games/crisis_uncertain.json. After defiance the resolved type imposes (-0.3 > -0.5) and the
  // irresolute one backs down (-0.8 < -0.5): sequential rationality at singletons. Minsk, believing
  // Brussels resolved with probability mu, defies iff -1.5 mu >= -1, i.e. mu <= 2/3.
  //  Prior 0.5: pooling on the ultimatum gives mu = 0.5, Minsk defies, and the resolved type earns -0.3 < 0:
  //  not an equilibrium; separating profiles fail (mu = 1 makes Minsk comply and the irresolute type
  //  mimics; mu = 0 makes Minsk defy and the irresolute type loses 0.5). Pooling on the status quo with
  //  Minsk defying off the path is a PBE, supported by mu in [0, 2/3]; with Minsk complying off the path
  //  either type would issue the ultimatum (1 > 0). So exactly one PBE, no ultimatum, no imposition.
  {
    const auto file = test::shipped_game("crisis_uncertain");
    const auto found = games::pure_perfect_bayesian(std::get<ExtensiveGame>(file.game));
    REQUIRE(found.size() == 1);
    CHECK(found[0].type == "pooling PBE");
    CHECK(chosen(found[0], "resolved") == "status_quo");
    CHECK(chosen(found[0], "irresolute") == "status_quo");
    CHECK(chosen(found[0], "ultimatum") == "defy");
    CHECK(chosen(found[0], "resolved/ultimatum/defy") == "impose");
    CHECK(chosen(found[0], "irresolute/ultimatum/defy") == "back_down");
    const auto* belief = belief_at(found[0], "ultimatum");
    REQUIRE(belief);
    CHECK_FALSE(belief->on_path);
    CHECK(belief->low[0] == Approx(0.0).margin(1e-12));
    CHECK(belief->high[0] == Approx(2.0 / 3.0).epsilon(1e-12));
  }
  //  Prior 0.8 > 2/3: pooling on the ultimatum has mu = 0.8, Minsk complies, both types earn 1 > 0: a PBE;
  //  the status-quo pool above survives (its off-path belief is free). Two PBE.
  {
    const auto file = test::shipped_game("crisis_uncertain", {"/variables/prior_resolved=0.8"});
    const auto found = games::pure_perfect_bayesian(std::get<ExtensiveGame>(file.game));
    REQUIRE(found.size() == 2);
    int ultimatum_pools = 0;
    for (const auto& equilibrium : found) {
      if (chosen(equilibrium, "resolved") != "ultimatum") continue;
      ++ultimatum_pools;
      CHECK(chosen(equilibrium, "irresolute") == "ultimatum");
      CHECK(chosen(equilibrium, "ultimatum") == "comply");
      CHECK(belief_at(equilibrium, "ultimatum")->belief[0] == Approx(0.8).epsilon(1e-12));
      CHECK(equilibrium.expected_payoffs == std::vector<double>{1.0, -1.0});
    }
    CHECK(ultimatum_pools == 1);
  }
}

namespace {

// A random perfect-information tree of depth <= 4 with 2 or 3 players, 1-3 actions per node, some chance
// nodes, payoffs uniform on [0, 1).
ExtensiveGame random_tree(rng::Rng& rng) {
  ExtensiveGame game;
  const std::size_t players = rng::uniform01(rng) < 0.5 ? 2 : 3;
  for (std::size_t p = 0; p < players; ++p) game.players.push_back(test::numbered("p", p));
  std::function<std::size_t(std::size_t, const std::string&)> grow = [&](std::size_t depth, const std::string& label) {
    const std::size_t index = game.nodes.size();
    game.nodes.emplace_back();
    TreeNode node;
    node.label = label;
    if (depth == 4 || (depth > 0 && rng::uniform01(rng) < 0.25)) {
      node.kind = TreeNode::Kind::terminal;
      for (std::size_t p = 0; p < players; ++p) node.payoffs.push_back(rng::uniform01(rng));
      game.nodes[index] = node;
      return index;
    }
    const std::size_t width = 1 + static_cast<std::size_t>(rng::uniform01(rng) * 3.0);
    for (std::size_t k = 0; k < width; ++k) node.actions.push_back(test::numbered("a", k));
    if (rng::uniform01(rng) < 0.15) {
      node.kind = TreeNode::Kind::chance;
      double total = 0.0;
      for (std::size_t k = 0; k < width; ++k) total += (node.probabilities.emplace_back(0.1 + rng::uniform01(rng)));
      for (double& p : node.probabilities) p /= total;
    } else {
      node.kind = TreeNode::Kind::decision;
      node.player = static_cast<std::size_t>(rng::uniform01(rng) * static_cast<double>(players));
      node.infoset = game.infosets.size();
      game.infosets.push_back({label, node.player, node.actions, {index}});
    }
    for (std::size_t k = 0; k < width; ++k) node.children.push_back(grow(depth + 1, label + "/" + node.actions[k]));
    game.nodes[index] = node;
    return index;
  };
  grow(0, "root");
  return game;
}

}  // namespace

TEST_CASE("random trees: backward induction gives a Nash equilibrium of every subgame", "[solvers][trees][random]") {
  // 40 trees. Independently of the solver's own bookkeeping: (1) the whole profile is an epsilon-Nash
  // equilibrium of the tree's normal form, by exhaustive deviation over every pure strategy of every player;
  // (2) at every decision node no other action gives the mover more than the chosen one, valuing each
  // child by node_values under the profile (the one-shot deviation principle, which with (1) on every subtree
  // is subgame perfection for finite trees).
  int small = 0;
  for (std::uint64_t index = 0; index < 40; ++index) {
    rng::Rng rng = rng::make_stream({.master_seed = 11, .point = 0, .replicate = index, .purpose = fnv1a64("trees")});
    const ExtensiveGame game = random_tree(rng);
    const auto solved = games::backward_induction(game, 0.0);
    INFO("tree " << index << " with " << game.nodes.size() << " nodes");
    // (1a) Every player's best deviation, by dynamic programming over the tree with the others' moves fixed:
    // the value of the best of all the player's pure strategies.
    for (std::size_t player = 0; player < game.players.size(); ++player) {
      std::function<double(std::size_t)> best = [&](std::size_t i) -> double {
        const TreeNode& node = game.nodes[i];
        if (node.kind == TreeNode::Kind::terminal) return node.payoffs[player];
        double value = node.kind == TreeNode::Kind::decision && node.player == player ? -1e300 : 0.0;
        for (std::size_t k = 0; k < node.children.size(); ++k) {
          const double child = best(node.children[k]);
          if (node.kind == TreeNode::Kind::chance)
            value += node.probabilities[k] * child;
          else if (node.player == player)
            value = std::max(value, child);
          else if (solved.profile[node.infoset][k] == 1.0)
            value = child;
        }
        return value;
      };
      CHECK(best(0) <= solved.values[0][player] + 1e-9);
    }
    // (1b) When the normal form is small, the same by enumerating it.
    std::size_t profiles = 1;
    for (const auto& set : game.infosets) profiles = std::min<std::size_t>(profiles * set.actions.size(), 1u << 30);
    if (profiles <= 20000) {
      const games::NormalFormGame normal = games::to_normal_form(game);
      // The pure strategy of each player that the behaviour profile stands for (last infoset fastest).
      std::vector<std::size_t> pure(game.players.size(), 0);
      for (std::size_t s = 0; s < game.infosets.size(); ++s) {
        const std::size_t player = game.infosets[s].player;
        const std::size_t action = static_cast<std::size_t>(
            std::max_element(solved.profile[s].begin(), solved.profile[s].end()) - solved.profile[s].begin());
        pure[player] = pure[player] * game.infosets[s].actions.size() + action;
      }
      games::MixedProfile mixed(game.players.size());
      for (std::size_t p = 0; p < game.players.size(); ++p) {
        mixed[p].assign(normal.action_count(p), 0.0);
        mixed[p][pure[p]] = 1.0;
      }
      CHECK(games::max_deviation_gain(normal, mixed) <= 1e-9);
      ++small;
    }
    for (std::size_t i = 0; i < game.nodes.size(); ++i) {
      const TreeNode& node = game.nodes[i];
      if (node.kind != TreeNode::Kind::decision) continue;
      const double best = games::node_values(game, solved.profile, i)[node.player];
      for (const std::size_t child : node.children)
        CHECK(games::node_values(game, solved.profile, child)[node.player] <= best + 1e-12);
    }
    // With perfect information every node is a singleton information set whose belief is 1, so the pure PBE
    // are exactly the subgame-perfect equilibria; with payoffs drawn from a continuum there are no ties and
    // the SPE is unique: the PBE solver must find exactly the backward-induction profile.
    if (profiles > 20000) continue;
    const auto pbe = games::pure_perfect_bayesian(game);
    CHECK(pbe.size() == 1);
    bool found = false;
    for (const auto& equilibrium : pbe) {
      bool same = true;
      for (std::size_t s = 0; s < game.infosets.size(); ++s)
        same = same && equilibrium.strategies[s].probabilities == solved.profile[s];
      found = found || same;
    }
    CHECK(found);
  }
  CHECK(small >= 10);  // the normal-form check ran on a fair share of the trees
}

TEST_CASE("the crisis game built in code is the shipped file's game", "[solvers][pbe][games]") {
  // crisis_game() with its defaults must reproduce scenarios/games/crisis_uncertain.json node for node (the
  // defaults are the file's variables), so code that builds the game from a simulation's state solves the
  // game the documentation describes. Then a prior of 0.8 through both routes gives the same two PBE.
  const auto file = test::shipped_game("crisis_uncertain");
  const auto& from_file = std::get<ExtensiveGame>(file.game);
  const ExtensiveGame built = games::crisis_game({});
  REQUIRE(built.nodes.size() == from_file.nodes.size());
  for (std::size_t i = 0; i < built.nodes.size(); ++i) {
    CHECK(built.nodes[i].label == from_file.nodes[i].label);
    CHECK(built.nodes[i].children == from_file.nodes[i].children);
    CHECK(built.nodes[i].payoffs == from_file.nodes[i].payoffs);
    CHECK(built.nodes[i].infoset == from_file.nodes[i].infoset);
  }
  REQUIRE(built.infosets.size() == from_file.infosets.size());
  for (std::size_t s = 0; s < built.infosets.size(); ++s) CHECK(built.infosets[s].nodes == from_file.infosets[s].nodes);
  games::CrisisParameters confident;
  confident.prior_resolved = 0.8;
  const auto from_code = games::pure_perfect_bayesian(games::crisis_game(confident));
  const auto from_override = games::pure_perfect_bayesian(
      std::get<ExtensiveGame>(test::shipped_game("crisis_uncertain", {"/variables/prior_resolved=0.8"}).game));
  REQUIRE(from_code.size() == 2);
  REQUIRE(from_override.size() == 2);
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t s = 0; s < built.infosets.size(); ++s)
      CHECK(from_code[k].strategies[s].probabilities == from_override[k].strategies[s].probabilities);
}

TEST_CASE("crisis game with uncertain resolve: the semi-separating equilibrium imposes sanctions on the path",
          "[solvers][pbe][games]") {
  // Defaults (prior 0.5, mu* = concession / sanction = 1 / 1.5 = 2/3). Beside the status-quo pool (above),
  // the bluffing equilibrium: the resolved type always issues the ultimatum; the irresolute one with
  // b = p (1 - mu*) / ((1 - p) mu*) = 0.5 (1/3) / (0.5 (2/3)) = 1/2, so Minsk's posterior is
  // 0.5 / (0.5 + 0.25) = 2/3 = mu*; Minsk complies with r* = audience / (demand + audience) = 0.5 / 1.5 = 1/3,
  // which leaves the bluffer at (1/3)(1) + (2/3)(-0.5) = 0. The resolved type earns (1/3)(1) + (2/3)(-0.3)
  // = 2/15 > 0, so it does issue the ultimatum. Expected payoffs: Brussels 0.5 (2/15) + 0.5 (0) = 1/15; Minsk,
  // indifferent, gets what always complying gives: -1 x P(ultimatum) = -(0.5 + 0.25) = -3/4. Sanctions are
  // imposed when the resolved type meets defiance: 0.5 (2/3) = 1/3.
  const auto found = games::crisis_equilibria({});
  REQUIRE(found.size() == 2);
  const games::Equilibrium& semi = found[1];
  CHECK(semi.type == "semi-separating PBE");
  CHECK(semi.strategies[0].probabilities == std::vector<double>{0.0, 1.0});          // resolved: ultimatum
  CHECK(semi.strategies[1].probabilities[0] == Approx(1.0 / 3.0).epsilon(1e-12));   // Minsk complies
  CHECK(semi.strategies[3].probabilities[1] == Approx(0.5).epsilon(1e-12));         // irresolute bluffs
  CHECK(semi.beliefs[0].belief[0] == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(semi.expected_payoffs[0] == Approx(1.0 / 15.0).epsilon(1e-12));
  CHECK(semi.expected_payoffs[1] == Approx(-0.75).epsilon(1e-12));
  // A resolved sender who values imposing (imposition_value 0.5: 0.5 - 0.3 = 0.2 > 0 = status quo) and an
  // irresolute one who still backs down (0.5 - 1.2 = -0.7 < -0.5): the status-quo pool breaks (the resolved
  // type would issue the ultimatum and impose), no pure PBE is left, and the bluffing equilibrium is the
  // only one, with the same b, r* and imposition probability 1/3 (none of them depends on imposition_value).
  games::CrisisParameters punisher;
  punisher.imposition_value = 0.5;
  punisher.imposition_cost_irresolute = 1.2;
  const auto only = games::crisis_equilibria(punisher);
  REQUIRE(only.size() == 1);
  CHECK(only[0].type == "semi-separating PBE");
  CHECK(only[0].strategies[3].probabilities[1] == Approx(0.5).epsilon(1e-12));
  // A profile that is not an equilibrium is rejected by assess(): everyone issuing the ultimatum with Minsk
  // complying at the prior 0.5 < 2/3 (Minsk would rather defy: -1.5 x 0.5 = -0.75 > -1).
  const auto game = games::crisis_game({});
  CHECK_FALSE(games::assess(game, {{0, 1}, {1, 0}, {1, 0}, {0, 1}, {0, 1}}).has_value());
}
