#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/analysis/bootstrap.hpp"
#include "engine/analysis/design.hpp"

// Morris elementary effects (Morris 1991) with Campolongo's mu* (F. Campolongo, J. Cariboni and
// A. Saltelli, "An effective screening design for sensitivity analysis of large models", Environ.
// Model. Softw. 22(10), 2007). Along a trajectory consecutive rows differ in one coordinate i, and
// the elementary effect is EE_i = (y_{k+1} - y_k) / (u_{k+1} - u_k): the change of the outcome per
// unit of the parameter's range (the unit coordinate u), signed by the direction of the step. For a
// linear model y = c x with x = min + u (max - min), EE = c (max - min) on every trajectory.
namespace leverage::analysis {

struct MorrisIndex {
  double mu = 0;       // mean of EE_i
  double mu_star = 0;  // mean of |EE_i|
  double sigma = 0;    // sample standard deviation of EE_i (n - 1 in the denominator)
  // Bootstrap percentile intervals over trajectories.
  Interval mu_ci, mu_star_ci, sigma_ci;
  std::size_t effects = 0;  // elementary effects used (trajectories where both outputs are finite)
};

struct MorrisOptions {
  std::size_t resamples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 1;
};

// `design` holds trajectories of D + 1 rows one after another (the unit coordinates actually run, so
// rounding of integer parameters is accounted for), `outputs` one value per row (NaN: missing, and
// the effects touching it are skipped). Throws std::invalid_argument when the rows are not a multiple
// of D + 1 or a step does not change exactly one coordinate.
std::vector<MorrisIndex> morris_indices(const UnitDesign& design, const std::vector<double>& outputs,
                                        const MorrisOptions& options);

}  // namespace leverage::analysis
