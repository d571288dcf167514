#pragma once
// An ensemble folder as `leverage ensemble` writes it (docs/OUTPUTS.md): bands.csv (per-week
// quantiles of key variables), outcomes.csv (a row per replicate), manifest.json, and replays/ with
// the replay files of the kept members (--keep). No drawing here.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "viewer/data/csv_table.hpp"

namespace leverage::viewer {

// One variable's quantiles per week (index = week, 0 the initial state).
struct Band {
  std::string variable;
  std::vector<double> q05, q25, q50, q75, q95;
};

struct KeptReplicate {
  std::uint64_t replicate = 0;
  std::filesystem::path file;
  std::optional<std::size_t> outcome_row;  // its row in outcomes.csv
};

struct EnsembleData {
  std::filesystem::path directory;
  nlohmann::json manifest;
  std::string scenario_name;
  std::uint64_t replicates = 0;
  int weeks = 0;
  std::vector<Band> bands;  // in bands.csv order; empty when the ensemble ran without bands
  CsvTable outcomes;
  std::vector<std::size_t> numeric_outcomes;  // outcome columns that are numbers (not point, replicate, master_seed)
  std::vector<KeptReplicate> kept;            // sorted by replicate

  const Band* band(const std::string& variable) const;
  // The column's values in row order (NaN where missing).
  std::vector<double> outcome_values(std::size_t column) const;
};

// Reads the folder; throws LoadError naming the file at fault.
EnsembleData load_ensemble(const std::filesystem::path& directory);

// Whether a folder looks like an ensemble (it has manifest.json and outcomes.csv).
bool is_ensemble_folder(const std::filesystem::path& directory);

struct Histogram {
  double low = 0, high = 0;           // range of the finite values
  std::vector<std::uint64_t> counts;  // equal-width bins over [low, high]; the last bin includes high
  std::uint64_t missing = 0;          // NaN values
  std::uint64_t max_count() const;
};
// Bins finite values into `bins` equal bins; a constant column puts everything in one bin.
Histogram make_histogram(const std::vector<double>& values, std::size_t bins);

// The kept members ordered by an outcome column (ascending or descending; missing values last),
// ties by replicate index. Returns indices into `kept`.
std::vector<std::size_t> sort_kept(const EnsembleData& ensemble, std::size_t outcome_column, bool descending);

}  // namespace leverage::viewer
