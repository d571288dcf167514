// Logit QRE paths, fictitious play and replicator dynamics (agents/solvers/learning.hpp).
#include <catch2/catch.hpp>
#include <cmath>

#include "agents/solvers/learning.hpp"
#include "engine/util/hash.hpp"
#include "tests/agents/solvers/game_fixtures.hpp"

using namespace leverage;

namespace {

const auto kPennies = test::two_player({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
// cooperate = 0, defect = 1.
const auto kDilemma = test::two_player({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});

// max over players and actions of |pi_ia - exp(lambda u_ia) / sum_b exp(lambda u_ib)|: the logit fixed-point
// condition that defines a QRE, checked directly from the definition.
double logit_residual(const games::NormalFormGame& game, const games::MixedProfile& profile, double lambda) {
  double worst = 0.0;
  for (std::size_t i = 0; i < game.player_count(); ++i) {
    const std::vector<double> values = games::action_values(game, profile, i);
    const double top = *std::max_element(values.begin(), values.end());
    double total = 0.0;
    for (const double v : values) total += std::exp(lambda * (v - top));
    for (std::size_t a = 0; a < values.size(); ++a)
      worst = std::max(worst, std::abs(profile[i][a] - std::exp(lambda * (values[a] - top)) / total));
  }
  return worst;
}

}  // namespace

TEST_CASE("matching pennies' logit QRE is uniform at every rationality", "[solvers][qre]") {
  // At the uniform profile each player's two actions earn 0 against the other, so the logit response is
  // uniform for every lambda: uniform is a QRE at every lambda, and the principal branch never leaves it.
  const auto path = games::trace_logit_qre(kPennies, 100.0);
  CHECK(path.complete);
  CHECK(path.lambdas.back() == 100.0);
  CHECK(path.lambdas.size() > 20);
  for (const auto& profile : path.profiles)
    for (const auto& strategy : profile)
      for (const double p : strategy) CHECK(p == Approx(0.5).margin(1e-12));
}

TEST_CASE("the QRE of a dominance-solvable game approaches the dominant strategies", "[solvers][qre]") {
  // In the dilemma defect earns 1 + q more than cooperate (q = the other's cooperation): u_C = 3q,
  // u_D = 5q + (1 - q). So P(defect) = 1 / (1 + exp(-lambda (1 + q))) >= 1 / (1 + exp(-lambda)).
  const auto path = games::trace_logit_qre(kDilemma, 40.0);
  REQUIRE(path.complete);
  for (std::size_t k = 0; k < path.lambdas.size(); ++k) {
    const double bound = 1.0 / (1.0 + std::exp(-path.lambdas[k]));
    CHECK(path.profiles[k][0][1] >= bound - 1e-12);
    CHECK(path.profiles[k][1][1] >= bound - 1e-12);
  }
}

TEST_CASE("random games: every point of the QRE path is a logit fixed point", "[solvers][qre][random]") {
  // Two-player 3x3 and three-player 2x2x2 games with payoffs in [0, 1): the traced points must satisfy the
  // definition to 1e-9, independently of how the continuation found them.
  for (std::uint64_t index = 0; index < 20; ++index) {
    rng::Rng rng = rng::make_stream({.master_seed = 5, .point = 0, .replicate = index, .purpose = fnv1a64("qre")});
    const auto game = index % 2 == 0 ? test::random_normal_form(rng, {3, 3}) : test::random_normal_form(rng, {2, 2, 2});
    const auto path = games::trace_logit_qre(game, 20.0);
    INFO("game " << index);
    for (std::size_t k = 0; k < path.lambdas.size(); ++k) CHECK(logit_residual(game, path.profiles[k], path.lambdas[k]) <= 1e-9);
    if (path.complete) CHECK(path.lambdas.back() == 20.0);
  }
}

TEST_CASE("fictitious play: the dilemma at once, matching pennies slowly, Shapley's game never", "[solvers][dynamics]") {
  // Dilemma: defect is the best response to every belief, so both defect from round 1: frequencies exactly
  // (0, 1), exploitability 0.
  const auto dilemma = games::fictitious_play(kDilemma, 1000);
  CHECK(dilemma.profile[0] == std::vector<double>{0.0, 1.0});
  CHECK(dilemma.profile[1] == std::vector<double>{0.0, 1.0});
  CHECK(dilemma.converged);
  // Matching pennies is zero-sum, so the empirical frequencies converge to the equilibrium (Robinson,
  // "An iterative method of solving a game", Annals of Mathematics 54, 1951): exploitability well below that
  // of any pure profile (1 for the player who loses) after 100000 rounds.
  const auto pennies = games::fictitious_play(kPennies, 100000);
  CHECK(pennies.exploitability < 0.05);
  CHECK(pennies.profile[0][0] == Approx(0.5).margin(0.05));
  // Shapley's 3x3 game (Shapley, "Some topics in two-person games", 1964) is the classic case where the
  // frequencies cycle with ever longer runs and never converge: the report must say so.
  const auto shapley = test::two_player({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
  const auto cycling = games::fictitious_play(shapley, 100000);
  CHECK_FALSE(cycling.converged);
  CHECK(cycling.exploitability > 1e-3);
}

TEST_CASE("replicator dynamics: convergence reported, cycles reported", "[solvers][dynamics]") {
  // Dilemma: x_C' = x_C (u_C - u_avg) = -x_C x_D (1 + q) < 0, so cooperation dies out and the state
  // converges to (defect, defect), a Nash equilibrium.
  const auto dilemma = games::replicator(kDilemma, 200000, 0.01);
  CHECK(dilemma.converged);
  CHECK(dilemma.profile[0][1] > 1.0 - 1e-6);
  CHECK(dilemma.exploitability <= 1e-6);
  // Matching pennies from uniform: every action earns the average, so the velocity is exactly 0: a rest
  // point at step 0.
  const auto rest = games::replicator(kPennies, 1000, 0.01);
  CHECK(rest.converged);
  CHECK(rest.iterations == 0);
  // From (0.7, 0.5) the continuous orbits are closed curves around the centre (ln x + ln(1-x) + ln y +
  // ln(1-y) is constant; Hofbauer and Sigmund 1998, section 10.3): the state keeps moving.
  const auto cycle = games::replicator(kPennies, 10000, 0.01, {{0.7, 0.3}, {0.5, 0.5}});
  CHECK_FALSE(cycle.converged);
  CHECK(cycle.last_change > 1e-3);
}
