// The Malaszewicze inspection game (Tsebelis 1989) run inside the agent model
// (scenarios/inspection_game.json): when both players learn, their average play approaches the
// stage game's unique mixed equilibrium.
//
// The stage game (payoffs derived in tests/engine/model/test_evasion_detection.cpp), with g = 2
// the evasion revenue, f = 4 the fine, c = 1 the inspection cost and r = 4 the detection reward:
//                  inspect (p)       no inspection
//   evade (q)      -4,  3            2, 0
//   comply          0, -1            0, 0
// No pure equilibrium: inspecting makes Minsk comply, compliance makes inspecting a waste,
// not inspecting invites evasion, evasion makes inspecting pay. Mixed equilibrium, each player
// indifferent between its two actions:
//   Minsk:  -4p + 2(1 - p) = 0   ->  p* = g / (g + f) = 1/3   (Warsaw inspects a third of weeks)
//   Warsaw:  3q - (1 - q)  = 0   ->  q* = c / r       = 1/4   (Minsk evades a quarter of weeks)
// (Tsebelis's point: the fine f moves p*, not q*.)
//
// Tolerance. Let x_EI, x_EN, x_CI, x_CN be the joint frequencies of play over T weeks, p and q the
// marginal frequencies of inspecting and evading, U and V the average payoffs of Minsk and
// Warsaw. The average regrets (gain from having played one action throughout) are
//   Minsk:  R_evade = 2 - 6p - U,   R_comply = -U;   Warsaw: R_inspect = 4q - 1 - V,  R_none = -V,
// and U = -4 x_EI + 2 x_EN, V = 3 x_EI - x_CI give the identity (2/3) U + V = (4/3) q - p. If every
// regret of Minsk is at most e_M and of Warsaw at most e_W, then U >= max(-e_M, 2 - 6p - e_M) and
// V >= max(-e_W, 4q - 1 - e_W); in each of the four quadrants around (p*, q*) the identity then
// gives |q - 1/4| <= (3/4) d and |p - 1/3| <= d with d = (2/3) e_M + e_W. Regret matching's
// regrets obey E[max regret] <= D / sqrt(T) (Blackwell's approachability argument: the expected
// growth of the squared positive-regret norm is at most the squared one-week regret, D^2), with D
// the largest one-week payoff difference, 4 for Minsk and 3 for Warsaw. Over T = 40,000 weeks:
// e_M <= 0.02, e_W <= 0.015, d <= 0.0283 in expectation: |q - 1/4| <= 0.021, |p - 1/3| <= 0.028.
// The test allows 0.04 on both (one seed, so about 1.5 times the expected bound), and checks the
// measured regrets against 0.04 (twice the expected bound) as well. Fictitious play converges in
// two-by-two games (Miyasawa 1961); the same regret argument turns its measured regrets into the
// same tolerance.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/agents/rules/inspection_support.hpp"

using namespace leverage;

namespace {

struct Play {
  double evade = 0, inspect = 0;        // marginal frequencies q and p
  double minsk_regret = 0, warsaw_regret = 0;  // largest average regret of each (0 if none positive)
};

Play learn(const nlohmann::json& rule, int weeks, std::uint64_t seed) {
  const auto s = test::inspection_game(rule, rule);
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  const std::size_t evade = test::action(*s, "minsk", "evade"), inspect = test::action(*s, "warsaw", "inspect");
  double joint[2][2] = {{0, 0}, {0, 0}};  // [evaded][inspected]
  const WeekObserver observer = [&](const WorldState& state) {
    if (state.week == 0) return;
    joint[state.actors[minsk].last_action == evade][state.actors[warsaw].last_action == inspect] += 1;
  };
  run_replicate(*s, ReplicateKey{seed, 0, 0}, weeks, nullptr, nullptr, &observer);
  const double t = weeks;
  const double x_ei = joint[1][1] / t, x_en = joint[1][0] / t, x_ci = joint[0][1] / t;
  Play play;
  play.evade = x_ei + x_en;
  play.inspect = x_ei + x_ci;
  const double u = -4 * x_ei + 2 * x_en, v = 3 * x_ei - x_ci;
  play.minsk_regret = std::max({0.0, 2 - 6 * play.inspect - u, -u});
  play.warsaw_regret = std::max({0.0, 4 * play.evade - 1 - v, -v});
  return play;
}

}  // namespace

static void check_equilibrium(const Play& play) {
  INFO("evade " << play.evade << ", inspect " << play.inspect << ", regrets " << play.minsk_regret << " "
                << play.warsaw_regret);
  CHECK(play.minsk_regret <= 0.04);
  CHECK(play.warsaw_regret <= 0.04);
  CHECK(play.evade == Approx(0.25).margin(0.04));
  CHECK(play.inspect == Approx(1.0 / 3.0).margin(0.04));
}

TEST_CASE("inspection game: regret matching's average play approaches the mixed equilibrium") {
  check_equilibrium(learn({{"name", "regret_matching"}}, 40000, 1));
}

TEST_CASE("inspection game: fictitious play's average play approaches the mixed equilibrium") {
  check_equilibrium(learn({{"name", "fictitious_play"}}, 40000, 1));
}

TEST_CASE("inspection game: a harsher fine lowers the inspection rate, not the evasion rate (Tsebelis)") {
  // f = 10: p* = g / (g + f) = 2/12 = 1/6; q* = c / r = 1/4 still. Regret bound with D = 10 for
  // Minsk: e_M <= 10 / 200 = 0.05 -> d <= 0.048 in expectation; tolerance 0.06 on both.
  nlohmann::json document = nlohmann::json::parse(std::ifstream(test::source_path("scenarios/inspection_game.json")));
  document["economy"]["evasion_fine_meur"] = 10;
  const auto s = test::load(document, "inspection_game.json");
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  const std::size_t evade = test::action(*s, "minsk", "evade"), inspect = test::action(*s, "warsaw", "inspect");
  double evaded = 0, inspected = 0;
  const WeekObserver observer = [&](const WorldState& state) {
    if (state.week == 0) return;
    evaded += state.actors[minsk].last_action == evade;
    inspected += state.actors[warsaw].last_action == inspect;
  };
  const int weeks = 40000;
  run_replicate(*s, ReplicateKey{1, 0, 0}, weeks, nullptr, nullptr, &observer);
  CHECK(evaded / weeks == Approx(0.25).margin(0.06));
  CHECK(inspected / weeks == Approx(1.0 / 6.0).margin(0.06));
}
