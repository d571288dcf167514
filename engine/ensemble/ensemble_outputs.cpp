#include "engine/ensemble/ensemble_outputs.hpp"

#include <algorithm>
#include <cmath>

#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/version.hpp"

namespace leverage {

double quantile_type7(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const std::size_t low = static_cast<std::size_t>(std::floor(h));
  if (low + 1 >= sorted.size()) return sorted.back();
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[low + 1] - sorted[low]);
}

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials) {
  if (trials == 0) return {std::nan(""), std::nan("")};
  constexpr double z = 1.959963984540054;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double denominator = 1.0 + z * z / n;
  const double center = (p + z * z / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n));
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

namespace {

using json = nlohmann::ordered_json;

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json describe_column(const EnsembleResult& result, std::size_t column) {
  std::vector<double> values(result.replicates);
  for (std::uint64_t r = 0; r < result.replicates; ++r) values[r] = result.row(r)[column];
  return describe_values(std::move(values));
}

}  // namespace

json describe_values(std::vector<double> in_order) {
  // Welford's running mean and variance, in replicate order (deterministic); NaN is "none".
  std::vector<double> values;
  values.reserve(in_order.size());
  double mean = 0, m2 = 0;
  for (const double x : in_order) {
    if (std::isnan(x)) continue;
    values.push_back(x);
    const double delta = x - mean;
    mean += delta / static_cast<double>(values.size());
    m2 += delta * (x - mean);
  }
  const std::size_t n = values.size();
  json out;
  out["n"] = n;
  out["missing"] = in_order.size() - n;
  if (n == 0) return out;
  const double sd = n > 1 ? std::sqrt(m2 / static_cast<double>(n - 1)) : 0.0;
  const double half = 1.959963984540054 * sd / std::sqrt(static_cast<double>(n));
  std::sort(values.begin(), values.end());
  out["mean"] = mean;
  out["sd"] = sd;
  out["ci95"] = {mean - half, mean + half};
  out["min"] = values.front();
  out["max"] = values.back();
  json quantiles;
  for (const auto& [label, p] : {std::pair{"q05", 0.05}, {"q25", 0.25}, {"q50", 0.5}, {"q75", 0.75}, {"q95", 0.95}})
    quantiles[label] = quantile_type7(values, p);
  out["quantiles"] = quantiles;
  return out;
}

namespace {

json frequency(std::uint64_t k, std::uint64_t n) {
  const Interval ci = wilson_interval(k, n);
  return {{"count", k}, {"of", n}, {"share", n ? json(static_cast<double>(k) / static_cast<double>(n)) : json(nullptr)},
          {"wilson95", {number_or_null(ci.low), number_or_null(ci.high)}}};
}

std::size_t column_index(const OutcomeSchema& schema, const std::string& name) {
  for (std::size_t c = 0; c < schema.size(); ++c)
    if (schema.columns()[c].name == name) return c;
  return schema.size();
}

}  // namespace

json ensemble_stats(const EnsembleResult& result) {
  const OutcomeSchema& schema = result.schema;
  json stats;
  stats["replicates"] = result.replicates;
  stats["interval_method"] = "mean +- 1.959964 sd / sqrt(n); quantiles exact, type 7 (R's default)";
  json outcomes;
  for (std::size_t c = 0; c < schema.size(); ++c)
    if (!schema.columns()[c].categorical) outcomes[schema.columns()[c].name] = describe_column(result, c);
  stats["outcomes"] = outcomes;

  // Outcome frequencies of the first ultimatum, with Wilson intervals.
  const std::size_t code_column = column_index(schema, "u1_outcome");
  const std::size_t executed_column = column_index(schema, "u1_executed_week");
  std::vector<std::uint64_t> counts(kOutcomeCodeCount, 0);
  std::uint64_t imposed = 0;
  for (std::uint64_t r = 0; r < result.replicates; ++r) {
    counts[static_cast<std::size_t>(result.row(r)[code_column])] += 1;
    imposed += !std::isnan(result.row(r)[executed_column]);
  }
  json frequencies;
  for (int code = 0; code < kOutcomeCodeCount; ++code)
    frequencies[outcome_code_name(static_cast<OutcomeCode>(code))] = frequency(counts[code], result.replicates);
  stats["u1_outcome_frequencies"] = frequencies;

  // The selection effect (Drezner 2003): success among the threatened against success among the
  // cases where the threat was imposed.
  const auto count = [&](OutcomeCode code) { return counts[static_cast<std::size_t>(code)]; };
  const std::uint64_t threatened = result.replicates - count(OutcomeCode::none);
  json selection;
  selection["threatened"] = threatened;
  selection["imposed"] = imposed;
  selection["success_at_threat_stage"] = frequency(count(OutcomeCode::complied_threat), threatened);
  selection["partial_at_threat_stage"] = frequency(count(OutcomeCode::partly_complied), threatened);
  selection["success_after_imposition"] = frequency(count(OutcomeCode::complied_after_imposition), imposed);
  selection["success_overall"] =
      frequency(count(OutcomeCode::complied_threat) + count(OutcomeCode::complied_after_imposition), threatened);
  stats["selection_effect"] = selection;
  return stats;
}

