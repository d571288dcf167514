#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/column_stats.hpp"
#include "engine/ensemble/outcomes.hpp"

// stats.json of an ensemble (README.md, "Ensembles"): per outcome the mean, standard deviation, 95% interval
// of the mean and exact quantiles; the first ultimatum's outcome frequencies with Wilson intervals; the
// selection effect. Accumulated a row at a time in replicate order, so the same code serves an
// ensemble held in memory (a sweep's point) and one streamed to disk (`leverage ensemble`).
namespace leverage {

// Wilson score interval for k successes in n trials at 95% (z = 1.959963984540054).
struct Interval {
  double low, high;
};
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials);

class EnsembleStatistics {
 public:
  // Values for the quantiles kept in memory.
  explicit EnsembleStatistics(const OutcomeSchema& schema);
  // Values spilled to `spill_directory` (one binary file per outcome column); with `checkpoint`,
  // continued from the state save() wrote (see ColumnSummaries).
  EnsembleStatistics(const OutcomeSchema& schema, const std::filesystem::path& spill_directory,
                     StateReader* checkpoint = nullptr);

  // One replicate's row (schema.size() values), in replicate order.
  void add_row(const double* row);
  std::uint64_t replicates() const { return replicates_; }
  // The contents of stats.json.
  nlohmann::ordered_json json();

  void save(StateWriter& out);

 private:
  EnsembleStatistics(const OutcomeSchema& schema, ColumnSummaries outcomes, StateReader* checkpoint);
  ColumnSummaries outcomes_;
  std::size_t code_column_, executed_column_;
  std::uint64_t replicates_ = 0, imposed_ = 0;
  std::vector<std::uint64_t> code_counts_;
};

}  // namespace leverage
