#include "engine/ensemble/ensemble_stats.hpp"

#include <algorithm>
#include <cmath>

namespace leverage {

using ojson = nlohmann::ordered_json;

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

ojson number_or_null(double value) { return std::isfinite(value) ? ojson(value) : ojson(nullptr); }

ojson frequency(std::uint64_t k, std::uint64_t n) {
  const Interval ci = wilson_interval(k, n);
  return {{"count", k}, {"of", n}, {"share", n ? ojson(static_cast<double>(k) / static_cast<double>(n)) : ojson(nullptr)},
          {"wilson95", {number_or_null(ci.low), number_or_null(ci.high)}}};
}

std::size_t column_index(const OutcomeSchema& schema, const std::string& name) {
  for (std::size_t c = 0; c < schema.size(); ++c)
    if (schema.columns()[c].name == name) return c;
  return schema.size();
}

// The numeric (non-categorical) columns: their names and positions in a row.
std::pair<std::vector<std::string>, std::vector<std::size_t>> numeric_columns(const OutcomeSchema& schema) {
  std::pair<std::vector<std::string>, std::vector<std::size_t>> out;
  for (std::size_t c = 0; c < schema.size(); ++c) {
    if (schema.columns()[c].categorical) continue;
    out.first.push_back(schema.columns()[c].name);
    out.second.push_back(c);
  }
  return out;
}

ColumnSummaries numeric_summaries(const OutcomeSchema& schema, const std::filesystem::path* spill_directory,
                                  StateReader* checkpoint) {
  auto [names, positions] = numeric_columns(schema);
  if (spill_directory)
    return ColumnSummaries(std::move(names), std::move(positions), *spill_directory, "outcome", checkpoint);
  return ColumnSummaries(std::move(names), std::move(positions));
}

}  // namespace

EnsembleStatistics::EnsembleStatistics(const OutcomeSchema& schema, ColumnSummaries outcomes, StateReader* checkpoint)
    : outcomes_(std::move(outcomes)),
      code_column_(column_index(schema, "u1_outcome")),
      executed_column_(column_index(schema, "u1_executed_week")),
      code_counts_(kOutcomeCodeCount, 0) {
  if (!checkpoint) return;
  replicates_ = checkpoint->u64();
  imposed_ = checkpoint->u64();
  for (std::uint64_t& count : code_counts_) count = checkpoint->u64();
}

EnsembleStatistics::EnsembleStatistics(const OutcomeSchema& schema)
    : EnsembleStatistics(schema, numeric_summaries(schema, nullptr, nullptr), nullptr) {}

EnsembleStatistics::EnsembleStatistics(const OutcomeSchema& schema, const std::filesystem::path& spill_directory,
                                       StateReader* checkpoint)
    : EnsembleStatistics(schema, numeric_summaries(schema, &spill_directory, checkpoint), checkpoint) {}

void EnsembleStatistics::add_row(const double* row) {
  outcomes_.add_row(row);
  code_counts_[static_cast<std::size_t>(row[code_column_])] += 1;
  imposed_ += !std::isnan(row[executed_column_]);
  ++replicates_;
}

ojson EnsembleStatistics::json() {
  ojson stats;
  stats["replicates"] = replicates_;
  stats["interval_method"] = "mean +- 1.959964 sd / sqrt(n); quantiles exact, type 7 (R's default)";
  stats["outcomes"] = outcomes_.describe();

  // Outcome frequencies of the first ultimatum, with Wilson intervals.
  ojson frequencies;
  for (int code = 0; code < kOutcomeCodeCount; ++code)
    frequencies[outcome_code_name(static_cast<OutcomeCode>(code))] = frequency(code_counts_[code], replicates_);
  stats["u1_outcome_frequencies"] = frequencies;

  // The selection effect (Drezner 2003): success among the threatened against success among the
  // cases where the threat was imposed.
  const auto count = [&](OutcomeCode code) { return code_counts_[static_cast<std::size_t>(code)]; };
  const std::uint64_t threatened = replicates_ - count(OutcomeCode::none);
  ojson selection;
  selection["threatened"] = threatened;
  selection["imposed"] = imposed_;
  selection["success_at_threat_stage"] = frequency(count(OutcomeCode::complied_threat), threatened);
  selection["partial_at_threat_stage"] = frequency(count(OutcomeCode::partly_complied), threatened);
  selection["success_after_imposition"] = frequency(count(OutcomeCode::complied_after_imposition), imposed_);
  selection["success_overall"] =
      frequency(count(OutcomeCode::complied_threat) + count(OutcomeCode::complied_after_imposition), threatened);
  stats["selection_effect"] = selection;

  // The benchmark beside the simulation (docs/GAMES.md): the solved crisis game's prediction at issue,
  // averaged over the replicates that issued an ultimatum, beside what the agents did: compliance at
  // the threat stage among the threatened, and execution among the ultimatums not met by the deadline
  // on which the sender decided (each counted once, by its final outcome: executed and defied,
  // complied after imposition, backed down (before or after executing), or partly complied).
  const auto mean_of = [&](const char* column) {
    const ojson& described = stats["outcomes"];
    const bool known = described.contains(column) && described[column].contains("mean");
    return known ? described[column]["mean"] : ojson(nullptr);
  };
  ojson benchmark;
  benchmark["predicted_p_comply_mean"] = mean_of("u1_predicted_p_comply");
  benchmark["observed_comply"] = frequency(count(OutcomeCode::complied_threat), threatened);
  benchmark["predicted_p_execute_mean"] = mean_of("u1_predicted_p_execute");
  const std::uint64_t decided = count(OutcomeCode::executed_defied) + count(OutcomeCode::complied_after_imposition) +
                                count(OutcomeCode::backed_down) + count(OutcomeCode::partly_complied);
  benchmark["observed_execute_after_defiance"] = frequency(imposed_, decided);
  stats["benchmark"] = benchmark;
  return stats;
}

void EnsembleStatistics::save(StateWriter& out) {
  outcomes_.save(out);
  out.u64(replicates_);
  out.u64(imposed_);
  for (const std::uint64_t count : code_counts_) out.u64(count);
}

}  // namespace leverage