json ensemble_manifest(const Scenario& scenario, const EnsembleOptions& options, int weeks, const RunInfo& run,
                       const Bands* bands) {
  json manifest;
  manifest["tool"] = "leverage ensemble";
  manifest["version"] = kVersion;
  manifest["git_commit"] = kGitCommit;
  manifest["scenario"] = scenario.name;
  manifest["scenario_file"] = scenario.source_file;
  manifest["config_hash"] = scenario.config_hash;
  manifest["master_seed"] = options.master_seed;
  manifest["point"] = options.point;
  manifest["replicates"] = options.replicates;
  manifest["weeks"] = weeks;
  manifest["chunk"] = options.chunk;
  manifest["outputs"] = {"outcomes.csv", "stats.json", "manifest.json"};
  if (bands) {
    manifest["outputs"] = {"outcomes.csv", "stats.json", "bands.csv", "manifest.json"};
    manifest["bands"] = {
        {"method", "merge-and-prune quantile sketch (Munro-Paterson, Manku-Rajagopalan-Lindsay), fed in replicate "
                   "order; quantiles are inverse empirical CDF (type 1) values"},
        {"sketch_capacity", bands->sketch_capacity()},
        {"max_rank_error", bands->max_rank_error()},
        {"max_rank_error_note", "largest guaranteed |rank(answer) - p n| / n over every week and variable"}};
  }
  // The one part not covered by "same seed, same bytes".
  manifest["run"] = {{"wall_seconds", run.wall_seconds},
                     {"threads", run.threads},
                     {"ranks", run.ranks},
                     {"host", run.host},
                     {"replicates_per_second",
                      run.wall_seconds > 0 ? json(static_cast<double>(options.replicates) / run.wall_seconds) : json(nullptr)}};
  return manifest;
}

std::vector<std::filesystem::path> write_ensemble_outputs(const std::filesystem::path& directory,
                                                          const Scenario& scenario, const EnsembleOptions& options,
                                                          int weeks, const EnsembleResult& result, const RunInfo& run) {
  ensure_directory(directory);
  const std::filesystem::path outcomes = directory / "outcomes.csv";
  const std::filesystem::path stats = directory / "stats.json";
  const std::filesystem::path manifest = directory / "manifest.json";
  {
    AtomicWriter writer(outcomes);
    std::string buffer;
    CsvRow row;
    row.add("point").add("replicate").add("master_seed");
    for (const auto& column : result.schema.columns()) row.add(column.name);
    row.end_row(buffer);
    for (std::uint64_t r = 0; r < result.replicates; ++r) {
      row.add(static_cast<unsigned long long>(options.point)).add(static_cast<unsigned long long>(r));
      row.add(static_cast<unsigned long long>(options.master_seed));
      const double* values = result.row(r);
      for (std::size_t c = 0; c < result.schema.size(); ++c) {
        if (result.schema.columns()[c].categorical)
          row.add(outcome_code_name(static_cast<OutcomeCode>(static_cast<int>(values[c]))));
        else
          row.add(values[c]);  // NaN ("none") is an empty field
      }
      row.end_row(buffer);
      if (buffer.size() > (1u << 20)) {
        writer.write(buffer);
        buffer.clear();
      }
    }
    writer.write(buffer);
    writer.commit();
  }
  write_file_atomic(stats, ensemble_stats(result).dump(2) + "\n");
  std::vector<std::filesystem::path> files{outcomes, stats};
  if (result.bands) {
    write_file_atomic(directory / "bands.csv", result.bands->csv());
    files.push_back(directory / "bands.csv");
  }
  write_file_atomic(manifest, ensemble_manifest(scenario, options, weeks, run, result.bands.get()).dump(2) + "\n");
  files.push_back(manifest);
  return files;
}

}  // namespace leverage
