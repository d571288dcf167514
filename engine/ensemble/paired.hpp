#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/column_stats.hpp"
#include "engine/ensemble/ensemble.hpp"

// Paired comparisons with common random numbers: a second scenario run on the same replicate keys
// (so the same type, shock and decision streams), and per-replicate differences of every numeric
// outcome the two share by name (other minus base). The differences' spread is what a paired test
// uses, and it is smaller than the spread of either ensemble when the streams are common.
namespace leverage {

// The numeric outcome columns two schemas share by name, in the base schema's order.
struct PairedColumns {
  PairedColumns(const OutcomeSchema& base, const OutcomeSchema& other);
  std::vector<std::string> names;
  std::vector<std::pair<std::size_t, std::size_t>> positions;  // (in a base row, in an other row)
  // out[k] = other[positions[k].second] - base[positions[k].first]
  void difference(const double* base, const double* other, double* out) const;
};

struct PairedDifferences {
  std::vector<std::string> names;  // shared numeric outcome columns
  std::uint64_t replicates = 0;
  std::vector<double> rows;        // replicate-major: rows[r * names.size() + k]
};

PairedDifferences paired_differences(const EnsembleResult& base, const EnsembleResult& other);

// paired.csv: the header, and the rows of `count` replicates from `first` (rows: count x names.size()).
std::string paired_csv_header(const std::vector<std::string>& names);
void append_paired_rows(std::string& out, std::size_t width, std::uint64_t first, std::uint64_t count,
                        const double* rows);

// paired_stats.json, from the differences' summaries.
nlohmann::ordered_json paired_stats(const std::string& base_file, const std::string& other_file,
                                    const std::string& other_hash, std::uint64_t replicates, ColumnSummaries& differences);

// paired.csv (replicate, then `d_<name>` per shared outcome) and paired_stats.json.
std::vector<std::filesystem::path> write_paired_outputs(const std::filesystem::path& directory,
                                                        const PairedDifferences& paired, const std::string& base_file,
                                                        const std::string& other_file, const std::string& other_hash);

}  // namespace leverage
