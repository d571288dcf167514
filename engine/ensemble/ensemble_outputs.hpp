#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/ensemble.hpp"

// The files `leverage ensemble` writes (docs/OUTPUTS.md): outcomes.csv (a row per replicate),
// stats.json (means, standard deviations, 95% intervals, exact quantiles, outcome frequencies with
// Wilson intervals, the selection effect) and manifest.json. Everything but manifest.json's `run`
// object is a function of the scenario, the seed and the replicate count alone.
namespace leverage {

// Quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan's
// type 7, the default of R's quantile() and numpy.quantile).
double quantile_type7(const std::vector<double>& sorted, double p);

// Wilson score interval for k successes in n trials at 95% (z = 1.959963984540054).
struct Interval {
  double low, high;
};
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials);

nlohmann::ordered_json ensemble_stats(const EnsembleResult& result);

// n, missing, mean, sd, 95% interval, min, max and type-7 quantiles of values given in replicate
// order (NaN values are "none" and counted as missing).
nlohmann::ordered_json describe_values(std::vector<double> in_order);

struct RunInfo {
  double wall_seconds = 0;
  int threads = 1;
  int ranks = 1;
  std::string host;
};

nlohmann::ordered_json ensemble_manifest(const Scenario& scenario, const EnsembleOptions& options, int weeks,
                                         const RunInfo& run, const Bands* bands = nullptr);

// Writes outcomes.csv, stats.json, bands.csv (when computed) and manifest.json into `directory`,
// each atomically.
std::vector<std::filesystem::path> write_ensemble_outputs(const std::filesystem::path& directory,
                                                          const Scenario& scenario, const EnsembleOptions& options,
                                                          int weeks, const EnsembleResult& result, const RunInfo& run);

}  // namespace leverage
