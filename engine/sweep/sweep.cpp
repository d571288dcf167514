#include "engine/sweep/sweep.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "engine/config/json_reader.hpp"
#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/util/partial_area.hpp"
#include "engine/version.hpp"

namespace leverage {

using ojson = nlohmann::ordered_json;
using config::ConfigError;

namespace {

void add_value(CsvRow& row, const nlohmann::json& value) {
  if (value.is_number_integer()) {
    row.add(static_cast<long long>(value.get<std::int64_t>()));
  } else if (value.is_number()) {
    row.add(value.get<double>());
  } else if (value.is_boolean()) {
    row.add(value.get<bool>() ? "true" : "false");
  } else {
    row.add(value.get<std::string>());
  }
}

const char* const kStatistics[] = {"mean", "sd", "ci95_low", "ci95_high", "q50"};

std::string shard_suffix(std::uint64_t k, std::uint64_t n) {
  return "shard-" + std::to_string(k) + "-of-" + std::to_string(n);
}

// Everything that identifies the results: a shard's manifest adds "shard", every manifest adds "run".
ojson manifest_identity(const Experiment& experiment, bool independent_points) {
  ojson manifest;
  manifest["tool"] = "leverage sweep";
  manifest["version"] = kVersion;
  manifest["git_commit"] = kGitCommit;
  manifest["experiment"] = experiment.name;
  // File names as written, not as found: shards run from other directories or machines must agree.
  manifest["experiment_file"] = experiment.file.filename().string();
  manifest["experiment_hash"] = experiment.hash;
  manifest["scenario_file"] = experiment.scenario_reference;
  manifest["scenario_hash"] = experiment.base->config_hash;
  ojson parameters = ojson::array();
  for (const auto& p : experiment.parameters) {
    ojson entry{{"name", p.name}, {"pointer", p.pointer}};
    if (p.is_range) {
      entry["min"] = p.min;
      entry["max"] = p.max;
      entry["integer"] = p.integer;
    } else {
      entry["values"] = p.values;
      if (!p.labels.empty()) entry["labels"] = p.labels;
    }
    parameters.push_back(entry);
  }
  manifest["parameters"] = parameters;
  manifest["design"] = experiment.design_json;
  manifest["master_seed"] = experiment.master_seed;
  manifest["independent_points"] = independent_points;
  manifest["points"] = experiment.points.size();
  manifest["replicates"] = experiment.replicates;
  manifest["weeks"] = experiment.weeks > 0 ? experiment.weeks : experiment.base->weeks;
  manifest["block_points"] = experiment.block_points;
  manifest["outputs"] = {"points.csv", "manifest.json"};
  return manifest;
}

}  // namespace

std::string points_csv_header(const Experiment& experiment, const OutcomeSchema& schema) {
  CsvRow row;
  row.add("point");
  for (const auto& p : experiment.parameters) row.add(p.name);
  for (const auto& column : schema.columns()) {
    if (column.categorical) continue;
    for (const char* statistic : kStatistics) row.add(column.name + "_" + statistic);
  }
  for (int code = 0; code < kOutcomeCodeCount; ++code)
    row.add(std::string("u1_share_") + outcome_code_name(static_cast<OutcomeCode>(code)));
  // Counts for the selection effect (stats.json's selection_effect): replicates where the first
  // ultimatum was issued, and where its threat was executed.
  row.add("u1_threatened");
  row.add("u1_imposed");
  std::string text;
  row.end_row(text);
  return text;
}

std::string point_row(const Experiment& experiment, std::size_t point, const EnsembleResult& result) {
  const auto stats = ensemble_stats(result);
  CsvRow row;
  row.add(static_cast<unsigned long long>(point));
  for (std::size_t p = 0; p < experiment.parameters.size(); ++p)
    add_value(row, experiment.parameters[p].csv_value(experiment.points[point][p]));
  const auto number = [&](const ojson& value) {
    if (value.is_number())
      row.add(value.get<double>());
    else
      row.add_empty();  // no replicate had a value (e.g. no release at all)
  };
  for (const auto& column : result.schema.columns()) {
    if (column.categorical) continue;
    const auto& s = stats["outcomes"][column.name];
    if (!s.contains("mean")) {
      for (int i = 0; i < 5; ++i) row.add_empty();
      continue;
    }
    number(s["mean"]);
    number(s["sd"]);
    number(s["ci95"][0]);
    number(s["ci95"][1]);
    number(s["quantiles"]["q50"]);
  }
  for (int code = 0; code < kOutcomeCodeCount; ++code)
    number(stats["u1_outcome_frequencies"][outcome_code_name(static_cast<OutcomeCode>(code))]["share"]);
  row.add(stats["selection_effect"]["threatened"].get<unsigned long long>());
  row.add(stats["selection_effect"]["imposed"].get<unsigned long long>());
  std::string text;
  row.end_row(text);
  return text;
}

namespace {

EnsembleOptions point_ensemble(const Experiment& experiment, std::size_t point, int threads, bool independent_points) {
  EnsembleOptions ensemble;
  ensemble.master_seed = experiment.master_seed;
  ensemble.point = independent_points ? point : 0;  // 0: common random numbers across points
  ensemble.bands = false;  // points.csv summarizes outcomes; per-week bands are an ensemble output
  ensemble.replicates = experiment.replicates;
  ensemble.weeks = experiment.weeks;
  ensemble.threads = threads;
  return ensemble;
}

}  // namespace

std::vector<std::string> run_points(const Experiment& experiment, std::span<const std::size_t> points, int threads,
                                    bool independent_points, const std::function<void()>& point_done) {
  std::vector<std::string> rows(points.size());
  std::exception_ptr failure;
  const std::int64_t count = static_cast<std::int64_t>(points.size());
  // An inactive outer region (if false) leaves run_ensemble's own region free to use the threads.
  const int outer_threads = count >= threads ? threads : 1;
  const int inner_threads = outer_threads == 1 ? threads : 1;
#pragma omp parallel for schedule(dynamic, 1) num_threads(outer_threads) if (outer_threads > 1)
  for (std::int64_t j = 0; j < count; ++j) {
    try {
      const std::size_t point = points[static_cast<std::size_t>(j)];
      const auto scenario = load_point(experiment, point);
      const auto ensemble = point_ensemble(experiment, point, inner_threads, independent_points);
      rows[static_cast<std::size_t>(j)] = point_row(experiment, point, run_ensemble(*scenario, ensemble));
#pragma omp critical(leverage_sweep_progress)
      if (point_done) point_done();
    } catch (...) {
#pragma omp critical(leverage_sweep_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  return rows;
}

std::vector<double> run_point_part(const Experiment& experiment, std::size_t point, std::uint64_t first,
                                   std::uint64_t last, int threads, bool independent_points) {
  auto ensemble = point_ensemble(experiment, point, threads, independent_points);
  ensemble.first_replicate = first;
  ensemble.replicates = last - first;
  return run_ensemble(*load_point(experiment, point), ensemble).rows;
}

std::string point_row_from_replicates(const Experiment& experiment, std::size_t point, std::vector<double> rows) {
  EnsembleResult result{OutcomeSchema(*load_point(experiment, point)), experiment.replicates, std::move(rows), 1,
                        nullptr};
  if (result.rows.size() != result.replicates * result.schema.size())
    throw std::runtime_error("point " + std::to_string(point) + ": replicate rows of the wrong size");
  return point_row(experiment, point, result);
}

std::vector<WorkUnit> work_units(std::size_t count, std::uint64_t replicates, std::size_t workers,
                                 std::size_t largest) {
  std::vector<WorkUnit> units;
  const std::size_t split = workers > 1 ? std::min(workers, count) : 0;  // the last points, split
  const std::size_t whole = count - split;
  const std::size_t divisor = 4 * std::max<std::size_t>(workers, 1);
  for (std::size_t begin = 0; begin < whole;) {
    const std::size_t remaining = whole - begin;
    const std::size_t size =
        std::clamp<std::size_t>((remaining + divisor - 1) / divisor, 1, std::max<std::size_t>(largest, 1));
    units.push_back({begin, begin + size, 0, 1});
    begin += size;
  }
  const std::uint64_t parts = std::max<std::uint64_t>(1, std::min<std::uint64_t>(workers, replicates));
  for (std::size_t i = whole; i < count; ++i)
    for (std::uint64_t part = 0; part < parts; ++part) units.push_back({i, i + 1, part, parts});
  return units;
}

PartialSweep::PartialSweep(const Experiment& experiment, const SweepOptions& options)
    : experiment_(experiment), options_(options) {
  const std::string tag = options.shards > 1 ? shard_suffix(options.shard, options.shards) : "all";
  directory_ = options.out / ".partial" / tag;
  for (std::size_t i = 0; i < experiment.points.size(); ++i)
    if (i % options.shards == options.shard - 1) points_.push_back(i);
  blocks_ = (points_.size() + experiment.block_points - 1) / experiment.block_points;
  // The plan a partial directory belongs to: blocks of another plan must never be mixed in.
  const ojson plan{{"experiment_hash", experiment.hash},
                   {"independent_points", options.independent_points},
                   {"block_points", experiment.block_points},
                   {"shard", options.shard},
                   {"shards", options.shards},
                   {"version", kVersion},
                   {"git_commit", kGitCommit}};
  open_partial_area(directory_, plan, options.resume);
}

std::span<const std::size_t> PartialSweep::block(std::uint64_t b) const {
  const std::size_t first = static_cast<std::size_t>(b * experiment_.block_points);
  const std::size_t last = std::min(points_.size(), first + static_cast<std::size_t>(experiment_.block_points));
  return std::span<const std::size_t>(points_).subspan(first, last - first);
}

std::filesystem::path PartialSweep::block_file(std::uint64_t b) const {
  char name[64];
  std::snprintf(name, sizeof name, "block-%08llu.csv", static_cast<unsigned long long>(b));
  return directory_ / name;
}

bool PartialSweep::done(std::uint64_t b) const {
  return std::filesystem::exists(block_file(b));  // complete by construction: it was renamed into place
}

void PartialSweep::write(std::uint64_t b, const std::string& rows) const {
  write_file_atomic(block_file(b), rows);
}

std::vector<std::filesystem::path> PartialSweep::finish(const ojson& run) const {
  const bool sharded = options_.shards > 1;
  const std::string suffix = sharded ? "." + shard_suffix(options_.shard, options_.shards) : "";
  const std::filesystem::path csv = options_.out / ("points" + suffix + ".csv");
  const std::filesystem::path manifest_path = options_.out / ("manifest" + suffix + ".json");
  {
    AtomicWriter writer(csv);
    writer.write(points_csv_header(experiment_, OutcomeSchema(*experiment_.base)));
    for (std::uint64_t b = 0; b < blocks_; ++b) writer.write(read_file(block_file(b)));
    writer.commit();
  }
  ojson manifest = manifest_identity(experiment_, options_.independent_points);
  if (sharded) {
    manifest["outputs"] = {csv.filename().string(), manifest_path.filename().string()};
    manifest["shard"] = {{"k", options_.shard}, {"n", options_.shards}, {"points", points_.size()}};
  }
  manifest["run"] = run;
  write_file_atomic(manifest_path, manifest.dump(2) + "\n");
  std::filesystem::remove_all(directory_);
  std::error_code ignored;
  std::filesystem::remove(options_.out / ".partial", ignored);  // only when no other shard is in progress
  return {csv, manifest_path};
}

SweepResult run_sweep(const Experiment& experiment, const SweepOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const PartialSweep partial(experiment, options);
  SweepResult result;
  result.points = partial.points().size();
  result.blocks = partial.blocks();
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  result.threads = threads;
  std::uint64_t done_points = 0;
  const auto point_done = [&] {
    ++done_points;
    if (options.progress) options.progress(done_points, result.points);
  };
  for (std::uint64_t b = 0; b < result.blocks; ++b) {
    const auto points = partial.block(b);
    if (partial.done(b)) {
      ++result.blocks_reused;
      done_points += points.size();
      if (options.progress) options.progress(done_points, result.points);
      continue;
    }
    if (options.stop && *options.stop) break;
    std::string text;
    for (const auto& row : run_points(experiment, points, threads, options.independent_points, point_done)) text += row;
    partial.write(b, text);
    ++result.blocks_done;
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result.blocks_reused + result.blocks_done < result.blocks) return result;  // stopped: resume later
  result.files = partial.finish({{"wall_seconds", result.wall_seconds},
                                 {"threads", threads},
                                 {"host", host_name()},
                                 {"blocks_resumed", result.blocks_reused}});
  result.complete = true;
  return result;
}

std::vector<std::filesystem::path> merge_shards(const std::vector<std::filesystem::path>& inputs,
                                                const std::filesystem::path& out) {
  static const std::regex shard_name(R"(points\.shard-([0-9]+)-of-([0-9]+)\.csv)");
  struct Shard {
    std::filesystem::path csv, manifest;
    std::uint64_t k, n;
  };
  std::vector<Shard> shards;
  const auto add = [&](const std::filesystem::path& csv) {
    std::smatch match;
    const std::string name = csv.filename().string();
    if (!std::regex_match(name, match, shard_name))
      throw ConfigError(csv.string(), "/", "a shard file named points.shard-K-of-N.csv", "\"" + name + "\"");
    const std::uint64_t k = std::stoull(match[1]), n = std::stoull(match[2]);
    shards.push_back({csv, csv.parent_path() / ("manifest." + shard_suffix(k, n) + ".json"), k, n});
  };
  for (const auto& input : inputs) {
    if (std::filesystem::is_directory(input)) {
      std::vector<std::filesystem::path> found;
      for (const auto& entry : std::filesystem::directory_iterator(input)) {
        const std::string name = entry.path().filename().string();
        if (std::regex_match(name, shard_name)) found.push_back(entry.path());
      }
      if (found.empty())
        throw ConfigError(input.string(), "/", "a directory holding points.shard-K-of-N.csv files", "none");
      std::sort(found.begin(), found.end());
      for (const auto& path : found) add(path);
    } else if (std::filesystem::is_regular_file(input)) {
      add(input);
    } else {
      throw ConfigError(input.string(), "/", "a shard file or a directory of shards", "no such file or directory");
    }
  }
  if (shards.empty()) throw ConfigError("merge", "/", "shard files", "none");
  const std::uint64_t n = shards.front().n;
  std::vector<int> seen(n + 1, 0);
  ojson identity;
  std::string header;
  std::map<std::uint64_t, std::string> rows;  // by point id: the output order
  double wall_seconds = 0;
  int threads = 0;
  std::vector<std::string> hosts;
  for (const auto& shard : shards) {
    if (shard.n != n || shard.k < 1 || shard.k > n)
      throw ConfigError(shard.csv.string(), "/", "shard K of " + std::to_string(n) + ", like the others",
                        "shard " + std::to_string(shard.k) + " of " + std::to_string(shard.n));
    if (seen[shard.k]++)
      throw ConfigError(shard.csv.string(), "/", "each shard once", "shard " + std::to_string(shard.k) + " again");
    // ordered_json keeps the manifest's key order, so the merged manifest reads like a single run's.
    ojson manifest;
    try {
      manifest = ojson::parse(read_file(shard.manifest));
    } catch (const ojson::parse_error& e) {
      throw ConfigError(shard.manifest.string(), "/", "valid JSON", e.what());
    }
    const ojson run = manifest["run"];
    wall_seconds += run.value("wall_seconds", 0.0);
    threads = std::max(threads, run.value("threads", 0));
    hosts.push_back(run.value("host", std::string()));
    manifest.erase("run");
    manifest.erase("shard");
    manifest["outputs"] = {"points.csv", "manifest.json"};
    if (identity.is_null())
      identity = manifest;
    else if (identity != manifest)
      throw ConfigError(shard.manifest.string(), "/", "the manifest of the same sweep as the other shards",
                        "a different experiment, seed, build or design");
    const std::string text = read_file(shard.csv);
    const std::size_t header_end = text.find('\n');
    if (header_end == std::string::npos)
      throw ConfigError(shard.csv.string(), "line 1", "a header row", "an empty file");
    if (header.empty())
      header = text.substr(0, header_end + 1);
    else if (header != text.substr(0, header_end + 1))
      throw ConfigError(shard.csv.string(), "line 1", "the header of the other shards", "a different header");
    std::size_t line_start = header_end + 1;
    while (line_start < text.size()) {
      std::size_t line_end = text.find('\n', line_start);
      if (line_end == std::string::npos) line_end = text.size() - 1;
      const std::string line = text.substr(line_start, line_end + 1 - line_start);
      const std::uint64_t point = std::stoull(line.substr(0, line.find(',')));
      if (point % n != shard.k - 1 || !rows.emplace(point, line).second)
        throw ConfigError(shard.csv.string(), "point " + std::to_string(point),
                          "points of shard " + std::to_string(shard.k), "a point of another shard or a repeated point");
      line_start = line_end + 1;
    }
  }
  for (std::uint64_t k = 1; k <= n; ++k)
    if (!seen[k])
      throw ConfigError(shards.front().csv.parent_path().string(), "/", "all " + std::to_string(n) + " shards",
                        "no shard " + std::to_string(k));
  const std::uint64_t points = identity["points"].get<std::uint64_t>();
  if (rows.size() != points || (!rows.empty() && rows.rbegin()->first + 1 != points))
    throw ConfigError(shards.front().csv.string(), "/", std::to_string(points) + " points",
                      std::to_string(rows.size()) + " (a shard is incomplete)");
  ensure_directory(out);
  const std::filesystem::path csv = out / "points.csv";
  const std::filesystem::path manifest_path = out / "manifest.json";
  {
    AtomicWriter writer(csv);
    writer.write(header);
    for (const auto& [point, line] : rows) writer.write(line);
    writer.commit();
  }
  std::string host_list;
  for (const auto& host : hosts) host_list += (host_list.empty() ? "" : ",") + host;
  identity["run"] = {{"wall_seconds", wall_seconds}, {"threads", threads}, {"host", host_list}, {"shards", n}};
  write_file_atomic(manifest_path, identity.dump(2) + "\n");
  return {csv, manifest_path};
}

}  // namespace leverage
