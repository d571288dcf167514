#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

// Nonparametric bootstrap (B. Efron, "Bootstrap methods: another look at the jackknife", Ann. Statist.
// 7(1), 1979) for the sensitivity indices: resample the independent units (Morris trajectories, Saltelli
// base rows) with replacement, recompute the statistics, and take percentile intervals. Deterministic:
// resample r is drawn from a stream of (seed, r) alone, whatever else runs.
namespace leverage::analysis {

struct Interval {
  double low = 0, high = 0;
};

// The resampled unit indices of resample `r` of `units` units: `units` uniform draws in [0, units).
std::vector<std::size_t> bootstrap_sample(std::uint64_t seed, std::size_t r, std::size_t units);

// Percentile interval at `confidence` (e.g. 0.95: the 2.5% and 97.5% quantiles, type 7) of the finite
// values of `values` (sorted in place); NaN bounds when none is finite.
Interval percentile_interval(std::vector<double>& values, double confidence);

// Runs `statistics(indices)` (which returns K numbers) on `resamples` bootstrap resamples and returns the
// K percentile intervals.
std::vector<Interval> bootstrap_intervals(
    std::uint64_t seed, std::size_t units, std::size_t resamples, double confidence, std::size_t statistic_count,
    const std::function<std::vector<double>(const std::vector<std::size_t>&)>& statistics);

}  // namespace leverage::analysis
