#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/analysis/design.hpp"
#include "engine/analysis/sobol_indices.hpp"
#include "engine/sweep/experiment.hpp"

// `leverage sensitivity` (docs/SENSITIVITY.md) on the sweep engine: a sensitivity experiment is a
// sweep experiment without a "design" (the method places the points) and with an optional
// "sensitivity" object of settings. Planning reads it, builds the method's unit design (Morris
// trajectories or Saltelli's cross-sampling), maps it onto the parameters' ranges, and derives an
// ordinary sweep experiment over those points (design kind "file", DIR/design.csv), which
// `leverage sweep`, its shards and `leverage-mpi sweep` run like any other.
namespace leverage::analysis {

enum class SensitivityMethod { morris, sobol };
const char* method_name(SensitivityMethod method);

struct SensitivitySettings {
  SensitivityMethod method = SensitivityMethod::morris;
  // Morris: levels (even), trajectories, the design seed.
  std::size_t levels = 4, trajectories = 10;
  std::uint64_t design_seed = 1;
  // Sobol: base samples N, second order, the first-order estimator.
  std::size_t base_samples = 64;
  bool second_order = false;
  SobolEstimator estimator = SobolEstimator::saltelli;
  // Bootstrap of the confidence intervals.
  std::size_t resamples = 1000;
  double confidence = 0.95;
  std::uint64_t bootstrap_seed = 1;
};

// Command-line choices that override the file's settings.
struct SettingsOverrides {
  std::optional<bool> second_order;
  std::optional<SobolEstimator> estimator;
};

struct SensitivityPlan {
  std::filesystem::path experiment_file;
  std::string experiment_hash;  // SHA-256 of the sensitivity experiment file
  std::string name;
  SensitivitySettings settings;
  std::vector<SweepParameter> parameters;           // all ranges
  std::vector<std::vector<nlohmann::json>> points;  // the design in parameter values (integers rounded)
  nlohmann::json sweep_document;  // the derived sweep experiment, "scenario" still relative to the file
  std::filesystem::path scenario_file;
  std::vector<std::string> result_columns;  // the header of the sweep's points.csv: what an outcome can name
};

// Reads and checks the experiment file (config::ConfigError, exit code 2, on a mistake) and builds
// the design.
SensitivityPlan plan_sensitivity(const std::filesystem::path& experiment_file, SensitivityMethod method,
                                 const SettingsOverrides& overrides = {});
// The same from the file's text, read (and perhaps patched) elsewhere: an experiment plan's step
// (engine/plan/experiment_plan.hpp). `experiment_file` still names the file in errors and resolves
// the scenario reference; the hash is the text's.
SensitivityPlan plan_sensitivity(const std::filesystem::path& experiment_file, const std::string& text,
                                 SensitivityMethod method, const SettingsOverrides& overrides = {});

// The design as CSV: a header of the parameter names, one row per point (SALib reads it with
// numpy.loadtxt(..., delimiter=",", skiprows=1)).
std::string design_csv(const SensitivityPlan& plan);
// Writes DIR/design.csv and the derived sweep experiment DIR/experiment.json (its scenario path made
// relative to DIR) and returns the latter.
std::filesystem::path write_sweep_files(const SensitivityPlan& plan, const std::filesystem::path& directory);

// The unit coordinates of a point given in parameter values: (value - min) / (max - min), 0 when
// min == max.
std::vector<double> unit_coordinates(const SensitivityPlan& plan, const std::vector<double>& values);

}  // namespace leverage::analysis
