#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"

// Sweep plans (docs/SWEEPS.md): an experiment file names a base scenario, the parameters to vary
// (JSON pointers into the scenario, each with a range or a list of values), a design that places
// points in that space, the replicates per point and a master seed. Reading it checks everything a
// run would trip on later: every pointer names a value of the base scenario, and every point's
// document loads. Errors are config::ConfigError, `FILE:/json/pointer: expected ..., found ...`.
namespace leverage {

struct SweepParameter {
  std::string name;     // the CSV column; default: the pointer's last token
  std::string pointer;  // RFC 6901, into the scenario
  bool is_range = true;
  double min = 0, max = 0;             // a range
  std::vector<nlohmann::json> values;  // or a list of values
  bool integer = false;                // the scenario holds an integer here: values drawn in a range are rounded
  // Labels of the listed values, written to points.csv instead of them; required when a value is
  // an object or an array (e.g. a whole threat or reward), optional otherwise (empty: none).
  std::vector<std::string> labels;
  // What points.csv writes for `value`: its label when the parameter has labels, else the value.
  nlohmann::json csv_value(const nlohmann::json& value) const;
};

enum class DesignKind { grid, random, latin_hypercube, sobol, file };
const char* design_kind_name(DesignKind kind);

struct Experiment {
  std::filesystem::path file;
  std::string hash;  // SHA-256 of the experiment file's bytes
  std::string name;
  std::string scenario_reference;       // as written in the experiment file
  std::filesystem::path scenario_file;  // resolved against the experiment file's directory
  nlohmann::json base_document;         // the base scenario, parsed
  std::shared_ptr<const Scenario> base;
  std::vector<SweepParameter> parameters;
  DesignKind design = DesignKind::grid;
  nlohmann::ordered_json design_json;  // the design as read, for the manifest
  std::uint64_t replicates = 100;
  std::uint64_t master_seed = 1;
  int weeks = 0;                   // 0: the scenario's horizon
  std::uint64_t block_points = 8;  // points per durable block (--resume granularity)
  // points[i][p]: the value of parameter p at point i (JSON numbers, or the listed values).
  std::vector<std::vector<nlohmann::json>> points;
};

// Unit-cube designs: n points of dimension d, each coordinate in [0, 1).
// Latin hypercube: for each dimension, point i falls in stratum perm_d(i), at a uniform offset.
std::vector<std::vector<double>> random_design(std::size_t n, std::size_t d, std::uint64_t seed);
std::vector<std::vector<double>> latin_hypercube_design(std::size_t n, std::size_t d, std::uint64_t seed);
// boost::random::sobol (Joe and Kuo direction numbers). Its first point is (0.5, ..., 0.5): the
// all-zero point of the sequence is skipped.
std::vector<std::vector<double>> sobol_design(std::size_t n, std::size_t d);
// Full factorial: ranges at `levels` evenly spaced values from min to max, lists at their values;
// the first parameter varies slowest.
std::vector<std::vector<nlohmann::json>> grid_points(const std::vector<SweepParameter>& parameters, std::size_t levels);
// A unit coordinate mapped onto a parameter: min + u (max - min) (rounded for integer targets), or
// the value with index floor(u k) of a list of k values.
nlohmann::json value_at(const SweepParameter& parameter, double unit);
// Explicit points from CSV text (commas or whitespace; an optional header row naming the
// parameters in order; lines starting with '#' skipped). `label` names the file in errors.
std::vector<std::vector<nlohmann::json>> read_points_csv(const std::string& text, const std::string& label,
                                                         const std::vector<SweepParameter>& parameters);

// Reads and validates an experiment file, computes its points, and checks every point loads.
Experiment load_experiment(const std::filesystem::path& path);
// The same from the file's bytes, read elsewhere (leverage-mpi: rank 0 reads, every rank parses);
// `path` still names the file and resolves the scenario reference.
Experiment load_experiment(const std::filesystem::path& path, const std::string& text);
// The bytes of an experiment file; throws config::ConfigError when it cannot be read.
std::string read_experiment_file(const std::filesystem::path& path);

// The scenario document of point i (base with the point's values set), and its label in errors.
nlohmann::json point_document(const Experiment& experiment, std::size_t point);
std::string point_label(const Experiment& experiment, std::size_t point);
std::shared_ptr<const Scenario> load_point(const Experiment& experiment, std::size_t point);

}  // namespace leverage
