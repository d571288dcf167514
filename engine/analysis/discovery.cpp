#include "engine/analysis/discovery.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "engine/analysis/condition.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/config/suggest.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/util/csv_table.hpp"
#include "engine/version.hpp"

namespace leverage::analysis {

using config::ConfigError;

namespace {

CsvTable read_points(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file))
    throw ConfigError(file.string(), "/", "a sweep's points.csv (run leverage sweep first)", "no such file");
  try {
    return CsvTable::read(file);
  } catch (const DataFileError& error) {
    throw ConfigError(file.string(), "/", "a CSV file", error.what());
  }
}

// The swept parameters, from the manifest, that are numeric columns of points.csv.
std::vector<std::string> swept_parameters(const std::filesystem::path& manifest_file, const CsvTable& table) {
  const nlohmann::json manifest = config::parse_json_file(manifest_file);
  const config::Node root(manifest, manifest_file.string());
  config::ObjectReader reader(root);
  const config::Node parameters = reader.required("parameters");
  parameters.require_array();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    config::ObjectReader parameter(parameters.element(i));
    const std::string name = parameter.string("name");
    const auto column = table.column(name);
    if (!column)
      throw ConfigError(manifest_file.string(), parameters.element(i).pointer(), "a parameter column of points.csv",
                        "\"" + name + "\", not a column");
    if (table.is_numeric(*column)) names.push_back(name);  // a list of strings cannot be peeled
  }
  if (names.empty())
    throw ConfigError(manifest_file.string(), "/parameters", "at least one numeric swept parameter", "none");
  return names;
}

std::size_t condition_column(const CsvTable& table, Comparison& comparison) {
  if (const auto column = table.column(comparison.column)) return *column;
  if (const auto column = table.column(comparison.column + "_mean")) {
    comparison.column += "_mean";  // an outcome's name stands for its mean over replicates
    return *column;
  }
  const auto near = config::closest_match(comparison.column, table.header());
  throw ConfigError("--where", "/", "a column of points.csv",
                    "\"" + comparison.column + "\"" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
}

}  // namespace

Discovery run_discovery(const std::filesystem::path& sweep_directory, const DiscoveryOptions& options,
                        const std::filesystem::path& out) {
  const CsvTable table = read_points(sweep_directory / "points.csv");
  Discovery result;
  result.parameters = swept_parameters(sweep_directory / "manifest.json", table);
  std::vector<Comparison> comparisons = parse_condition(options.where);
  std::vector<std::size_t> condition_columns;
  for (auto& comparison : comparisons) condition_columns.push_back(condition_column(table, comparison));
  for (const auto& comparison : comparisons)
    result.condition += (result.condition.empty() ? "" : " and ") + describe(comparison);

  std::vector<std::vector<double>> x;
  std::vector<bool> interest;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    std::vector<double> point;
    for (const auto& name : result.parameters) point.push_back(table.number(r, *table.column(name)));
    bool meets = true;
    for (std::size_t c = 0; c < comparisons.size(); ++c)
      meets = meets && comparisons[c].holds(table.number(r, condition_columns[c]));
    // A point without a value of some parameter cannot be placed inside or outside a box.
    if (std::any_of(point.begin(), point.end(), [](double v) { return !std::isfinite(v); })) continue;
    x.push_back(std::move(point));
    interest.push_back(meets);
  }
  result.points = x.size();
  result.cases = static_cast<std::size_t>(std::count(interest.begin(), interest.end(), true));
  if (result.cases == 0 || result.cases == result.points)
    throw ConfigError("--where", "/", "a condition some points meet and some do not",
                      "\"" + result.condition + "\", met by " + std::to_string(result.cases) + " of " +
                          std::to_string(result.points) + " points");
  result.trajectory = prim_peel(x, interest, options.prim);
  if (options.box && *options.box >= result.trajectory.size())
    throw ConfigError("--box", "/",
                      "a step of the peeling trajectory, 0 to " + std::to_string(result.trajectory.size() - 1),
                      std::to_string(*options.box));
  result.chosen = options.box ? *options.box : choose_box(result.trajectory, options.density_threshold);
  result.restrictions = box_restrictions(x, interest, result.trajectory[result.chosen]);

  ensure_directory(out);
  std::string text;
  CsvRow row;
  row.add("step").add("points").add("cases").add("support").add("coverage").add("density").add("chosen");
  for (const auto& name : result.parameters) row.add(name + "_low").add(name + "_high");
  row.end_row(text);
  for (std::size_t step = 0; step < result.trajectory.size(); ++step) {
    const PrimBox& box = result.trajectory[step];
    row.add(step).add(box.points).add(box.cases).add(box.support).add(box.coverage).add(box.density);
    row.add(step == result.chosen ? "true" : "false");
    for (std::size_t k = 0; k < result.parameters.size(); ++k) row.add(box.low[k]).add(box.high[k]);
    row.end_row(text);
  }
  result.files.push_back(out / "prim_trajectory.csv");
  write_file_atomic(result.files.back(), text);

  text.clear();
  row.add("parameter").add("low").add("high").add("data_low").add("data_high").add("points_without");
  row.add("cases_without").add("p_value");
  row.end_row(text);
  for (const Restriction& restriction : result.restrictions) {
    row.add(result.parameters[restriction.parameter]).add(restriction.low).add(restriction.high);
    row.add(restriction.data_low).add(restriction.data_high).add(restriction.points_without);
    row.add(restriction.cases_without).add(restriction.p_value);
    row.end_row(text);
  }
  result.files.push_back(out / "prim_box.csv");
  write_file_atomic(result.files.back(), text);

  nlohmann::ordered_json record;
  record["tool"] = "leverage discover";
  record["version"] = kVersion;
  record["condition"] = result.condition;
  const nlohmann::json manifest = config::parse_json_file(sweep_directory / "manifest.json");
  record["experiment_hash"] = manifest.value("experiment_hash", "");
  record["points"] = result.points;
  record["cases"] = result.cases;
  record["alpha"] = options.prim.alpha;
  record["min_support"] = options.prim.min_support;
  record["density_threshold"] = options.density_threshold;
  record["chosen_step"] = result.chosen;
  record["chosen_by"] = options.box ? "--box"
                                    : "the first box whose density reaches density_threshold, "
                                      "otherwise the densest";
  record["outputs"] = {"prim_trajectory.csv", "prim_box.csv", "prim.json"};
  result.files.push_back(out / "prim.json");
  write_file_atomic(result.files.back(), record.dump(2) + "\n");
  return result;
}

}  // namespace leverage::analysis
