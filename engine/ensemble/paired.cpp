#include "engine/ensemble/paired.hpp"

#include <algorithm>
#include <numeric>

#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"

namespace leverage {

PairedColumns::PairedColumns(const OutcomeSchema& base, const OutcomeSchema& other) {
  const auto& a = base.columns();
  const auto& b = other.columns();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].categorical) continue;
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!b[j].categorical && b[j].name == a[i].name) {
        positions.emplace_back(i, j);
        names.push_back(a[i].name);
      }
  }
}

void PairedColumns::difference(const double* base, const double* other, double* out) const {
  for (std::size_t k = 0; k < positions.size(); ++k) out[k] = other[positions[k].second] - base[positions[k].first];
}

PairedDifferences paired_differences(const EnsembleResult& base, const EnsembleResult& other) {
  const PairedColumns columns(base.schema, other.schema);
  PairedDifferences paired;
  paired.names = columns.names;
  paired.replicates = std::min(base.replicates, other.replicates);
  paired.rows.resize(paired.replicates * columns.names.size());
  for (std::uint64_t r = 0; r < paired.replicates; ++r)
    columns.difference(base.row(r), other.row(r), paired.rows.data() + r * columns.names.size());
  return paired;
}

std::string paired_csv_header(const std::vector<std::string>& names) {
  std::string text;
  CsvRow row;
  row.add("replicate");
  for (const auto& name : names) row.add("d_" + name);
  row.end_row(text);
  return text;
}

void append_paired_rows(std::string& out, std::size_t width, std::uint64_t first, std::uint64_t count,
                        const double* rows) {
  thread_local CsvRow row;
  for (std::uint64_t r = first; r < first + count; ++r) {
    row.add(static_cast<unsigned long long>(r));
    for (std::size_t k = 0; k < width; ++k) row.add(rows[(r - first) * width + k]);
    row.end_row(out);
  }
}

nlohmann::ordered_json paired_stats(const std::string& base_file, const std::string& other_file,
                                    const std::string& other_hash, std::uint64_t replicates, ColumnSummaries& differences) {
  nlohmann::ordered_json stats;
  stats["base"] = base_file;
  stats["other"] = other_file;
  stats["other_config_hash"] = other_hash;
  stats["difference"] = "other minus base, per replicate on common random numbers";
  stats["replicates"] = replicates;
  stats["outcomes"] = differences.describe();
  return stats;
}

std::vector<std::filesystem::path> write_paired_outputs(const std::filesystem::path& directory,
                                                        const PairedDifferences& paired, const std::string& base_file,
                                                        const std::string& other_file, const std::string& other_hash) {
  const std::size_t width = paired.names.size();
  std::string csv = paired_csv_header(paired.names);
  append_paired_rows(csv, width, 0, paired.replicates, paired.rows.data());
  std::vector<std::size_t> positions(width);
  std::iota(positions.begin(), positions.end(), std::size_t{0});
  ColumnSummaries differences(paired.names, positions);
  for (std::uint64_t r = 0; r < paired.replicates; ++r) differences.add_row(paired.rows.data() + r * width);
  write_file_atomic(directory / "paired.csv", csv);
  write_file_atomic(directory / "paired_stats.json", paired_stats(base_file, other_file, other_hash, paired.replicates, differences).dump(2) + "\n");
  return {directory / "paired.csv", directory / "paired_stats.json"};
}

}  // namespace leverage
