#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/util/atomic_file.hpp"
#include "engine/util/binary_state.hpp"

// Summary statistics of numeric columns fed a row at a time in replicate order (stats.json,
// paired_stats.json, a sweep's points.csv): Welford's mean and variance as the rows come, and exact
// quantiles from the column's values, kept in memory or spilled to a binary file per column and
// loaded one column at a time at the end, so that a million-replicate ensemble holds one column (8 MB),
// never the table. NaN means "none" and is counted as missing.
namespace leverage {

// Quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan's
// type 7, the default of R's quantile() and numpy.quantile).
double quantile_type7(const std::vector<double>& sorted, double p);

// Welford's running mean and sum of squared deviations (Welford 1962; Knuth, TAOCP vol. 2, 4.2.2).
struct RunningMoments {
  std::uint64_t n = 0, missing = 0;
  double mean = 0, m2 = 0;
  void add(double x);
};

// n, missing, mean, sd, 95% interval, min, max and type-7 quantiles, from the moments of a column and
// its non-missing values in the order they were added (sorted here).
nlohmann::ordered_json describe_column(const RunningMoments& moments, std::vector<double> present);

// The same for values given in replicate order (NaN values are "none" and counted as missing).
nlohmann::ordered_json describe_values(const std::vector<double>& in_order);

class ColumnSummaries {
 public:
  // Columns `names`, read from positions `positions` of each row; values kept in memory.
  ColumnSummaries(std::vector<std::string> names, std::vector<std::size_t> positions);
  // The same with values spilled to `spill_directory`/`spill_prefix`-K.bin: created empty, or, when
  // `checkpoint` is given, continued from the state save() wrote there (the spill files cut back to the
  // values that state counts; bytes a killed run wrote after its checkpoint are dropped).
  ColumnSummaries(std::vector<std::string> names, std::vector<std::size_t> positions,
                  const std::filesystem::path& spill_directory, const std::string& spill_prefix,
                  StateReader* checkpoint = nullptr);

  void add_row(const double* row);
  const std::vector<std::string>& names() const { return names_; }
  const RunningMoments& moments(std::size_t column) const { return moments_[column]; }
  // {name: describe_column(...)} for every column, loading one column's values at a time.
  nlohmann::ordered_json describe();

  // A checkpoint: syncs the spill files and writes the moments.
  void save(StateWriter& out);

 private:
  std::vector<double> values(std::size_t column);
  std::vector<std::string> names_;
  std::vector<std::size_t> positions_;
  std::vector<RunningMoments> moments_;
  std::vector<std::vector<double>> in_memory_;     // when not spilling
  std::vector<std::unique_ptr<AppendFile>> spill_;  // when spilling
};

}  // namespace leverage
