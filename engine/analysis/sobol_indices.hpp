#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/analysis/bootstrap.hpp"

// Sobol variance-based indices from a Saltelli design (engine/analysis/design.hpp, SALib's row order)
// and its outputs. With f_A, f_B, f_ABi, f_BAi the outputs of base row j's blocks and V the variance of
// all f_A and f_B values (divided by 2N):
//   total order (Jansen 1999; Saltelli et al. 2010, Table 2 (f)):  ST_i = (1/2N) sum (f_A - f_ABi)^2 / V
//   first order, estimator "saltelli" (Saltelli et al. 2010, Table 2 (b), as SALib computes it):
//     S_i = (1/N) sum f_B (f_ABi - f_A) / V
//   first order, estimator "jansen" (M. J. W. Jansen, "Analysis of variance designs for model output",
//     Comput. Phys. Commun. 117, 1999; Saltelli et al. 2010, Table 2 (d)):
//     S_i = (V - (1/2N) sum (f_B - f_ABi)^2) / V
//   second order (Saltelli 2002, eq. 12 there, as SALib computes it), for i < k:
//     S_ik = (1/N) sum (f_BAi f_ABk - f_A f_B) / V - S_i - S_k
// Base rows with a missing (non-finite) output are left out; N counts the rows used.
namespace leverage::analysis {

enum class SobolEstimator { saltelli, jansen };
const char* sobol_estimator_name(SobolEstimator estimator);

struct SobolOptions {
  SobolEstimator estimator = SobolEstimator::saltelli;
  bool second_order = false;
  std::size_t resamples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 1;
};

struct SobolIndices {
  std::size_t base_rows = 0;         // N used
  std::vector<double> first, total;  // per parameter
  std::vector<Interval> first_ci, total_ci;
  // second[i][k], i < k (NaN elsewhere), with second_order.
  std::vector<std::vector<double>> second;
  std::vector<std::vector<Interval>> second_ci;
};

// `outputs` in the design's row order (N blocks of D + 2 rows, or 2D + 2 with second order); uses the
// first `base_rows` blocks (0: all). Throws std::invalid_argument when the row count is not a whole
// number of blocks.
SobolIndices sobol_indices(const std::vector<double>& outputs, std::size_t dimensions, const SobolOptions& options,
                           std::size_t base_rows = 0);

// The base-row counts of a convergence table for N base rows: 16, 32, ... (powers of two below N, the
// Sobol sequence's balanced prefixes) and N itself.
std::vector<std::size_t> convergence_steps(std::size_t base_rows);

}  // namespace leverage::analysis
