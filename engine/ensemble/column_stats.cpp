#include "engine/ensemble/column_stats.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace leverage {

using ojson = nlohmann::ordered_json;

double quantile_type7(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const std::size_t low = static_cast<std::size_t>(std::floor(h));
  if (low + 1 >= sorted.size()) return sorted.back();
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[low + 1] - sorted[low]);
}

void RunningMoments::add(double x) {
  if (std::isnan(x)) {
    ++missing;
    return;
  }
  ++n;
  const double delta = x - mean;
  mean += delta / static_cast<double>(n);
  m2 += delta * (x - mean);
}

ojson describe_column(const RunningMoments& moments, std::vector<double> present) {
  const std::uint64_t n = moments.n;
  ojson out;
  out["n"] = n;
  out["missing"] = moments.missing;
  if (n == 0) return out;
  const double sd = n > 1 ? std::sqrt(moments.m2 / static_cast<double>(n - 1)) : 0.0;
  const double half = 1.959963984540054 * sd / std::sqrt(static_cast<double>(n));
  std::sort(present.begin(), present.end());
  out["mean"] = moments.mean;
  out["sd"] = sd;
  out["ci95"] = {moments.mean - half, moments.mean + half};
  out["min"] = present.front();
  out["max"] = present.back();
  ojson quantiles;
  for (const auto& [label, p] : {std::pair{"q05", 0.05}, {"q25", 0.25}, {"q50", 0.5}, {"q75", 0.75}, {"q95", 0.95}})
    quantiles[label] = quantile_type7(present, p);
  out["quantiles"] = quantiles;
  return out;
}

ojson describe_values(const std::vector<double>& in_order) {
  ColumnSummaries column({"values"}, {0});
  for (const double& x : in_order) column.add_row(&x);
  return column.describe()["values"];
}

ColumnSummaries::ColumnSummaries(std::vector<std::string> names, std::vector<std::size_t> positions)
    : names_(std::move(names)), positions_(std::move(positions)), moments_(names_.size()), in_memory_(names_.size()) {}

ColumnSummaries::ColumnSummaries(std::vector<std::string> names, std::vector<std::size_t> positions,
                                 const std::filesystem::path& spill_directory, const std::string& spill_prefix,
                                 StateReader* checkpoint)
    : names_(std::move(names)), positions_(std::move(positions)), moments_(names_.size()) {
  if (checkpoint) {
    checkpoint->expect(checkpoint->u64(), names_.size(), "columns");
    for (RunningMoments& m : moments_) {
      m.n = checkpoint->u64();
      m.missing = checkpoint->u64();
      m.mean = checkpoint->f64();
      m.m2 = checkpoint->f64();
    }
  }
  for (std::size_t c = 0; c < names_.size(); ++c) {
    const auto path = spill_directory / (spill_prefix + "-" + std::to_string(c) + ".bin");
    spill_.push_back(std::make_unique<AppendFile>(path, moments_[c].n * sizeof(double)));
  }
}

void ColumnSummaries::add_row(const double* row) {
  for (std::size_t c = 0; c < names_.size(); ++c) {
    const double x = row[positions_[c]];
    moments_[c].add(x);
    if (std::isnan(x)) continue;
    if (spill_.empty())
      in_memory_[c].push_back(x);
    else
      spill_[c]->write(std::string_view(reinterpret_cast<const char*>(&x), sizeof x));
  }
}

std::vector<double> ColumnSummaries::values(std::size_t column) {
  if (spill_.empty()) return in_memory_[column];
  AppendFile& file = *spill_[column];
  file.sync();
  std::vector<double> out(static_cast<std::size_t>(moments_[column].n));
  std::ifstream in(file.path(), std::ios::binary);
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size() * sizeof(double)));
  if (!in || static_cast<std::uint64_t>(in.gcount()) != out.size() * sizeof(double))
    throw IoError("cannot read back the spilled column", file.path(), errno != 0 ? errno : EIO);
  return out;
}

ojson ColumnSummaries::describe() {
  ojson out = ojson::object();
  for (std::size_t c = 0; c < names_.size(); ++c) out[names_[c]] = describe_column(moments_[c], values(c));
  return out;
}

void ColumnSummaries::save(StateWriter& out) {
  out.u64(names_.size());
  for (std::size_t c = 0; c < names_.size(); ++c) {
    if (!spill_.empty()) spill_[c]->sync();
    out.u64(moments_[c].n);
    out.u64(moments_[c].missing);
    out.f64(moments_[c].mean);
    out.f64(moments_[c].m2);
  }
}

}  // namespace leverage
