// Nash equilibria of normal-form games: pure, support enumeration, Lemke-Howson (agents/solvers/nash.hpp).
#include <catch2/catch.hpp>

#include "agents/solvers/nash.hpp"
#include "engine/util/hash.hpp"
#include "tests/agents/solvers/game_fixtures.hpp"

using namespace leverage;
using games::MixedProfile;

namespace {

bool contains(const std::vector<MixedProfile>& list, const MixedProfile& profile) {
  for (const auto& item : list)
    if (games::same_profile(item, profile, 1e-9)) return true;
  return false;
}

rng::Rng stream(const char* purpose, std::uint64_t index) {
  return rng::make_stream({.master_seed = 20261124, .point = 0, .replicate = index, .purpose = fnv1a64(purpose)});
}

}  // namespace

TEST_CASE("the 3x3 identity coordination game has exactly 7 equilibria", "[solvers][nash]") {
  // A = B = I. If the row player mixes x with support S, column j earns x_j, so the column player's best
  // responses are argmax_j x_j; in equilibrium both supports are the same S and both players are uniform on
  // it (each is indifferent only if the other's probabilities are equal on S). Every non-empty S of {0,1,2}
  // works: 3 singletons + 3 pairs + the full set = 7, with payoff 1/|S| to each.
  const auto game = test::two_player({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
  const auto found = games::support_enumeration(game);
  CHECK(found.degenerate.empty());
  REQUIRE(found.equilibria.size() == 7);
  const double third = 1.0 / 3.0;
  const std::vector<MixedProfile> expected = {
      {{1, 0, 0}, {1, 0, 0}},       {{0, 1, 0}, {0, 1, 0}},       {{0, 0, 1}, {0, 0, 1}},
      {{.5, .5, 0}, {.5, .5, 0}},   {{.5, 0, .5}, {.5, 0, .5}},   {{0, .5, .5}, {0, .5, .5}},
      {{third, third, third}, {third, third, third}}};
  for (const auto& profile : expected) CHECK(contains(found.equilibria, profile));
  CHECK(games::pure_nash_equilibria(game).size() == 3);
  // Lemke-Howson from label k (a pure strategy of either player) ends at the pure equilibrium (k, k): dropping
  // label "row plays 0" from (0, 0), x_0 enters, the first column constraint becomes binding, so column 0
  // enters Q and row 0's constraint becomes binding, which returns the dropped label.
  for (std::size_t label = 0; label < 6; ++label) {
    const auto run = games::lemke_howson(game, label);
    REQUIRE(run.equilibrium);
    const std::size_t k = label % 3;
    std::vector<double> pure(3, 0.0);
    pure[k] = 1.0;
    CHECK(games::same_profile(*run.equilibrium, {pure, pure}, 1e-12));
  }
}

TEST_CASE("matching pennies has only the uniform equilibrium", "[solvers][nash]") {
  // Row wins 1 on a match, column wins 1 on a mismatch: no pure equilibrium, and each player must make the
  // other indifferent: q - (1 - q) = -q + (1 - q) gives q = 1/2, likewise p = 1/2.
  const auto game = test::two_player({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  CHECK(games::pure_nash_equilibria(game).empty());
  const auto found = games::support_enumeration(game);
  REQUIRE(found.equilibria.size() == 1);
  CHECK(games::same_profile(found.equilibria[0], {{.5, .5}, {.5, .5}}, 1e-12));
  for (std::size_t label = 0; label < 4; ++label) CHECK(games::same_profile(*games::lemke_howson(game, label).equilibrium, {{.5, .5}, {.5, .5}}, 1e-12));
}

TEST_CASE("a degenerate game is reported", "[solvers][nash]") {
  // Column 0 and column 1 give the column player the same payoff against row 0: two pure best responses
  // to a pure strategy, the textbook degeneracy (von Stengel 2002, section 2.6).
  const auto game = test::two_player({{1, 1}, {0, 2}}, {{1, 1}, {0, 1}});
  CHECK_FALSE(games::support_enumeration(game).degenerate.empty());
}

TEST_CASE("prisoner's dilemma: the dominant strategies are the only equilibrium", "[solvers][nash]") {
  // cooperate = 0, defect = 1; defect strictly dominates (5 > 3, 1 > 0), so (defect, defect) is the unique
  // equilibrium, pure.
  const auto game = test::two_player({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  const auto found = games::support_enumeration(game);
  REQUIRE(found.equilibria.size() == 1);
  CHECK(games::same_profile(found.equilibria[0], {{0, 1}, {0, 1}}, 0.0));
}

TEST_CASE("the inspection game: a harsher penalty lowers inspection, not violation", "[solvers][nash][games]") {
  // scenarios/games/inspection.json, rows (inspect, routine), columns (violate, comply). No pure equilibrium
  // (best responses cycle: against inspect the carrier complies, against comply Warsaw goes routine, against
  // routine the carrier violates, against violate Warsaw inspects since 2 - 1 > -3). In the mixed one:
  //   carrier indifferent: q (-penalty) + (1 - q) gain = 0       =>  q = gain / (gain + penalty)
  //   Warsaw indifferent:  r (detection - cost) + (1 - r)(-cost) = r (-loss)
  //                                                              =>  r = cost / (detection + loss)
  // gain 1, penalty 4: q = 1/5; penalty 9: q = 1/10. cost 1, detection 2, loss 3: r = 1/5 either way.
  for (const auto& [penalty, inspection] : std::vector<std::pair<double, double>>{{4.0, 0.2}, {9.0, 0.1}}) {
    const auto file = test::shipped_game("inspection", {test::numbered("/variables/penalty=", penalty)});
    const auto& game = std::get<games::NormalFormGame>(file.game);
    const auto found = games::support_enumeration(game);
    REQUIRE(found.equilibria.size() == 1);
    CHECK(found.equilibria[0][0][0] == Approx(inspection).epsilon(1e-12));
    CHECK(found.equilibria[0][1][0] == Approx(0.2).epsilon(1e-12));
  }
}

TEST_CASE("random two-player games: every profile is an equilibrium, the methods agree, the count is odd",
          "[solvers][nash][random]") {
  // 120 games, 2x2 to 5x5 (rectangular too), payoffs uniform on [0, 1): nondegenerate with probability 1,
  // so the number of equilibria is odd (Shapley 1974; Wilson's oddness theorem) and every Lemke-Howson
  // path ends at one of them.
  int checked = 0;
  for (std::uint64_t index = 0; index < 120; ++index) {
    rng::Rng rng = stream("bimatrix", index);
    const std::size_t rows = 2 + static_cast<std::size_t>(rng::uniform01(rng) * 4.0);
    const std::size_t columns = 2 + static_cast<std::size_t>(rng::uniform01(rng) * 4.0);
    const auto game = test::random_normal_form(rng, {rows, columns});
    const auto found = games::support_enumeration(game);
    INFO("game " << index << ", " << rows << "x" << columns);
    REQUIRE(found.degenerate.empty());
    CHECK(found.equilibria.size() % 2 == 1);
    for (const auto& profile : found.equilibria) CHECK(games::max_deviation_gain(game, profile) <= 1e-9);
    for (std::size_t label = 0; label < rows + columns; ++label) {
      const auto run = games::lemke_howson(game, label);
      REQUIRE(run.equilibrium);
      CHECK_FALSE(run.degenerate_pivot);
      CHECK(games::max_deviation_gain(game, *run.equilibrium) <= 1e-9);
      CHECK(contains(found.equilibria, *run.equilibrium));
    }
    // The pure equilibria support enumeration lists are exactly those found by exhaustive deviation.
    std::size_t pure = 0;
    for (const auto& profile : found.equilibria)
      pure += (*std::max_element(profile[0].begin(), profile[0].end()) == 1.0 &&
               *std::max_element(profile[1].begin(), profile[1].end()) == 1.0);
    CHECK(pure == games::pure_nash_equilibria(game).size());
    ++checked;
  }
  CHECK(checked == 120);
}

TEST_CASE("random three-player games: the pure equilibria are exactly the stable profiles", "[solvers][nash][random]") {
  // 40 games 2x2x2. Independently of pure_nash_equilibria, each of the 8 profiles is tested by brute force:
  // stable iff no player's other action pays more.
  for (std::uint64_t index = 0; index < 40; ++index) {
    rng::Rng rng = stream("three-player", index);
    const auto game = test::random_normal_form(rng, {2, 2, 2});
    const auto found = games::pure_nash_equilibria(game);
    std::size_t stable = 0;
    for (std::size_t a = 0; a < 2; ++a)
      for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t c = 0; c < 2; ++c) {
          const double u0 = game.payoff(game.profile_index({a, b, c}), 0);
          const double u1 = game.payoff(game.profile_index({a, b, c}), 1);
          const double u2 = game.payoff(game.profile_index({a, b, c}), 2);
          const bool is_stable = u0 >= game.payoff(game.profile_index({1 - a, b, c}), 0) &&
                                 u1 >= game.payoff(game.profile_index({a, 1 - b, c}), 1) &&
                                 u2 >= game.payoff(game.profile_index({a, b, 1 - c}), 2);
          MixedProfile profile{{a == 0 ? 1.0 : 0.0, a == 1 ? 1.0 : 0.0},
                               {b == 0 ? 1.0 : 0.0, b == 1 ? 1.0 : 0.0},
                               {c == 0 ? 1.0 : 0.0, c == 1 ? 1.0 : 0.0}};
          CHECK(contains(found, profile) == is_stable);
          stable += is_stable;
        }
    CHECK(found.size() == stable);
    for (const auto& profile : found) CHECK(games::max_deviation_gain(game, profile) <= 1e-9);
  }
}
