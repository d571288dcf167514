#include "engine/analysis/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/rng/rng.hpp"

namespace leverage::analysis {

namespace {
constexpr std::uint64_t kBootstrapPurpose = 0x424f4f5453545250ULL;  // "BOOTSTRP"
}

std::vector<std::size_t> bootstrap_sample(std::uint64_t seed, std::size_t r, std::size_t units) {
  rng::Rng stream(rng::hash_combine(rng::hash_combine(seed, kBootstrapPurpose), r));
  std::vector<std::size_t> sample(units);
  for (auto& index : sample)
    index = std::min(units - 1, static_cast<std::size_t>(rng::uniform01(stream) * static_cast<double>(units)));
  return sample;
}

Interval percentile_interval(std::vector<double>& values, double confidence) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (values.empty()) return {nan, nan};
  std::sort(values.begin(), values.end());
  // Type 7 (Hyndman and Fan 1996): h = (n - 1) p, linear between the neighbouring order statistics.
  const auto quantile = [&](double p) {
    const double h = static_cast<double>(values.size() - 1) * p;
    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(values.size() - 1, lo + 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
  };
  const double tail = (1.0 - confidence) / 2.0;
  return {quantile(tail), quantile(1.0 - tail)};
}

std::vector<Interval> bootstrap_intervals(
    std::uint64_t seed, std::size_t units, std::size_t resamples, double confidence, std::size_t statistic_count,
    const std::function<std::vector<double>(const std::vector<std::size_t>&)>& statistics) {
  std::vector<std::vector<double>> draws(statistic_count, std::vector<double>(resamples));
  for (std::size_t r = 0; r < resamples; ++r) {
    const std::vector<double> values = statistics(bootstrap_sample(seed, r, units));
    for (std::size_t k = 0; k < statistic_count; ++k) draws[k][r] = values[k];
  }
  std::vector<Interval> intervals(statistic_count);
  for (std::size_t k = 0; k < statistic_count; ++k) intervals[k] = percentile_interval(draws[k], confidence);
  return intervals;
}

}  // namespace leverage::analysis
