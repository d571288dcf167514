#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/ensemble.hpp"

// Paired comparisons with common random numbers: a second scenario run on the same replicate keys
// (so the same type, shock and decision streams), and per-replicate differences of every numeric
// outcome the two share by name (other minus base). The differences' spread is what a paired test
// uses, and it is smaller than the spread of either ensemble when the streams are common.
namespace leverage {

struct PairedDifferences {
  std::vector<std::string> names;  // shared numeric outcome columns
  std::uint64_t replicates = 0;
  std::vector<double> rows;        // replicate-major: rows[r * names.size() + k]
};

PairedDifferences paired_differences(const EnsembleResult& base, const EnsembleResult& other);

// paired.csv (replicate, then `d_<name>` per shared outcome) and paired_stats.json.
std::vector<std::filesystem::path> write_paired_outputs(const std::filesystem::path& directory,
                                                        const PairedDifferences& paired, const std::string& base_file,
                                                        const std::string& other_file, const std::string& other_hash);

}  // namespace leverage
