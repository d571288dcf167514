#include "engine/analysis/design.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "engine/rng/rng.hpp"
#include "engine/sweep/experiment.hpp"

namespace leverage::analysis {

namespace {
constexpr std::uint64_t kMorrisPurpose = 0x4d4f525249534453ULL;  // "MORRISDS"

// A uniform index in [0, k), from one draw (floor of a uniform on [0, 1) scaled by k).
std::size_t uniform_index(rng::Rng& stream, std::size_t k) {
  return std::min(k - 1, static_cast<std::size_t>(rng::uniform01(stream) * static_cast<double>(k)));
}
}  // namespace

double morris_delta(std::size_t levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

UnitDesign morris_design(std::size_t dimensions, std::size_t levels, std::size_t trajectories, std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("morris_design: levels must be even and >= 2");
  rng::Rng stream(rng::hash_combine(seed, kMorrisPurpose));
  const double delta = morris_delta(levels);
  const double grid_step = 1.0 / static_cast<double>(levels - 1);
  // x* takes the grid values k / (p - 1) with k / (p - 1) <= 1 - delta, i.e. k <= p/2 - 1.
  const std::size_t start_levels = levels / 2;
  UnitDesign design;
  design.reserve(trajectories * (dimensions + 1));
  std::vector<std::size_t> order(dimensions);
  std::vector<double> row(dimensions), direction(dimensions);
  for (std::size_t t = 0; t < trajectories; ++t) {
    for (std::size_t i = 0; i < dimensions; ++i) {
      const double base = static_cast<double>(uniform_index(stream, start_levels)) * grid_step;
      direction[i] = uniform_index(stream, 2) == 0 ? 1.0 : -1.0;
      row[i] = direction[i] > 0 ? base : base + delta;
    }
    // Fisher-Yates with our own bounded draw (std::shuffle's use of the engine is unspecified).
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = dimensions; i > 1; --i) std::swap(order[i - 1], order[uniform_index(stream, i)]);
    design.push_back(row);
    for (std::size_t k = 0; k < dimensions; ++k) {
      row[order[k]] += direction[order[k]] * delta;
      // base + delta is at most 1 in exact arithmetic; keep rounding from stepping past the cube.
      row[order[k]] = std::clamp(row[order[k]], 0.0, 1.0);
      design.push_back(row);
    }
  }
  return design;
}

std::size_t saltelli_block(std::size_t dimensions, bool second_order) {
  return second_order ? 2 * dimensions + 2 : dimensions + 2;
}

std::size_t saltelli_skip(std::size_t base_samples) {
  std::size_t skip = 16;
  while (skip < base_samples) skip *= 2;
  return skip;
}

UnitDesign saltelli_design(std::size_t dimensions, std::size_t base_samples, bool second_order) {
  // sobol_design starts at the sequence's point 1 (it skips the zero point), so its row r is point
  // r + 1: rows skip - 1 onwards are the points skip, skip + 1, ...
  const std::size_t skip = saltelli_skip(base_samples);
  const UnitDesign sequence = sobol_design(skip - 1 + base_samples, 2 * dimensions);
  const UnitDesign base(sequence.begin() + static_cast<std::ptrdiff_t>(skip - 1), sequence.end());
  UnitDesign design;
  design.reserve(base_samples * saltelli_block(dimensions, second_order));
  for (const auto& point : base) {
    const std::vector<double> a(point.begin(), point.begin() + static_cast<std::ptrdiff_t>(dimensions));
    const std::vector<double> b(point.begin() + static_cast<std::ptrdiff_t>(dimensions), point.end());
    design.push_back(a);
    for (std::size_t i = 0; i < dimensions; ++i) {
      design.push_back(a);
      design.back()[i] = b[i];
    }
    if (second_order)
      for (std::size_t i = 0; i < dimensions; ++i) {
        design.push_back(b);
        design.back()[i] = a[i];
      }
    design.push_back(b);
  }
  return design;
}

}  // namespace leverage::analysis
