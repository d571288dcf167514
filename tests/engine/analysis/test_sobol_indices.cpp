// Sobol indices on functions whose indices are known in closed form.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "engine/analysis/design.hpp"
#include "engine/analysis/sobol_indices.hpp"

namespace {

using namespace leverage::analysis;
constexpr double kPi = 3.14159265358979323846;

// The Ishigami function (T. Ishigami and T. Homma, "An importance quantification technique in
// uncertainty analysis for computer models", Proc. ISUMA '90, 1990), a = 7, b = 0.1, X_i uniform on
// [-pi, pi]: Y = sin X1 + a sin^2 X2 + b X3^4 sin X1.
double ishigami(const std::vector<double>& unit) {
  const double x1 = -kPi + 2 * kPi * unit[0], x2 = -kPi + 2 * kPi * unit[1], x3 = -kPi + 2 * kPi * unit[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

// Its indices, derived with E[sin^2 X] = 1/2, E[sin^4 X] = 3/8, E[X^4] = pi^4/5, E[X^8] = pi^8/9:
//   V1 = Var(sin X1 (1 + b pi^4/5)) = (1 + b pi^4/5)^2 / 2
//   V2 = a^2 Var(sin^2 X2) = a^2 (3/8 - 1/4) = a^2/8,  V3 = 0
//   V13 = Var(b sin X1 (X3^4 - pi^4/5)) = b^2 (1/2) (pi^8/9 - pi^8/25) = b^2 pi^8 (1/18 - 1/50)
//   V = V1 + V2 + V13 = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.8446
// so S1 = 0.3139, S2 = 0.4424, S3 = 0, ST1 = (V1 + V13)/V = 0.5576, ST2 = 0.4424, ST3 = V13/V = 0.2437,
// and the only second-order index is S13 = V13/V = 0.2437 (S12 = S23 = 0).
struct Truth {
  double first[3], total[3];
};
Truth ishigami_truth() {
  const double a = 7, b = 0.1, p4 = std::pow(kPi, 4), p8 = std::pow(kPi, 8);
  const double v1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5), v2 = a * a / 8, v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
  const double v = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
  return {{v1 / v, v2 / v, 0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

template <typename F>
std::vector<double> evaluate(const UnitDesign& design, F f) {
  std::vector<double> y;
  for (const auto& row : design) y.push_back(f(row));
  return y;
}

double mean_absolute_error(const SobolIndices& indices, const Truth& truth) {
  double sum = 0;
  for (int i = 0; i < 3; ++i)
    sum += std::fabs(indices.first[i] - truth.first[i]) + std::fabs(indices.total[i] - truth.total[i]);
  return sum / 6;
}

}  // namespace

TEST_CASE("the closed-form Ishigami indices are the ones usually quoted", "[analysis][sobol]") {
  // The closed forms above, evaluated by hand to four decimals: V = 6.125 + 1.9482 + 5.2714 + 0.5 =
  // 13.8446; V1 = 0.5 (1.9482)^2 = 4.3458 (S1 = 0.3139); V2 = 6.125 (S2 = ST2 = 0.4424);
  // V13 = 0.01 pi^8 (0.0356) = 3.3737 (ST1 = (4.3458 + 3.3737) / 13.8446 = 0.5576, ST3 = 0.2437).
  const Truth truth = ishigami_truth();
  CHECK(truth.first[0] == Approx(0.3139).margin(1e-4));
  CHECK(truth.first[1] == Approx(0.4424).margin(1e-4));
  CHECK(truth.total[0] == Approx(0.5576).margin(1e-4));
  CHECK(truth.total[2] == Approx(0.2437).margin(1e-4));
}

TEST_CASE("Sobol indices of the Ishigami function from a Saltelli design", "[analysis][sobol]") {
  const Truth truth = ishigami_truth();
  for (const auto estimator : {SobolEstimator::saltelli, SobolEstimator::jansen}) {
    SobolOptions options;
    options.estimator = estimator;
    options.resamples = 200;
    const auto y = evaluate(saltelli_design(3, 4096, false), ishigami);
    const SobolIndices indices = sobol_indices(y, 3, options);
    REQUIRE(indices.base_rows == 4096);
    for (int i = 0; i < 3; ++i) {
      INFO("estimator " << sobol_estimator_name(estimator) << ", parameter " << i);
      // With N = 4096 Sobol points the error of these estimators is about 0.01 (Saltelli et al. 2010,
      // fig. 1-2); 0.03 leaves room without letting a wrong estimator (errors of 0.1 and more) pass.
      CHECK(indices.first[i] == Approx(truth.first[i]).margin(0.03));
      CHECK(indices.total[i] == Approx(truth.total[i]).margin(0.03));
      // The bootstrap interval brackets the estimate.
      CHECK(indices.first_ci[i].low <= indices.first[i]);
      CHECK(indices.first_ci[i].high >= indices.first[i]);
      CHECK(indices.total_ci[i].low <= indices.total[i]);
      CHECK(indices.total_ci[i].high >= indices.total[i]);
    }
  }
}

TEST_CASE("the Sobol estimators' error shrinks as N grows", "[analysis][sobol]") {
  const Truth truth = ishigami_truth();
  SobolOptions options;
  options.resamples = 10;
  const auto y = evaluate(saltelli_design(3, 4096, false), ishigami);
  // The first 256 base rows of the same design are the design with N = 256 (a prefix of the sequence).
  const double error_256 = mean_absolute_error(sobol_indices(y, 3, options, 256), truth);
  const double error_4096 = mean_absolute_error(sobol_indices(y, 3, options, 4096), truth);
  CHECK(error_4096 < error_256);
  options.estimator = SobolEstimator::jansen;
  CHECK(mean_absolute_error(sobol_indices(y, 3, options, 4096), truth) <
        mean_absolute_error(sobol_indices(y, 3, options, 256), truth));
}

TEST_CASE("second-order Sobol indices of the Ishigami function", "[analysis][sobol]") {
  SobolOptions options;
  options.second_order = true;
  options.resamples = 20;
  const auto design = saltelli_design(3, 4096, true);
  REQUIRE(design.size() == 4096 * 8);  // N (2D + 2)
  const SobolIndices indices = sobol_indices(evaluate(design, ishigami), 3, options);
  const Truth truth = ishigami_truth();
  // S13 = V13 / V = 0.2437 (derived above); S12 = S23 = 0. Second-order estimates are noisier.
  CHECK(indices.second[0][2] == Approx(truth.total[2]).margin(0.05));
  CHECK(indices.second[0][1] == Approx(0).margin(0.05));
  CHECK(indices.second[1][2] == Approx(0).margin(0.05));
}

TEST_CASE("Sobol indices of a linear model with independent inputs", "[analysis][sobol]") {
  // Y = 1 X1 + 2 X2 + 3 X3 with X1 ~ U[0, 1], X2 ~ U[0, 2], X3 ~ U[-1, 1]: Var X = (max - min)^2 / 12,
  // so c_i^2 Var X_i is proportional to 1 * 1, 4 * 4, 9 * 4 = 1, 16, 36 (sum 53). Without interactions
  // S_i = ST_i = c_i^2 Var X_i / sum_j c_j^2 Var X_j = 1/53, 16/53, 36/53.
  const auto linear = [](const std::vector<double>& u) { return 1 * u[0] + 2 * (2 * u[1]) + 3 * (-1 + 2 * u[2]); };
  SobolOptions options;
  options.resamples = 20;
  const SobolIndices indices = sobol_indices(evaluate(saltelli_design(3, 2048, false), linear), 3, options);
  const double expected[3] = {1.0 / 53, 16.0 / 53, 36.0 / 53};
  for (int i = 0; i < 3; ++i) {
    CHECK(indices.first[i] == Approx(expected[i]).margin(0.02));
    CHECK(indices.total[i] == Approx(expected[i]).margin(0.02));
  }
}

TEST_CASE("Sobol bootstrap intervals are the same for the same seed", "[analysis][sobol]") {
  const auto y = evaluate(saltelli_design(3, 256, false), ishigami);
  SobolOptions options;
  options.resamples = 50;
  const SobolIndices one = sobol_indices(y, 3, options), two = sobol_indices(y, 3, options);
  options.seed = 2;
  const SobolIndices other = sobol_indices(y, 3, options);
  for (int i = 0; i < 3; ++i) {
    CHECK(one.first_ci[i].low == two.first_ci[i].low);
    CHECK(one.total_ci[i].high == two.total_ci[i].high);
  }
  CHECK(one.first_ci[0].low != other.first_ci[0].low);
}

TEST_CASE("Sobol: a row count that is no whole number of blocks is refused, missing rows are dropped",
          "[analysis][sobol]") {
  std::vector<double> y = evaluate(saltelli_design(3, 64, false), ishigami);
  SobolOptions options;
  options.resamples = 10;
  CHECK_THROWS_AS(sobol_indices(std::vector<double>(y.begin(), y.end() - 1), 3, options), std::invalid_argument);
  y[7] = std::nan("");  // in base row 1 (rows 5 .. 9)
  CHECK(sobol_indices(y, 3, options).base_rows == 63);
}

TEST_CASE("the Saltelli design is in SALib's row order, on a balanced block of the sequence", "[analysis][sobol]") {
  // Base row j: A_j, AB_j^1, AB_j^2, BA_j^1, BA_j^2, B_j, where AB_j^i is A_j with coordinate i from
  // B_j and BA_j^i is B_j with coordinate i from A_j.
  const std::size_t n = 16;
  const auto design = saltelli_design(2, n, true);
  REQUIRE(design.size() == n * 6);
  for (std::size_t j = 0; j < n; ++j) {
    const auto* block = &design[j * 6];
    const auto& a = block[0];
    const auto& b = block[5];
    CHECK(block[1] == std::vector<double>{b[0], a[1]});
    CHECK(block[2] == std::vector<double>{a[0], b[1]});
    CHECK(block[3] == std::vector<double>{a[0], b[1]});
    CHECK(block[4] == std::vector<double>{b[0], a[1]});
    CHECK(a != b);  // no base row with A = B (the sequence's point 1 is skipped)
  }
  // The points used are the sequence's 16 to 31 (saltelli_skip(16) = 16): a block of 2^4 points
  // starting at a multiple of 2^4, a (t, 4, 4)-net, so each one-dimensional projection (a (0, 4, 1)-net
  // in base 2) has exactly one point in each interval [k/16, (k+1)/16).
  CHECK(saltelli_skip(16) == 16);
  CHECK(saltelli_skip(100) == 128);
  CHECK(saltelli_skip(2) == 16);
  for (std::size_t column = 0; column < 4; ++column) {
    std::vector<int> per_stratum(16, 0);
    for (std::size_t j = 0; j < n; ++j) {
      const double u = column < 2 ? design[j * 6][column] : design[j * 6 + 5][column - 2];
      ++per_stratum[static_cast<std::size_t>(u * 16)];
    }
    CHECK(per_stratum == std::vector<int>(16, 1));
  }
  CHECK(saltelli_block(5, false) == 7);
  CHECK(convergence_steps(100) == std::vector<std::size_t>{16, 32, 64, 100});
}
