#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "engine/analysis/sensitivity_plan.hpp"

// The results a sensitivity analysis is computed from, and the files it writes (docs/SENSITIVITY.md).
namespace leverage::analysis {

struct OutcomeSeries {
  std::string name;
  std::vector<double> values;  // one per design row, NaN when missing
};

struct SensitivityData {
  UnitDesign design;  // the unit coordinates actually run, one row per point
  std::vector<OutcomeSeries> outcomes;
};

// Reads results in the design's row order (SALib's): either a sweep's points.csv (a "point" column and
// one per parameter, whose values must be the plan's; outcomes are its columns, `NAME` also finding
// `NAME_mean`; by default every `_mean` column), or a table of outputs alone, one row per design row
// (a header of outcome names, or none: numpy.savetxt's one number per line, named "y"; by default every
// column). An outcome may be a sum of columns, `A+B`, named `LABEL=A+B` (the probability that the
// first ultimatum succeeded, say: its two shares of compliance); a missing term leaves the sum
// missing. Throws config::ConfigError naming the file, or "--outcome" with a did-you-mean.
SensitivityData read_results(const SensitivityPlan& plan, const std::filesystem::path& file,
                             const std::vector<std::string>& outcomes);

// Checks an outcome, as read_results would take it, against the columns the plan's sweep will
// write, before it runs: throws config::ConfigError(file, pointer, ...) with a did-you-mean.
void check_outcome(const SensitivityPlan& plan, const std::string& request, const std::string& file,
                   const std::string& pointer);

// Writes the indices of every outcome into `directory` and returns the files written:
//   morris: morris_indices.csv
//   sobol:  sobol_indices.csv, sobol_convergence.csv, and with second order sobol_second_order.csv
// and sensitivity.json (the method, its settings, the experiment's hash, the outcomes, the files).
std::vector<std::filesystem::path> write_indices(const SensitivityPlan& plan, const SensitivityData& data,
                                                 const std::filesystem::path& directory);

}  // namespace leverage::analysis
