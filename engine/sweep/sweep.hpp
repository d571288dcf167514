#pragma once
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/ensemble.hpp"
#include "engine/sweep/experiment.hpp"

// Running a sweep (docs/SWEEPS.md): an ensemble per point, summarised into one row of points.csv.
// Points run in point order, in blocks of `block_points`; the points of a block run in parallel on
// OpenMP threads (one ensemble per thread), and each finished block is written durably to its own
// file under DIR/.partial/ (temporary file, fsync, rename), so a killed run resumes where it
// stopped. The rows depend on the experiment alone, never on threads, shards or interruptions.
namespace leverage {

struct SweepOptions {
  int threads = 0;  // 0: OpenMP's default
  std::filesystem::path out;
  bool resume = false;
  std::uint64_t shard = 1, shards = 1;  // run points with index % shards == shard - 1
  bool independent_points = false;      // point id = point index in the streams, instead of 0 (common random numbers)
  // Called from one thread at a time with the points done so far (of this shard).
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // Checked between blocks: when set, the run stops after the blocks already written (SIGINT).
  const volatile std::sig_atomic_t* stop = nullptr;
};

struct SweepResult {
  bool complete = false;
  std::uint64_t blocks = 0, blocks_reused = 0, blocks_done = 0;
  std::uint64_t points = 0;  // in this shard
  int threads = 1;
  double wall_seconds = 0;
  std::vector<std::filesystem::path> files;  // written when complete
};

// The header of points.csv and the row of one point (with its trailing newline).
std::string points_csv_header(const Experiment& experiment, const OutcomeSchema& schema);
std::string point_row(const Experiment& experiment, std::size_t point, const EnsembleResult& result);

// Runs the sweep (or one shard of it) and writes points.csv and manifest.json, or
// points.shard-K-of-N.csv and manifest.shard-K-of-N.json. Throws config::ConfigError on a --resume
// of a different plan and IoError on I/O failures.
SweepResult run_sweep(const Experiment& experiment, const SweepOptions& options);

// Joins shard files (directories holding points.shard-*-of-*.csv, or the CSV files themselves; each
// with its manifest beside it) into points.csv and manifest.json in `out`: exactly the bytes a
// single run writes, except the manifest's `run` object. Throws config::ConfigError when the shards
// do not belong together, miss a shard or a point, or repeat one.
std::vector<std::filesystem::path> merge_shards(const std::vector<std::filesystem::path>& inputs,
                                                const std::filesystem::path& out);

}  // namespace leverage
