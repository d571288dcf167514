// crisis_equilibria_fast (agents/solvers/crisis.hpp) against the generic solver it stands in for:
// crisis_equilibria builds the tree and runs pure_perfect_bayesian and assess(); the fast version must
// list the same equilibria, in the same order, with the same probabilities to the bit and the same kind.
// The parameters are drawn where the two could part: on a coarse grid (so payoffs tie and gains are
// exactly zero, where the tolerance decides), at priors 0 and 1 and next to them (off-path beliefs, reach
// 0), near the semi-separating threshold, and over wide magnitudes.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "agents/solvers/crisis.hpp"

using namespace leverage::games;

namespace {

CrisisProfile::Kind kind_named(const std::string& type) {
  if (type.rfind("semi-separating", 0) == 0) return CrisisProfile::Kind::semi_separating;
  if (type.rfind("separating", 0) == 0) return CrisisProfile::Kind::separating;
  REQUIRE(type.rfind("pooling", 0) == 0);  // two types send one or two messages: nothing else is possible
  return CrisisProfile::Kind::pooling;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Both solvers on p; returns how many equilibria they found (after checking they agree).
std::size_t agree(const CrisisParameters& p) {
  const std::vector<Equilibrium> generic = crisis_equilibria(p);
  CrisisProfiles fast;
  REQUIRE(crisis_equilibria_fast(p, fast));
  INFO("prior " << p.prior_resolved << " demand " << p.demand_value << " audience " << p.audience_cost
                << " cost_r " << p.imposition_cost_resolved << " cost_i " << p.imposition_cost_irresolute
                << " value " << p.imposition_value << " concession " << p.concession_cost << " sanction "
                << p.sanction_cost);
  REQUIRE(fast.count == generic.size());
  for (std::size_t e = 0; e < generic.size(); ++e) {
    INFO("equilibrium " << e << ": " << generic[e].type);
    CHECK(fast.found[e].kind == kind_named(generic[e].type));
    REQUIRE(generic[e].strategies.size() == 5);
    for (std::size_t set = 0; set < 5; ++set) {
      REQUIRE(generic[e].strategies[set].probabilities.size() == 2);
      for (std::size_t a = 0; a < 2; ++a)
        CHECK(same_bits(fast.found[e].sets[set][a], generic[e].strategies[set].probabilities[a]));
    }
  }
  return generic.size();
}

}  // namespace

TEST_CASE("crisis_equilibria_fast: the textbook game by hand", "[solvers][pbe][games]") {
  // Prior 1/2 with the shipped numbers (demand 1, audience 0.5, costs 0.3 and 0.8, concession 1,
  // sanction 1.5): after defiance the resolved type imposes (-0.3 > -0.5), the irresolute backs down.
  // mu* = 1/1.5 = 2/3 > 1/2, so Minsk defies at the prior. Pure PBEs: the ultimatum on the path by the
  // resolved type alone (separating) makes the posterior 1 and Minsk complies, and then the irresolute type
  // would bluff (1 > 0): not an equilibrium; both issuing (pooling) leaves the prior 1/2 < 2/3, Minsk
  // defies and the irresolute type loses 0.5 against 0: no. The status quo pooled is held by off-path beliefs
  // that make Minsk defy (any mu < 2/3) with each defied type playing its best reply: one pure PBE
  // (sets: status quo, defy, impose, status quo, back down). Then the semi-separating one: 2 in all.
  CrisisParameters p;
  CrisisProfiles fast;
  REQUIRE(crisis_equilibria_fast(p, fast));
  REQUIRE(fast.count == 2);
  CHECK(fast.found[0].kind == CrisisProfile::Kind::pooling);
  CHECK(fast.found[0].sets[0][0] == 1.0);  // resolved: status quo
  CHECK(fast.found[0].sets[1][1] == 1.0);  // Minsk: defy
  CHECK(fast.found[0].sets[2][0] == 1.0);  // resolved, defied: impose
  CHECK(fast.found[0].sets[3][0] == 1.0);  // irresolute: status quo
  CHECK(fast.found[0].sets[4][1] == 1.0);  // irresolute, defied: back down
  CHECK(fast.found[1].kind == CrisisProfile::Kind::semi_separating);
  // r* = 0.5 / 1.5 = 1/3; bluff b = 0.5 (1/3) / (0.5 (2/3)) = 1/2.
  CHECK(fast.found[1].sets[1][0] == Approx(1.0 / 3.0).margin(1e-15));
  CHECK(fast.found[1].sets[3][1] == Approx(0.5).margin(1e-15));
  CHECK(agree(p) == 2);
}

TEST_CASE("crisis_equilibria_fast: the generic solver's list, bit for bit", "[solvers][pbe][games][random]") {
  std::mt19937_64 engine(20261207);
  std::uniform_int_distribution<int> grid(-8, 8);  // multiples of 1/4 in [-2, 2]: ties are common
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double priors[] = {0.0, 1.0, 0.5, 0.25, 1e-300, 1.0 - 1e-16, 2.0 / 3.0};
  std::size_t games = 0, with_semi = 0, empty = 0;
  for (int draw = 0; draw < 6000; ++draw) {
    CrisisParameters p;
    const int style = draw % 3;
    const auto value = [&]() {
      if (style == 0) return grid(engine) / 4.0;
      if (style == 1) return 4.0 * unit(engine) - 2.0;
      return (unit(engine) < 0.5 ? -1.0 : 1.0) * std::pow(10.0, 24.0 * unit(engine) - 12.0);  // 1e-12..1e12
    };
    p.demand_value = value();
    p.audience_cost = value();
    p.imposition_cost_resolved = value();
    p.imposition_cost_irresolute = value();
    p.imposition_value = draw % 5 == 0 ? value() : 0.0;
    p.concession_cost = value();
    p.sanction_cost = value();
    // Priors: a fixed set, a uniform draw, or the semi-separating threshold C / S itself and next to it.
    const int prior_style = draw % 4;
    if (prior_style == 0)
      p.prior_resolved = priors[(draw / 4) % std::size(priors)];
    else if (prior_style == 1 && p.sanction_cost != 0.0)
      p.prior_resolved = std::clamp(p.concession_cost / p.sanction_cost * (1.0 + (unit(engine) - 0.5) * 1e-9), 0.0, 1.0);
    else
      p.prior_resolved = unit(engine);
    if (draw % 6 == 5) {
      // The semi-separating region (crisis.hpp): cost_r - value < audience < cost_i - value,
      // sanction > concession > 0, prior below concession / sanction; on the grid, so its edges tie too.
      p.imposition_value = 0.0;
      p.audience_cost = 0.25 * (1 + grid(engine) % 4 + (grid(engine) < 0 ? 4 : 0));
      p.imposition_cost_resolved = p.audience_cost - 0.25 * (1 + std::abs(grid(engine)) % 3);
      p.imposition_cost_irresolute = p.audience_cost + 0.25 * (std::abs(grid(engine)) % 3);
      p.concession_cost = 0.25 * (1 + std::abs(grid(engine)));
      p.sanction_cost = p.concession_cost + 0.25 * (std::abs(grid(engine)) % 4);
      p.demand_value = grid(engine) / 4.0;
      p.prior_resolved = unit(engine) * p.concession_cost / p.sanction_cost * (prior_style == 0 ? 1.0 : 1.2);
    }
    const std::size_t found = agree(p);
    ++games;
    if (found == 0) ++empty;
    CrisisProfiles fast;
    crisis_equilibria_fast(p, fast);
    if (fast.count > 0 && fast.found[fast.count - 1].kind == CrisisProfile::Kind::semi_separating) ++with_semi;
  }
  // The draws reach the cases that matter: games with the semi-separating equilibrium (a sixth of the
  // draws are made in its region, with edges on the grid where it fails).
  CHECK(games == 6000);
  CHECK(with_semi > 150);
  INFO("games without an equilibrium: " << empty);
}

TEST_CASE("crisis_equilibria_fast: non-finite parameters are refused", "[solvers][pbe][games]") {
  CrisisParameters p;
  p.sanction_cost = std::numeric_limits<double>::infinity();
  CrisisProfiles fast;
  CHECK_FALSE(crisis_equilibria_fast(p, fast));
  CHECK(fast.count == 0);
  p.sanction_cost = 1.5;
  p.prior_resolved = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(crisis_equilibria_fast(p, fast));
}
