// Morris elementary effects: the design's structure, and the indices of models with known effects.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "engine/analysis/design.hpp"
#include "engine/analysis/morris.hpp"

namespace {

using namespace leverage::analysis;

std::vector<double> evaluate(const UnitDesign& design, double (*f)(const std::vector<double>&)) {
  std::vector<double> y;
  for (const auto& row : design) y.push_back(f(row));
  return y;
}

// Y = 1 X1 - 2 X2 + 3 X3 with X1 in [0, 1], X2 in [0, 2], X3 in [-1, 1] (x = min + u (max - min)).
double linear(const std::vector<double>& u) {
  return 1 * u[0] - 2 * (2 * u[1]) + 3 * (-1 + 2 * u[2]);
}
// Y = X1 X2 on the unit square: the effect of X1 is X2, which varies along the trajectories.
double product(const std::vector<double>& u) {
  return u[0] * u[1];
}

}  // namespace

TEST_CASE("Morris design: trajectories of D + 1 rows on the p-level grid, one step of delta per row",
          "[analysis][morris]") {
  // p = 4 levels: the grid {0, 1/3, 2/3, 1}, delta = p / (2 (p - 1)) = 4/6 = 2/3.
  CHECK(morris_delta(4) == Approx(2.0 / 3));
  const UnitDesign design = morris_design(3, 4, 20, 7);
  REQUIRE(design.size() == 20 * 4);
  for (std::size_t t = 0; t < 20; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t k = 0; k < 4; ++k)
      for (const double u : design[t * 4 + k]) {
        // Every coordinate is a grid value.
        CHECK(std::fabs(u * 3 - std::round(u * 3)) < 1e-12);
      }
    for (std::size_t k = 1; k < 4; ++k) {
      std::size_t changes = 0;
      for (std::size_t i = 0; i < 3; ++i) {
        const double step = design[t * 4 + k][i] - design[t * 4 + k - 1][i];
        if (step != 0) {
          ++changes;
          moved.insert(i);
          CHECK(std::fabs(step) == Approx(2.0 / 3));
        }
      }
      CHECK(changes == 1);
    }
    CHECK(moved.size() == 3);  // each factor moves once per trajectory
  }
  // The same seed gives the same design; another seed another.
  CHECK(morris_design(3, 4, 20, 7) == design);
  CHECK(morris_design(3, 4, 20, 8) != design);
  CHECK_THROWS_AS(morris_design(3, 3, 20, 7), std::invalid_argument);
}

TEST_CASE("Morris indices of a linear model: mu* = |c_i| (max - min), sigma = 0", "[analysis][morris]") {
  // On every trajectory EE_i = c_i (max_i - min_i): 1 * 1 = 1, -2 * 2 = -4, 3 * 2 = 6.
  const UnitDesign design = morris_design(3, 4, 10, 1);
  const auto indices = morris_indices(design, evaluate(design, linear), {100, 0.95, 1});
  const double expected[3] = {1, -4, 6};
  for (int i = 0; i < 3; ++i) {
    CHECK(indices[i].mu == Approx(expected[i]));
    CHECK(indices[i].mu_star == Approx(std::fabs(expected[i])));
    CHECK(indices[i].sigma == Approx(0).margin(1e-9));
    CHECK(indices[i].effects == 10);
    // Every resample of identical effects gives the same mu, mu* and sigma: zero-width intervals.
    CHECK(indices[i].mu_ci.low == Approx(expected[i]));
    CHECK(indices[i].mu_ci.high == Approx(expected[i]));
    CHECK(indices[i].mu_star_ci.low == Approx(std::fabs(expected[i])));
    CHECK(indices[i].mu_star_ci.high == Approx(std::fabs(expected[i])));
    CHECK(indices[i].sigma_ci.high == Approx(0).margin(1e-9));
  }
}

TEST_CASE("Morris indices of an interaction: sigma > 0, mu* within its bootstrap interval", "[analysis][morris]") {
  // Y = X1 X2: EE_1 = X2 at the step, a grid value in {0, 1/3, 2/3, 1}, so 0 <= mu* <= 1 and the spread
  // of X2 over trajectories makes sigma positive. A third, unused factor has EE = 0 everywhere.
  const UnitDesign design = morris_design(3, 4, 50, 3);
  const auto indices = morris_indices(design, evaluate(design, product), {200, 0.9, 1});
  CHECK(indices[0].mu_star > 0);
  CHECK(indices[0].mu_star <= 1);
  CHECK(indices[0].sigma > 0);
  CHECK(indices[0].mu_star_ci.low <= indices[0].mu_star);
  CHECK(indices[0].mu_star_ci.high >= indices[0].mu_star);
  CHECK(indices[0].sigma_ci.low < indices[0].sigma_ci.high);
  // EE_1 = X2 >= 0 always, so mu = mu* and so are their intervals.
  CHECK(indices[0].mu == indices[0].mu_star);
  CHECK(indices[0].mu_ci.low == indices[0].mu_star_ci.low);
  CHECK(indices[2].mu_star == 0);
  CHECK(indices[2].sigma == 0);
}

TEST_CASE("Morris: outputs that do not fit the design are refused", "[analysis][morris]") {
  const UnitDesign design = morris_design(2, 4, 3, 1);
  CHECK_THROWS_AS(morris_indices(design, std::vector<double>(8, 0.0), {}), std::invalid_argument);
  UnitDesign broken = design;
  broken[1] = broken[0];  // a step that changes nothing
  CHECK_THROWS_AS(morris_indices(broken, std::vector<double>(9, 0.0), {}), std::invalid_argument);
}
