#pragma once
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/analysis/sensitivity_plan.hpp"

// The part of `leverage sensitivity` after planning, shared with the sensitivity steps of
// `leverage experiment` (cli/cmd_experiment.cpp), so both run a design the same way and write the
// same files (docs/SENSITIVITY.md).
namespace leverage::cli {

struct SensitivityRun {
  std::vector<std::string> outcomes;   // as --outcome (none: every _mean column)
  std::filesystem::path from_results;  // results computed elsewhere ("": run the design's sweep)
  int threads = 0;                     // 0: OpenMP's default
  bool resume = false;
  bool quiet = false;
};

// Writes the design and its sweep experiment into `directory` and runs that sweep there as
// `leverage sweep` does (progress bar, SIGINT between blocks, --resume), unless the results come
// from elsewhere; then computes the indices and writes them into `directory`. Returns the exit code:
// 0, or 130 when SIGINT stopped the sweep after its finished blocks. Throws config::ConfigError on
// an outcome that is no column of the results (before the sweep runs) or results the design's
// estimators cannot use.
int run_sensitivity(const analysis::SensitivityPlan& plan, const std::filesystem::path& directory,
                    const SensitivityRun& run, std::ostream& out);

}  // namespace leverage::cli
