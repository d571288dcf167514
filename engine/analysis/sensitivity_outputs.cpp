#include "engine/analysis/sensitivity_outputs.hpp"

#include <algorithm>
#include <cmath>

#include "engine/analysis/morris.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/config/suggest.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/util/csv_table.hpp"
#include "engine/version.hpp"

namespace leverage::analysis {

using config::ConfigError;

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// An outcome as `--outcome` gives it: a column, or a sum of columns with an optional label.
struct OutcomeRequest {
  std::string label;               // "" when the request names none
  std::vector<std::string> terms;  // the columns summed, at least one
};

bool valid_label(const std::string& label) {
  if (label.empty()) return false;
  for (const char c : label)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

OutcomeRequest split_request(const std::string& request, const std::string& file, const std::string& pointer) {
  OutcomeRequest parsed;
  std::string sum = request;
  if (const std::size_t equals = request.find('='); equals != std::string::npos) {
    parsed.label = request.substr(0, equals);
    sum = request.substr(equals + 1);
  }
  for (std::size_t start = 0;;) {
    const std::size_t plus = sum.find('+', start);
    parsed.terms.push_back(sum.substr(start, plus == std::string::npos ? std::string::npos : plus - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  const bool empty_term = std::find(parsed.terms.begin(), parsed.terms.end(), "") != parsed.terms.end();
  if (empty_term || (request.find('=') != std::string::npos && !valid_label(parsed.label)))
    throw ConfigError(file, pointer,
                      "an outcome NAME, or a sum NAME+NAME... with an optional LABEL= (letters, digits, _)",
                      "\"" + request + "\"");
  return parsed;
}

// The column of a term: the name itself, or NAME_mean in a sweep's points.csv.
std::size_t outcome_column(const std::vector<std::string>& header, const std::string& name, bool sweep,
                           const std::string& file, const std::string& pointer, const std::string& label) {
  auto found = std::find(header.begin(), header.end(), name);
  if (found == header.end() && sweep) found = std::find(header.begin(), header.end(), name + "_mean");
  if (found != header.end()) return static_cast<std::size_t>(found - header.begin());
  // In a sweep an outcome is named without its _mean, as the suggestion is.
  std::vector<std::string> candidates = header;
  if (sweep)
    for (const auto& column : header)
      if (ends_with(column, "_mean")) candidates.push_back(column.substr(0, column.size() - 5));
  const auto near = config::closest_match(name, candidates);
  throw ConfigError(file, pointer, "a column of " + label,
                    "\"" + name + "\"" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
}

}  // namespace

SensitivityData read_results(const SensitivityPlan& plan, const std::filesystem::path& file,
                             const std::vector<std::string>& outcomes) {
  const std::string label = file.string();
  CsvTable table;
  try {
    table = CsvTable::read(file);
  } catch (const DataFileError& error) {
    throw ConfigError(label, "/", "a CSV file of results", error.what());
  }
  // numpy.savetxt writes no header: a first row of numbers is data.
  bool headerless = true;
  for (const auto& field : table.header()) headerless = headerless && !std::isnan(parse_number(field));
  if (headerless) {
    std::string text;
    CsvRow row;
    for (std::size_t c = 0; c < table.header().size(); ++c) {
      std::string name = "y";
      if (table.header().size() > 1) name.append(std::to_string(c + 1));
      row.add(name);
    }
    row.end_row(text);
    text += read_file(file);
    table = CsvTable::parse(text, label);
  }
  const bool sweep = table.column("point").has_value();
  if (table.rows() != plan.points.size())
    throw ConfigError(label, "/",
                      std::to_string(plan.points.size()) + " rows, one per point of the " +
                          method_name(plan.settings.method) + " design of " + plan.experiment_file.string(),
                      std::to_string(table.rows()) + " rows");
  SensitivityData data;
  const std::size_t d = plan.parameters.size();
  std::vector<std::size_t> parameter_columns;
  if (sweep)
    for (const auto& parameter : plan.parameters) {
      const auto column = table.column(parameter.name);
      if (!column)
        throw ConfigError(label, "/", "a column \"" + parameter.name + "\" (a parameter of the experiment)", "none");
      parameter_columns.push_back(*column);
    }
  for (std::size_t r = 0; r < table.rows(); ++r) {
    std::vector<double> values(d);
    for (std::size_t k = 0; k < d; ++k) {
      const double planned = plan.points[r][k].get<double>();
      values[k] = sweep ? table.number(r, parameter_columns[k]) : planned;
      // The sweep must have run this design: same values, to rounding of their text.
      if (!(std::fabs(values[k] - planned) <= 1e-9 * std::max(1.0, std::fabs(planned))))
        throw ConfigError(label, "line " + std::to_string(r + 2) + ", column " + plan.parameters[k].name,
                          "the design's value " + format_double(planned) + " (a sweep of this experiment's design)",
                          table.cell(r, parameter_columns[k]));
    }
    data.design.push_back(unit_coordinates(plan, values));
  }
  // Each outcome: its name and the columns it sums (one for a plain column).
  std::vector<std::pair<std::string, std::vector<std::size_t>>> columns;
  if (!outcomes.empty()) {
    for (const auto& request : outcomes) {
      const OutcomeRequest parsed = split_request(request, "--outcome", "/");
      std::vector<std::size_t> terms;
      for (const auto& term : parsed.terms)
        terms.push_back(outcome_column(table.header(), term, sweep, "--outcome", "/", label));
      const std::string name = !parsed.label.empty() ? parsed.label
                               : terms.size() == 1   ? table.header()[terms.front()]
                                                     : request;
      columns.emplace_back(name, std::move(terms));
    }
  } else {
    for (std::size_t c = 0; c < table.header().size(); ++c) {
      const std::string& name = table.header()[c];
      const bool is_parameter =
          std::find(parameter_columns.begin(), parameter_columns.end(), c) != parameter_columns.end();
      if (sweep ? ends_with(name, "_mean") : !is_parameter) columns.push_back({name, {c}});
    }
  }
  for (const auto& [name, terms] : columns) {
    OutcomeSeries series{name, {}};
    for (std::size_t r = 0; r < table.rows(); ++r) {
      double sum = 0;  // NaN when a term is missing: the sum has no value either
      for (const std::size_t c : terms) sum += table.number(r, c);
      series.values.push_back(sum);
    }
    data.outcomes.push_back(std::move(series));
  }
  return data;
}

void check_outcome(const SensitivityPlan& plan, const std::string& request, const std::string& file,
                   const std::string& pointer) {
  for (const auto& term : split_request(request, file, pointer).terms)
    outcome_column(plan.result_columns, term, true, file, pointer, "points.csv (the columns of the design's sweep)");
}

namespace {

void write_morris(const SensitivityPlan& plan, const SensitivityData& data, const std::filesystem::path& directory,
                  std::vector<std::filesystem::path>& files) {
  std::string text;
  CsvRow row;
  row.add("outcome").add("parameter").add("mu").add("mu_star").add("sigma").add("mu_ci_low").add("mu_ci_high");
  row.add("mu_star_ci_low").add("mu_star_ci_high").add("sigma_ci_low").add("sigma_ci_high").add("effects");
  row.end_row(text);
  const MorrisOptions options{plan.settings.resamples, plan.settings.confidence, plan.settings.bootstrap_seed};
  for (const auto& outcome : data.outcomes) {
    const auto indices = morris_indices(data.design, outcome.values, options);
    for (std::size_t k = 0; k < indices.size(); ++k) {
      const MorrisIndex& index = indices[k];
      row.add(outcome.name).add(plan.parameters[k].name).add(index.mu).add(index.mu_star).add(index.sigma);
      row.add(index.mu_ci.low).add(index.mu_ci.high).add(index.mu_star_ci.low).add(index.mu_star_ci.high);
      row.add(index.sigma_ci.low).add(index.sigma_ci.high).add(index.effects);
      row.end_row(text);
    }
  }
  files.push_back(directory / "morris_indices.csv");
  write_file_atomic(files.back(), text);
}

void add_sobol_row(CsvRow& row, const SobolIndices& indices, std::size_t k) {
  row.add(indices.first[k]).add(indices.first_ci[k].low).add(indices.first_ci[k].high);
  row.add(indices.total[k]).add(indices.total_ci[k].low).add(indices.total_ci[k].high);
}

void write_sobol(const SensitivityPlan& plan, const SensitivityData& data, const std::filesystem::path& directory,
                 std::vector<std::filesystem::path>& files) {
  const std::size_t d = plan.parameters.size();
  SobolOptions options;
  options.estimator = plan.settings.estimator;
  options.second_order = plan.settings.second_order;
  options.resamples = plan.settings.resamples;
  options.confidence = plan.settings.confidence;
  options.seed = plan.settings.bootstrap_seed;
  std::string indices_text, convergence_text, second_text;
  CsvRow row;
  const auto header = [&](std::string& text, bool convergence) {
    row.add("outcome");
    if (convergence) row.add("base_samples").add("runs");
    row.add("parameter").add("S1").add("S1_ci_low").add("S1_ci_high").add("ST").add("ST_ci_low").add("ST_ci_high");
    if (!convergence) row.add("base_samples");
    row.end_row(text);
  };
  header(indices_text, false);
  header(convergence_text, true);
  row.add("outcome").add("parameter_1").add("parameter_2").add("S2").add("S2_ci_low").add("S2_ci_high");
  row.end_row(second_text);
  const std::size_t block = saltelli_block(d, options.second_order);
  for (const auto& outcome : data.outcomes) {
    const SobolIndices all = sobol_indices(outcome.values, d, options);
    for (std::size_t k = 0; k < d; ++k) {
      row.add(outcome.name).add(plan.parameters[k].name);
      add_sobol_row(row, all, k);
      row.add(all.base_rows);
      row.end_row(indices_text);
    }
    for (std::size_t i = 0; options.second_order && i < d; ++i)
      for (std::size_t k = i + 1; k < d; ++k) {
        row.add(outcome.name).add(plan.parameters[i].name).add(plan.parameters[k].name);
        row.add(all.second[i][k]).add(all.second_ci[i][k].low).add(all.second_ci[i][k].high);
        row.end_row(second_text);
      }
    for (const std::size_t n : convergence_steps(outcome.values.size() / block)) {
      const SobolIndices part = sobol_indices(outcome.values, d, options, n);
      for (std::size_t k = 0; k < d; ++k) {
        row.add(outcome.name).add(part.base_rows).add(n * block).add(plan.parameters[k].name);
        add_sobol_row(row, part, k);
        row.end_row(convergence_text);
      }
    }
  }
  files.push_back(directory / "sobol_indices.csv");
  write_file_atomic(files.back(), indices_text);
  files.push_back(directory / "sobol_convergence.csv");
  write_file_atomic(files.back(), convergence_text);
  if (options.second_order) {
    files.push_back(directory / "sobol_second_order.csv");
    write_file_atomic(files.back(), second_text);
  }
}

}  // namespace

std::vector<std::filesystem::path> write_indices(const SensitivityPlan& plan, const SensitivityData& data,
                                                 const std::filesystem::path& directory) {
  ensure_directory(directory);
  std::vector<std::filesystem::path> files;
  nlohmann::ordered_json record;
  record["tool"] = "leverage sensitivity";
  record["version"] = kVersion;
  record["method"] = method_name(plan.settings.method);
  record["experiment_file"] = plan.experiment_file.filename().string();
  record["experiment_hash"] = plan.experiment_hash;
  nlohmann::ordered_json settings;
  if (plan.settings.method == SensitivityMethod::morris) {
    settings["levels"] = plan.settings.levels;
    settings["delta"] = morris_delta(plan.settings.levels);
    settings["trajectories"] = plan.settings.trajectories;
    settings["design_seed"] = plan.settings.design_seed;
    write_morris(plan, data, directory, files);
  } else {
    settings["base_samples"] = plan.settings.base_samples;
    settings["second_order"] = plan.settings.second_order;
    settings["estimator"] = sobol_estimator_name(plan.settings.estimator);
    write_sobol(plan, data, directory, files);
  }
  settings["runs"] = plan.points.size();
  settings["bootstrap_resamples"] = plan.settings.resamples;
  settings["confidence"] = plan.settings.confidence;
  settings["bootstrap_seed"] = plan.settings.bootstrap_seed;
  record["settings"] = settings;
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  for (const auto& parameter : plan.parameters) names.push_back(parameter.name);
  record["parameters"] = names;
  names = nlohmann::ordered_json::array();
  for (const auto& outcome : data.outcomes) names.push_back(outcome.name);
  record["outcomes"] = names;
  names = nlohmann::ordered_json::array();
  for (const auto& file : files) names.push_back(file.filename().string());
  names.push_back("sensitivity.json");
  record["outputs"] = names;
  files.push_back(directory / "sensitivity.json");
  write_file_atomic(files.back(), record.dump(2) + "\n");
  return files;
}

}  // namespace leverage::analysis
