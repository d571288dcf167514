#include "engine/sweep/experiment.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <set>
#include <sstream>

#include "engine/config/json_reader.hpp"
#include "engine/ensemble/outcomes.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/rng/rng.hpp"
#include "engine/util/format.hpp"
#include "engine/util/hash.hpp"

namespace leverage {

using config::ConfigError;
using config::Node;
using config::ObjectReader;
using json = nlohmann::json;

const char* design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::random:
      return "random";
    case DesignKind::latin_hypercube:
      return "latin_hypercube";
    case DesignKind::sobol:
      return "sobol";
    case DesignKind::file:
      return "file";
  }
  return "unknown";
}

// Design draws use their own stream, a pure function of the design seed (STYLE.md: no hidden RNG
// state); the purpose constant keeps them apart from any replicate stream.
namespace {
constexpr std::uint64_t kDesignPurpose = 0x5357454550444553ULL;  // "SWEEPDES"
rng::Rng design_stream(std::uint64_t seed) {
  return rng::Rng(rng::hash_combine(seed, kDesignPurpose));
}
}  // namespace

std::vector<std::vector<double>> random_design(std::size_t n, std::size_t d, std::uint64_t seed) {
  rng::Rng stream = design_stream(seed);
  std::vector<std::vector<double>> points(n, std::vector<double>(d));
  for (auto& point : points)
    for (double& u : point) u = rng::uniform01(stream);
  return points;
}

std::vector<std::vector<double>> latin_hypercube_design(std::size_t n, std::size_t d, std::uint64_t seed) {
  rng::Rng stream = design_stream(seed);
  std::vector<std::vector<double>> points(n, std::vector<double>(d));
  std::vector<std::size_t> stratum(n);
  for (std::size_t dim = 0; dim < d; ++dim) {
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    // Fisher-Yates with our own bounded draw (std::shuffle's use of the engine is unspecified).
    for (std::size_t i = n; i > 1; --i) {
      const std::size_t j = static_cast<std::size_t>(rng::uniform01(stream) * static_cast<double>(i));
      std::swap(stratum[i - 1], stratum[std::min(j, i - 1)]);
    }
    for (std::size_t i = 0; i < n; ++i)
      points[i][dim] = (static_cast<double>(stratum[i]) + rng::uniform01(stream)) / static_cast<double>(n);
  }
  return points;
}

std::vector<std::vector<double>> sobol_design(std::size_t n, std::size_t d) {
  boost::random::sobol generator(static_cast<unsigned>(d));
  // The engine returns integers in [min(), max()] (64-bit here); scale to [0, 1).
  const double scale = static_cast<double>(generator.max() - generator.min()) + 1.0;
  std::vector<std::vector<double>> points(n, std::vector<double>(d));
  for (auto& point : points)
    for (double& u : point) u = static_cast<double>(generator() - generator.min()) / scale;
  return points;
}

namespace {

json number_value(const SweepParameter& parameter, double value) {
  if (parameter.integer) return json(static_cast<std::int64_t>(std::llround(value)));
  return json(value);
}

}  // namespace

json value_at(const SweepParameter& parameter, double unit) {
  if (!parameter.is_range) {
    const std::size_t k = parameter.values.size();
    return parameter.values[std::min(k - 1, static_cast<std::size_t>(unit * static_cast<double>(k)))];
  }
  return number_value(parameter, parameter.min + unit * (parameter.max - parameter.min));
}

std::vector<std::vector<json>> grid_points(const std::vector<SweepParameter>& parameters, std::size_t levels) {
  std::vector<std::vector<json>> axes;
  for (const auto& parameter : parameters) {
    if (!parameter.is_range) {
      axes.push_back(parameter.values);
      continue;
    }
    std::vector<json> axis;
    for (std::size_t j = 0; j < levels; ++j) {
      const double value = j + 1 == levels ? parameter.max
                                           : parameter.min + (parameter.max - parameter.min) * static_cast<double>(j) /
                                                                 static_cast<double>(levels - 1);
      axis.push_back(number_value(parameter, value));
    }
    axes.push_back(std::move(axis));
  }
  std::size_t total = 1;
  for (const auto& axis : axes) total *= axis.size();
  std::vector<std::vector<json>> points(total, std::vector<json>(axes.size()));
  for (std::size_t i = 0; i < total; ++i) {
    std::size_t rest = i;  // mixed radix, the last parameter varying fastest
    for (std::size_t p = axes.size(); p-- > 0;) {
      points[i][p] = axes[p][rest % axes[p].size()];
      rest /= axes[p].size();
    }
  }
  return points;
}

