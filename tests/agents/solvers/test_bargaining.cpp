// Alternating offers and the Bueno de Mesquita vote (agents/solvers/bargaining.hpp).
#include <catch2/catch.hpp>
#include <cmath>

#include "agents/solvers/bargaining.hpp"
#include "tests/agents/solvers/game_fixtures.hpp"

using namespace leverage;

TEST_CASE("alternating offers: the first rounds by hand and the approach to Rubinstein's share", "[solvers][bargaining]") {
  // delta = (0.9, 0.8), player 0 proposes in odd rounds. T = 1: the proposer takes all, 1. T = 2: player 1
  // would take all in round 2, worth 0.8 to it now, so player 0 keeps 1 - 0.8 = 0.2. T = 3: player 0 gets
  // 1 in round 3, so player 1 (proposing in round 2) offers 0.9 and keeps 0.1, worth 0.08 now: 0.92.
  games::BargainingGame game{{"a", "b"}, {0.9, 0.8}, 1};
  CHECK(games::solve_bargaining(game).first_proposer_share == 1.0);
  game.horizon = 2;
  CHECK(games::solve_bargaining(game).first_proposer_share == Approx(0.2).epsilon(1e-15));
  game.horizon = 3;
  CHECK(games::solve_bargaining(game).first_proposer_share == Approx(0.92).epsilon(1e-15));
  // Two rounds of the recursion: s(t) = 1 - d2 (1 - d1 s(t + 2)) = (1 - d2) + d1 d2 s(t + 2), with fixed point
  // s* = (1 - d2) / (1 - d1 d2) = 0.2 / 0.28 = 5/7 (Rubinstein 1982). Hence s(1) - s* = (d1 d2)^k (s(1 + 2k) - s*):
  // T = 2k + 1 has s(T) = 1, T = 2k + 2 has s(2k + 1) = 1 - d2. The error shrinks by 0.72 every two rounds.
  const double star = 5.0 / 7.0;
  CHECK(games::rubinstein_share(0.9, 0.8) == Approx(star).epsilon(1e-15));
  double previous_odd = 1.0, previous_even = 1.0;
  for (unsigned horizon = 1; horizon <= 100; ++horizon) {
    game.horizon = horizon;
    const double share = games::solve_bargaining(game).first_proposer_share;
    const unsigned k = (horizon - 1) / 2;
    const double tail = horizon % 2 == 1 ? 1.0 : 1.0 - 0.8;
    CHECK(share - star == Approx(std::pow(0.72, k) * (tail - star)).margin(1e-12));
    double& previous = horizon % 2 == 1 ? previous_odd : previous_even;
    if (horizon > 2) CHECK(std::abs(share - star) < previous);
    previous = std::abs(share - star);
  }
  CHECK(previous_odd < 1e-6);
  CHECK(previous_even < 1e-6);
}

TEST_CASE("the shipped alternating-offers game, finite and infinite", "[solvers][bargaining][games]") {
  // horizon 10 = 2k + 2 with k = 4: s = 5/7 + 0.72^4 (0.2 - 5/7).
  const auto file = test::shipped_game("alternating_offers");
  const auto finite = games::solve_bargaining(std::get<games::BargainingGame>(file.game));
  CHECK(finite.first_proposer_share == Approx(5.0 / 7.0 + std::pow(0.72, 4) * (0.2 - 5.0 / 7.0)).epsilon(1e-12));
  const auto infinite_file = test::shipped_game("alternating_offers", {"/horizon=0"});
  CHECK(games::solve_bargaining(std::get<games::BargainingGame>(infinite_file.game)).first_proposer_share ==
        Approx(5.0 / 7.0).epsilon(1e-15));
}

TEST_CASE("the Bueno de Mesquita first round for the five capitals", "[solvers][bdm][games]") {
  // scenarios/games/bdm_first_round.json, weights w = capability x salience:
  //   moscow 5 (30 x 0.3 = 9), minsk 10 (22.5), beijing 30 (14), brussels 80 (24), warsaw 90 (16); total 85.5.
  // Weighted median: cumulative 9, 31.5, 45.5 >= 42.75 at beijing: 30. Mean: (45 + 225 + 420 + 1920 + 1440)
  // / 85.5 = 4050 / 85.5. Votes for 30 against 10: sum w_i (2/100)(|x_i - 10| - |x_i - 30|)
  //   = 0.02 (9 (-20) + 22.5 (-20) + 14 (20) + 24 (20) + 16 (20)) = 0.02 (-630 + 1080) = 9.
  // On a line with utilities falling linearly in distance, the weighted median beats every other position
  // (Black's median voter theorem with weights), so beijing's 30 is the forecast.
  const auto file = test::shipped_game("bdm_first_round");
  const auto& table = std::get<games::VoteTable>(file.game);
  const auto outcome = games::first_round_vote(table);
  REQUIRE(outcome.winner == 2);
  CHECK(table.actors[2].name == "beijing");
  CHECK(outcome.weighted_median == 30.0);
  CHECK(outcome.weighted_mean == Approx(4050.0 / 85.5).epsilon(1e-12));
  CHECK(outcome.votes[2][0] == Approx(9.0).epsilon(1e-12));
  CHECK(outcome.votes[0][2] == Approx(-9.0).epsilon(1e-12));  // antisymmetric by construction
}
