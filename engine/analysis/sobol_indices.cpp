#include "engine/analysis/sobol_indices.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/analysis/design.hpp"

namespace leverage::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The outputs of one base row's block.
struct Block {
  double a = 0, b = 0;
  std::vector<double> ab, ba;
};

std::vector<Block> read_blocks(const std::vector<double>& outputs, std::size_t d, bool second_order,
                               std::size_t base_rows) {
  const std::size_t size = saltelli_block(d, second_order);
  if (outputs.empty() || outputs.size() % size != 0)
    throw std::invalid_argument("Sobol: " + std::to_string(outputs.size()) + " outputs is not a whole number of " +
                                "base rows of " + std::to_string(size) + " (" +
                                (second_order ? "2D + 2, second order" : "D + 2") + ")");
  const std::size_t available = outputs.size() / size;
  if (base_rows == 0 || base_rows > available) base_rows = available;
  std::vector<Block> blocks;
  for (std::size_t j = 0; j < base_rows; ++j) {
    const double* y = outputs.data() + j * size;
    bool finite = true;
    for (std::size_t k = 0; k < size; ++k) finite = finite && std::isfinite(y[k]);
    if (!finite) continue;
    Block block;
    block.a = y[0];
    block.ab.assign(y + 1, y + 1 + d);
    if (second_order) block.ba.assign(y + 1 + d, y + 1 + 2 * d);
    block.b = y[size - 1];
    blocks.push_back(std::move(block));
  }
  return blocks;
}

// Every index (first, total, then second order i < k, row-major) on the blocks `which`.
std::vector<double> estimate(const std::vector<Block>& blocks, const std::vector<std::size_t>& which, std::size_t d,
                             const SobolOptions& options) {
  const double n = static_cast<double>(which.size());
  // The variance of the 2N values f_A, f_B, around their mean (two passes, for accuracy).
  double mean = 0, shift = 0, count = 0;
  for (const std::size_t j : which) {
    const Block& block = blocks[j];
    mean += block.a + block.b;
    shift += block.a + block.b;
    for (const double y : block.ab) shift += y;
    for (const double y : block.ba) shift += y;
    count += static_cast<double>(2 + block.ab.size() + block.ba.size());
  }
  mean /= 2 * n;
  shift /= count;
  double variance = 0;
  for (const std::size_t j : which)
    variance += (blocks[j].a - mean) * (blocks[j].a - mean) + (blocks[j].b - mean) * (blocks[j].b - mean);
  variance /= 2 * n;
  const std::size_t pairs = options.second_order ? d * (d - 1) / 2 : 0;
  std::vector<double> values(2 * d + pairs, kNaN);
  if (which.empty() || !(variance > 0)) return values;
  // Every output is centred on `shift`, its mean over all rows used, as SALib does (it standardises Y
  // before estimating): the first- and second-order product estimators change by O(1/N) with the
  // centre, so this makes --from-results agree with SALib, and keeps the products small.
  for (std::size_t i = 0; i < d; ++i) {
    double first = 0, total = 0;
    for (const std::size_t j : which) {
      const Block& block = blocks[j];
      const double a = block.a - shift, b = block.b - shift, ab = block.ab[i] - shift;
      total += (a - ab) * (a - ab);
      first += options.estimator == SobolEstimator::saltelli ? b * (ab - a) : (b - ab) * (b - ab);
    }
    values[i] =
        options.estimator == SobolEstimator::saltelli ? first / n / variance : (variance - first / (2 * n)) / variance;
    values[d + i] = total / (2 * n) / variance;
  }
  std::size_t slot = 2 * d;
  for (std::size_t i = 0; options.second_order && i < d; ++i)
    for (std::size_t k = i + 1; k < d; ++k) {
      double sum = 0;
      for (const std::size_t j : which) {
        const Block& block = blocks[j];
        sum += (block.ba[i] - shift) * (block.ab[k] - shift) - (block.a - shift) * (block.b - shift);
      }
      values[slot++] = sum / n / variance - values[i] - values[k];
    }
  return values;
}

}  // namespace

const char* sobol_estimator_name(SobolEstimator estimator) {
  return estimator == SobolEstimator::saltelli ? "saltelli" : "jansen";
}

SobolIndices sobol_indices(const std::vector<double>& outputs, std::size_t dimensions, const SobolOptions& options,
                           std::size_t base_rows) {
  const auto blocks = read_blocks(outputs, dimensions, options.second_order, base_rows);
  std::vector<std::size_t> all(blocks.size());
  for (std::size_t j = 0; j < all.size(); ++j) all[j] = j;
  const std::vector<double> point = estimate(blocks, all, dimensions, options);
  const auto intervals = bootstrap_intervals(
      options.seed, blocks.size(), blocks.empty() ? 0 : options.resamples, options.confidence, point.size(),
      [&](const std::vector<std::size_t>& sample) { return estimate(blocks, sample, dimensions, options); });
  SobolIndices result;
  result.base_rows = blocks.size();
  const auto d = static_cast<std::ptrdiff_t>(dimensions);
  result.first.assign(point.begin(), point.begin() + d);
  result.total.assign(point.begin() + d, point.begin() + 2 * d);
  result.first_ci.assign(intervals.begin(), intervals.begin() + d);
  result.total_ci.assign(intervals.begin() + d, intervals.begin() + 2 * d);
  if (options.second_order) {
    result.second.assign(dimensions, std::vector<double>(dimensions, kNaN));
    result.second_ci.assign(dimensions, std::vector<Interval>(dimensions, Interval{kNaN, kNaN}));
    std::size_t slot = 2 * dimensions;
    for (std::size_t i = 0; i < dimensions; ++i)
      for (std::size_t k = i + 1; k < dimensions; ++k) {
        result.second[i][k] = point[slot];
        result.second_ci[i][k] = intervals[slot++];
      }
  }
  return result;
}

std::vector<std::size_t> convergence_steps(std::size_t base_rows) {
  std::vector<std::size_t> steps;
  for (std::size_t n = 16; n < base_rows; n *= 2) steps.push_back(n);
  steps.push_back(base_rows);
  return steps;
}

}  // namespace leverage::analysis