std::vector<std::vector<json>> read_points_csv(const std::string& text, const std::string& label,
                                               const std::vector<SweepParameter>& parameters) {
  std::vector<std::vector<json>> points;
  std::istringstream lines(text);
  std::string line;
  int line_number = 0;
  bool first = true;
  while (std::getline(lines, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') continue;
    std::vector<std::string> fields;
    std::string field;
    for (char c : line + ",") {
      if (c == ',' || c == ' ' || c == '\t') {
        if (!field.empty() || c == ',') fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    const std::string where = "line " + std::to_string(line_number);
    std::vector<double> numbers(fields.size());
    bool numeric = true;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const auto [end, ec] = std::from_chars(fields[f].data(), fields[f].data() + fields[f].size(), numbers[f]);
      numeric = numeric && ec == std::errc() && end == fields[f].data() + fields[f].size() && std::isfinite(numbers[f]);
    }
    if (fields.size() != parameters.size())
      throw ConfigError(label, where, std::to_string(parameters.size()) + " fields, one per parameter",
                        std::to_string(fields.size()) + " fields");
    if (first && !numeric) {  // a header: it must name the parameters in order
      for (std::size_t f = 0; f < fields.size(); ++f)
        if (fields[f] != parameters[f].name)
          throw ConfigError(label, where,
                            "a header naming the parameters in order (\"" + parameters[f].name + "\" in column " +
                                std::to_string(f + 1) + ")",
                            "\"" + fields[f] + "\"");
      first = false;
      continue;
    }
    first = false;
    if (!numeric) throw ConfigError(label, where, "numbers", "\"" + line + "\"");
    std::vector<json> point;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (parameters[f].integer && numbers[f] != std::floor(numbers[f]))
        throw ConfigError(label, where, "an integer for " + parameters[f].name + " (the scenario holds an integer)",
                          "\"" + fields[f] + "\"");
      point.push_back(parameters[f].integer ? json(static_cast<std::int64_t>(numbers[f])) : json(numbers[f]));
    }
    points.push_back(std::move(point));
  }
  if (points.empty()) throw ConfigError(label, "/", "at least one point", "no data rows");
  return points;
}

namespace {

std::string read_text(const std::filesystem::path& path, const Node& where, const std::string& expected) {
  std::ifstream file(path, std::ios::binary);
  if (!file) where.fail(expected, where.describe() + " (cannot read " + path.string() + ")");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

SweepParameter read_parameter(const Node& node, const Experiment& experiment) {
  ObjectReader reader(node);
  SweepParameter parameter;
  const Node pointer_node = reader.required("pointer");
  parameter.pointer = pointer_node.as_string();
  // apply_override walks the pointer and says which step is missing, with a did-you-mean.
  try {
    json probe = experiment.base_document;
    config::apply_override(probe, experiment.scenario_file.string(), parameter.pointer + "=null");
  } catch (const ConfigError& e) {
    // Only a missing value matters here; the probe's null may well be the wrong type.
    if (e.expected.rfind("a JSON pointer", 0) == 0)
      pointer_node.fail("a JSON pointer to an existing value of " + experiment.scenario_file.string(), e.found);
  }
  const json& target = experiment.base_document.at(json::json_pointer(parameter.pointer));
  const std::string default_name = parameter.pointer.substr(parameter.pointer.find_last_of('/') + 1);
  parameter.name = reader.string("name", default_name);
  const auto values = reader.optional("values");
  const auto min = reader.optional("min");
  const auto max = reader.optional("max");
  if (values) {
    if (min || max) node.fail("either \"min\" and \"max\" or \"values\"", "both");
    values->require_array();
    if (values->size() == 0) values->fail("a non-empty array", "an empty array");
    parameter.is_range = false;
    const auto labels = reader.optional("labels");
    if (labels) {
      labels->require_array();
      if (labels->size() != values->size())
        labels->fail("one label per value (" + std::to_string(values->size()) + ")", labels->describe());
      std::set<std::string> seen;
      for (std::size_t i = 0; i < labels->size(); ++i) {
        const Node label = labels->element(i);
        parameter.labels.push_back(label.as_string());
        if (parameter.labels.back().empty() || !seen.insert(parameter.labels.back()).second)
          label.fail("a non-empty label used once", label.describe());
      }
    }
    for (std::size_t i = 0; i < values->size(); ++i) {
      const Node value = values->element(i);
      if (value.is_null()) value.fail("a number, a string, a boolean, or with \"labels\" an object or array", "null");
      if (!labels && (value.json().is_object() || value.json().is_array()))
        value.fail("a number, a string or a boolean (an object or array needs \"labels\" naming each value)",
                   value.describe());
      parameter.values.push_back(value.json());
    }
  } else {
    if (!target.is_number())
      pointer_node.fail("a pointer to a number (a range needs one; use \"values\" for other types)",
                        "\"" + parameter.pointer + "\", which holds " + Node(target, "").describe());
    parameter.min = reader.number("min", -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
    parameter.max = reader.number("max", parameter.min, std::numeric_limits<double>::max());
    // Rounded when the scenario holds an integer there, unless "integer": false asks for any number
    // (a rate written as 2 in the scenario, say; the scenario's loader still checks what it needs).
    parameter.integer = reader.boolean("integer", target.is_number_integer());
  }
  reader.finish();
  return parameter;
}

}  // namespace

std::string read_experiment_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw ConfigError(path.string(), "/", "a readable JSON file", "no such file");
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

Experiment load_experiment(const std::filesystem::path& path) {
  return load_experiment(path, read_experiment_file(path));
}

Experiment load_experiment(const std::filesystem::path& path, const std::string& text) {
  Experiment experiment;
  experiment.file = path;
  const std::string label = path.string();
  experiment.hash = sha256_hex(text);
  const json document = config::parse_json_text(text, label);
  ObjectReader root(Node(document, label));
  experiment.name = root.string("name", path.stem().string());

  const Node scenario_node = root.required("scenario");
  experiment.scenario_reference = scenario_node.as_string();
  experiment.scenario_file = path.parent_path() / experiment.scenario_reference;
  if (!std::filesystem::is_regular_file(experiment.scenario_file))
    scenario_node.fail("a scenario file (relative to the experiment file)",
                       scenario_node.describe() + " (no file " + experiment.scenario_file.string() + ")");
  experiment.base_document = config::parse_json_file(experiment.scenario_file);
  // `set`: values laid over the base scenario before any point, as `--set` does (a value may be an
  // object, e.g. a whole demand): one sweep file then holds a variant without a scenario file of its own.
  if (const auto set = root.optional("set")) {
    set->require_object();
    for (const auto& [pointer, value] : set->json().items()) {
      const Node value_node(value, set->shared_file(), set->pointer() + "/" + config::escape_pointer_token(pointer));
      try {
        config::apply_override(experiment.base_document, experiment.scenario_file.string(),
                               pointer + "=" + value.dump());
      } catch (const ConfigError& e) {
        value_node.fail(e.expected + " (for the key, a JSON pointer into " + experiment.scenario_file.string() + ")",
                        e.found);
      }
    }
  }
  experiment.base =
      load_scenario_document(experiment.base_document, experiment.scenario_file.string() +
                                                           (root.optional("set") ? " (with the sweep's \"set\")" : ""));

  experiment.replicates = static_cast<std::uint64_t>(root.integer("replicates", 1, 1000000000));
  experiment.master_seed =
      static_cast<std::uint64_t>(root.integer("seed", 0, std::numeric_limits<std::int64_t>::max(), 1));
  if (root.optional("weeks")) experiment.weeks = static_cast<int>(root.integer("weeks", 1, 5200));
  experiment.block_points = static_cast<std::uint64_t>(root.integer("block_points", 1, 1000000, 8));

  const Node parameters = root.required("parameters");
  parameters.require_array();
  if (parameters.size() == 0) parameters.fail("a non-empty array", "an empty array");
  std::set<std::string> names;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    experiment.parameters.push_back(read_parameter(parameters.element(i), experiment));
    if (!names.insert(experiment.parameters.back().name).second)
      parameters.element(i).fail("a unique \"name\" (the CSV column)",
                                 "\"" + experiment.parameters.back().name + "\" a second time");
  }

  const Node design_node = root.required("design");
  ObjectReader design(design_node);
  const Node kind_node = design.required("kind");
  const std::string kind = kind_node.as_enum({"grid", "random", "latin_hypercube", "sobol", "file"});
  const std::size_t d = experiment.parameters.size();
  experiment.design_json = nlohmann::ordered_json::object();
  experiment.design_json["kind"] = kind;
  const auto units_to_points = [&](const std::vector<std::vector<double>>& units) {
    for (const auto& unit : units) {
      std::vector<json> point;
      for (std::size_t p = 0; p < d; ++p) point.push_back(value_at(experiment.parameters[p], unit[p]));
      experiment.points.push_back(std::move(point));
    }
  };
  if (kind == "grid") {
    experiment.design = DesignKind::grid;
    const bool any_range = std::any_of(experiment.parameters.begin(), experiment.parameters.end(),
                                       [](const SweepParameter& p) { return p.is_range; });
    const std::int64_t levels =
        any_range ? design.integer("levels", 2, 100000) : design.integer("levels", 2, 100000, 2);
    if (any_range) experiment.design_json["levels"] = levels;
    experiment.points = grid_points(experiment.parameters, static_cast<std::size_t>(levels));
    if (experiment.points.size() > 100000000)
      design_node.fail("at most 10^8 grid points", std::to_string(experiment.points.size()));
  } else if (kind == "file") {
    experiment.design = DesignKind::file;
    const Node file_node = design.required("path");
    const std::string relative = file_node.as_string();
    experiment.design_json["path"] = relative;
    const std::filesystem::path csv = path.parent_path() / relative;
    const std::string csv_text = read_text(csv, file_node, "a CSV file of points (relative to the experiment file)");
    experiment.design_json["sha256"] = sha256_hex(csv_text);
    experiment.points = read_points_csv(csv_text, csv.string(), experiment.parameters);
  } else {
    const std::int64_t n = design.integer("points", 1, 100000000);
    experiment.design_json["points"] = n;
    if (kind == "sobol") {
      experiment.design = DesignKind::sobol;
      if (d > 3667) parameters.fail("at most 3667 parameters for a Sobol design", std::to_string(d));
      units_to_points(sobol_design(static_cast<std::size_t>(n), d));
    } else {
      const std::uint64_t seed =
          static_cast<std::uint64_t>(design.integer("seed", 0, std::numeric_limits<std::int64_t>::max(), 1));
      experiment.design_json["seed"] = seed;
      experiment.design = kind == "random" ? DesignKind::random : DesignKind::latin_hypercube;
      units_to_points(kind == "random" ? random_design(static_cast<std::size_t>(n), d, seed)
                                       : latin_hypercube_design(static_cast<std::size_t>(n), d, seed));
    }
  }
  design.finish();
  root.finish();

  // Every point must load before any work starts; the first failure names the point's values.
  const OutcomeSchema base_schema(*experiment.base);
  for (std::size_t i = 0; i < experiment.points.size(); ++i) {
    const auto scenario = load_point(experiment, i);
    const OutcomeSchema schema(*scenario);
    bool same = schema.size() == base_schema.size();
    for (std::size_t c = 0; same && c < schema.size(); ++c)
      same = schema.columns()[c].name == base_schema.columns()[c].name;
    if (!same)
      throw ConfigError(point_label(experiment, i), "/", "the outcome columns of the base scenario",
                        "different columns (a sweep cannot change the actors or the ultimatums)");
  }
  return experiment;
}

json SweepParameter::csv_value(const json& value) const {
  if (labels.empty()) return value;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return labels[i];
  return value;  // not a listed value (cannot happen for a point of this parameter)
}

json point_document(const Experiment& experiment, std::size_t point) {
  json document = experiment.base_document;
  for (std::size_t p = 0; p < experiment.parameters.size(); ++p)
    document[json::json_pointer(experiment.parameters[p].pointer)] = experiment.points[point][p];
  return document;
}

std::string point_label(const Experiment& experiment, std::size_t point) {
  std::string label = experiment.scenario_file.string() + " (point " + std::to_string(point) + ":";
  for (std::size_t p = 0; p < experiment.parameters.size(); ++p)
    label += " " + experiment.parameters[p].name + "=" +
             experiment.parameters[p].csv_value(experiment.points[point][p]).dump();
  return label + ")";
}

std::shared_ptr<const Scenario> load_point(const Experiment& experiment, std::size_t point) {
  return load_scenario_document(point_document(experiment, point), point_label(experiment, point));
}

}  // namespace leverage
