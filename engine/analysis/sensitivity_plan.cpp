#include "engine/analysis/sensitivity_plan.hpp"

#include <limits>

#include "engine/config/json_reader.hpp"
#include "engine/sweep/sweep.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/util/csv_table.hpp"
#include "engine/util/format.hpp"
#include "engine/util/hash.hpp"

namespace leverage::analysis {

using config::ConfigError;
using config::Node;
using config::ObjectReader;
using json = nlohmann::json;

const char* method_name(SensitivityMethod method) {
  return method == SensitivityMethod::morris ? "morris" : "sobol";
}

namespace {

constexpr std::int64_t kMaxSeed = std::numeric_limits<std::int64_t>::max();

// The "sensitivity" object: {"morris": {...}, "sobol": {...}, "bootstrap": {...}}, every key optional.
SensitivitySettings read_settings(const Node& root_node, SensitivityMethod method) {
  SensitivitySettings settings;
  settings.method = method;
  ObjectReader root(root_node);
  const auto section = root.optional("sensitivity");
  if (!section) return settings;
  ObjectReader reader(*section);
  if (const auto morris = reader.optional("morris")) {
    ObjectReader m(*morris);
    const Node levels_node = m.optional("levels").value_or(*morris);
    settings.levels = static_cast<std::size_t>(m.integer("levels", 2, 1000, 4));
    if (settings.levels % 2 != 0)
      levels_node.fail("an even number of levels (Morris's step p / (2 (p - 1)) needs one)",
                       std::to_string(settings.levels));
    settings.trajectories = static_cast<std::size_t>(m.integer("trajectories", 2, 1000000, 10));
    settings.design_seed = static_cast<std::uint64_t>(m.integer("seed", 0, kMaxSeed, 1));
    m.finish();
  }
  if (const auto sobol = reader.optional("sobol")) {
    ObjectReader s(*sobol);
    settings.base_samples = static_cast<std::size_t>(s.integer("base_samples", 2, 10000000, 64));
    settings.second_order = s.boolean("second_order", false);
    if (const auto estimator = s.optional("estimator"))
      settings.estimator =
          estimator->as_enum({"saltelli", "jansen"}) == "jansen" ? SobolEstimator::jansen : SobolEstimator::saltelli;
    s.finish();
  }
  if (const auto bootstrap = reader.optional("bootstrap")) {
    ObjectReader b(*bootstrap);
    settings.resamples = static_cast<std::size_t>(b.integer("resamples", 10, 1000000, 1000));
    settings.confidence = b.number("confidence", 0.5, 0.999, 0.95);
    settings.bootstrap_seed = static_cast<std::uint64_t>(b.integer("seed", 0, kMaxSeed, 1));
    b.finish();
  }
  reader.finish();
  return settings;
}

}  // namespace

SensitivityPlan plan_sensitivity(const std::filesystem::path& experiment_file, SensitivityMethod method,
                                 const SettingsOverrides& overrides) {
  return plan_sensitivity(experiment_file, read_experiment_file(experiment_file), method, overrides);
}

SensitivityPlan plan_sensitivity(const std::filesystem::path& experiment_file, const std::string& text,
                                 SensitivityMethod method, const SettingsOverrides& overrides) {
  SensitivityPlan plan;
  plan.experiment_file = experiment_file;
  plan.experiment_hash = sha256_hex(text);
  const std::string label = experiment_file.string();
  const json document = config::parse_json_text(text, label);
  const Node root(document, label);
  root.require_object();
  plan.settings = read_settings(root, method);
  if (overrides.second_order) plan.settings.second_order = *overrides.second_order;
  if (overrides.estimator) plan.settings.estimator = *overrides.estimator;
  if (document.contains("design"))
    throw ConfigError(label, "/design", "no \"design\" (leverage sensitivity places the points by its method)",
                      "a design");

  // The sweep loader checks the rest (scenario, parameters, replicates, ...) with its own messages, on
  // a one-point stand-in design; the real design then replaces it.
  json sweep = document;
  sweep.erase("sensitivity");
  sweep["name"] = document.value("name", experiment_file.stem().string()) + "-" + method_name(method);
  json probe = sweep;
  probe["design"] = {{"kind", "random"}, {"points", 1}};
  const Experiment checked = load_experiment(experiment_file, probe.dump());
  plan.name = checked.name;
  plan.parameters = checked.parameters;
  plan.scenario_file = checked.scenario_file;
  // The sweep's columns are known before it runs, so a misspelled outcome is refused before any work.
  plan.result_columns = CsvTable::parse(points_csv_header(checked, OutcomeSchema(*checked.base)), label).header();
  for (std::size_t i = 0; i < plan.parameters.size(); ++i)
    if (!plan.parameters[i].is_range)
      throw ConfigError(label, "/parameters/" + std::to_string(i),
                        "a range (\"min\" and \"max\"): sensitivity indices vary a parameter continuously",
                        "a list of values");

  const std::size_t d = plan.parameters.size();
  const UnitDesign unit =
      method == SensitivityMethod::morris
          ? morris_design(d, plan.settings.levels, plan.settings.trajectories, plan.settings.design_seed)
          : saltelli_design(d, plan.settings.base_samples, plan.settings.second_order);
  for (const auto& row : unit) {
    std::vector<json> point;
    for (std::size_t k = 0; k < d; ++k) point.push_back(value_at(plan.parameters[k], row[k]));
    plan.points.push_back(std::move(point));
  }
  // A Morris step must change the value actually run, or its elementary effect is 0 / 0: an integer
  // parameter over a range narrower than about 1 / delta rounds both ends of a step alike. Said now,
  // before any run, naming the parameter.
  for (std::size_t row = 1; method == SensitivityMethod::morris && row < unit.size(); ++row)
    for (std::size_t k = 0; row % (d + 1) != 0 && k < d; ++k)
      if (unit[row][k] != unit[row - 1][k] && plan.points[row][k] == plan.points[row - 1][k])
        throw ConfigError(
            label, "/parameters/" + std::to_string(k),
            "a range over which a Morris step (delta = " + format_double(morris_delta(plan.settings.levels)) +
                " of the range) changes the rounded integer value",
            "[" + format_double(plan.parameters[k].min) + ", " + format_double(plan.parameters[k].max) + "], where " +
                plan.points[row - 1][k].dump() + " steps to " + plan.points[row][k].dump());
  sweep["design"] = {{"kind", "file"}, {"path", "design.csv"}};
  plan.sweep_document = std::move(sweep);
  return plan;
}

std::string design_csv(const SensitivityPlan& plan) {
  std::string text;
  CsvRow row;
  for (const auto& parameter : plan.parameters) row.add(parameter.name);
  row.end_row(text);
  for (const auto& point : plan.points) {
    for (const json& value : point) {
      if (value.is_number_integer())
        row.add(value.get<long long>());
      else
        row.add(value.get<double>());
    }
    row.end_row(text);
  }
  return text;
}

std::filesystem::path write_sweep_files(const SensitivityPlan& plan, const std::filesystem::path& directory) {
  ensure_directory(directory);
  write_file_atomic(directory / "design.csv", design_csv(plan));
  json sweep = plan.sweep_document;
  sweep["scenario"] =
      std::filesystem::relative(std::filesystem::absolute(plan.scenario_file), std::filesystem::absolute(directory))
          .generic_string();
  const auto path = directory / "experiment.json";
  write_file_atomic(path, sweep.dump(2) + "\n");
  return path;
}

std::vector<double> unit_coordinates(const SensitivityPlan& plan, const std::vector<double>& values) {
  std::vector<double> unit(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double range = plan.parameters[k].max - plan.parameters[k].min;
    unit[k] = range > 0 ? (values[k] - plan.parameters[k].min) / range : 0.0;
  }
  return unit;
}

}  // namespace leverage::analysis
