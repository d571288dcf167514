#include "engine/ensemble/paired.hpp"

#include <algorithm>

#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"

namespace leverage {

PairedDifferences paired_differences(const EnsembleResult& base, const EnsembleResult& other) {
  PairedDifferences paired;
  paired.replicates = std::min(base.replicates, other.replicates);
  std::vector<std::pair<std::size_t, std::size_t>> columns;
  const auto& a = base.schema.columns();
  const auto& b = other.schema.columns();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].categorical) continue;
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!b[j].categorical && b[j].name == a[i].name) {
        columns.emplace_back(i, j);
        paired.names.push_back(a[i].name);
      }
  }
  paired.rows.resize(paired.replicates * columns.size());
  for (std::uint64_t r = 0; r < paired.replicates; ++r)
    for (std::size_t k = 0; k < columns.size(); ++k)
      paired.rows[r * columns.size() + k] = other.row(r)[columns[k].second] - base.row(r)[columns[k].first];
  return paired;
}

std::vector<std::filesystem::path> write_paired_outputs(const std::filesystem::path& directory,
                                                        const PairedDifferences& paired, const std::string& base_file,
                                                        const std::string& other_file, const std::string& other_hash) {
  const std::size_t width = paired.names.size();
  std::string csv;
  CsvRow row;
  row.add("replicate");
  for (const auto& name : paired.names) row.add("d_" + name);
  row.end_row(csv);
  for (std::uint64_t r = 0; r < paired.replicates; ++r) {
    row.add(static_cast<unsigned long long>(r));
    for (std::size_t k = 0; k < width; ++k) row.add(paired.rows[r * width + k]);
    row.end_row(csv);
  }
  nlohmann::ordered_json stats;
  stats["base"] = base_file;
  stats["other"] = other_file;
  stats["other_config_hash"] = other_hash;
  stats["difference"] = "other minus base, per replicate on common random numbers";
  stats["replicates"] = paired.replicates;
  nlohmann::ordered_json outcomes;
  for (std::size_t k = 0; k < width; ++k) {
    std::vector<double> values(paired.replicates);
    for (std::uint64_t r = 0; r < paired.replicates; ++r) values[r] = paired.rows[r * width + k];
    outcomes[paired.names[k]] = describe_values(std::move(values));
  }
  stats["outcomes"] = outcomes;
  write_file_atomic(directory / "paired.csv", csv);
  write_file_atomic(directory / "paired_stats.json", stats.dump(2) + "\n");
  return {directory / "paired.csv", directory / "paired_stats.json"};
}

}  // namespace leverage
