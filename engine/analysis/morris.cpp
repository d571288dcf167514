#include "engine/analysis/morris.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace leverage::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// effects[t][i]: the elementary effect of coordinate i on trajectory t (NaN when an output is missing).
std::vector<std::vector<double>> elementary_effects(const UnitDesign& design, const std::vector<double>& outputs) {
  if (design.empty() || design.size() != outputs.size())
    throw std::invalid_argument("Morris: " + std::to_string(outputs.size()) + " outputs for " +
                                std::to_string(design.size()) + " design rows");
  const std::size_t d = design.front().size();
  if (design.size() % (d + 1) != 0)
    throw std::invalid_argument("Morris: " + std::to_string(design.size()) + " rows is not a whole number of " +
                                "trajectories of D + 1 = " + std::to_string(d + 1) + " rows");
  std::vector<std::vector<double>> effects(design.size() / (d + 1), std::vector<double>(d, kNaN));
  for (std::size_t t = 0; t < effects.size(); ++t) {
    std::vector<bool> seen(d, false);
    for (std::size_t k = 1; k <= d; ++k) {
      const std::size_t row = t * (d + 1) + k;
      std::size_t changed = d;
      for (std::size_t i = 0; i < d; ++i)
        if (design[row][i] != design[row - 1][i]) {
          if (changed != d || seen[i])
            throw std::invalid_argument("Morris: row " + std::to_string(row + 1) + " (trajectory " +
                                        std::to_string(t + 1) + ") does not change exactly one new parameter");
          changed = i;
        }
      if (changed == d)
        throw std::invalid_argument("Morris: row " + std::to_string(row + 1) + " (trajectory " + std::to_string(t + 1) +
                                    ") changes no parameter (an integer range too narrow for the levels?)");
      seen[changed] = true;
      effects[t][changed] = (outputs[row] - outputs[row - 1]) / (design[row][changed] - design[row - 1][changed]);
    }
  }
  return effects;
}

// mu, mu*, sigma of coordinate i over the trajectories `which`.
MorrisIndex summarise(const std::vector<std::vector<double>>& effects, std::size_t i,
                      const std::vector<std::size_t>& which) {
  MorrisIndex index;
  double sum = 0, sum_abs = 0;
  for (const std::size_t t : which) {
    if (!std::isfinite(effects[t][i])) continue;
    ++index.effects;
    sum += effects[t][i];
    sum_abs += std::fabs(effects[t][i]);
  }
  if (index.effects == 0) return {kNaN, kNaN, kNaN, {kNaN, kNaN}, {kNaN, kNaN}, {kNaN, kNaN}, 0};
  const double n = static_cast<double>(index.effects);
  index.mu = sum / n;
  index.mu_star = sum_abs / n;
  double squares = 0;
  for (const std::size_t t : which)
    if (std::isfinite(effects[t][i])) squares += (effects[t][i] - index.mu) * (effects[t][i] - index.mu);
  index.sigma = index.effects > 1 ? std::sqrt(squares / (n - 1)) : kNaN;
  return index;
}

}  // namespace

std::vector<MorrisIndex> morris_indices(const UnitDesign& design, const std::vector<double>& outputs,
                                        const MorrisOptions& options) {
  const auto effects = elementary_effects(design, outputs);
  const std::size_t d = design.front().size();
  std::vector<std::size_t> all(effects.size());
  for (std::size_t t = 0; t < all.size(); ++t) all[t] = t;
  std::vector<MorrisIndex> indices(d);
  for (std::size_t i = 0; i < d; ++i) indices[i] = summarise(effects, i, all);
  // Statistics 3i, 3i + 1, 3i + 2: mu, mu*, sigma of parameter i.
  const auto intervals = bootstrap_intervals(options.seed, effects.size(), options.resamples, options.confidence, 3 * d,
                                             [&](const std::vector<std::size_t>& sample) {
                                               std::vector<double> values(3 * d);
                                               for (std::size_t i = 0; i < d; ++i) {
                                                 const MorrisIndex resampled = summarise(effects, i, sample);
                                                 values[3 * i] = resampled.mu;
                                                 values[3 * i + 1] = resampled.mu_star;
                                                 values[3 * i + 2] = resampled.sigma;
                                               }
                                               return values;
                                             });
  for (std::size_t i = 0; i < d; ++i) {
    indices[i].mu_ci = intervals[3 * i];
    indices[i].mu_star_ci = intervals[3 * i + 1];
    indices[i].sigma_ci = intervals[3 * i + 2];
  }
  return indices;
}

}  // namespace leverage::analysis
