#pragma once
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
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

// The rows of `points` (point indices, in order), computed on `threads` OpenMP threads: one ensemble
// per thread while there is a point for every thread, otherwise one point at a time on all threads.
// Either way each row depends on its point alone. `point_done` is called after each point, from one
// thread at a time. Used for a block by run_sweep and for a work unit by leverage-mpi.
std::vector<std::string> run_points(const Experiment& experiment, std::span<const std::size_t> points, int threads,
                                    bool independent_points, const std::function<void()>& point_done = {});

// The replicate rows of replicates [first, last) of one point (replicate-major, as
// EnsembleResult::rows) on `threads` threads; and the row of a point made from all its replicate
// rows, in replicate order: the row run_points gives. leverage-mpi splits a point this way.
std::vector<double> run_point_part(const Experiment& experiment, std::size_t point, std::uint64_t first,
                                   std::uint64_t last, int threads, bool independent_points);
std::string point_row_from_replicates(const Experiment& experiment, std::size_t point, std::vector<double> rows);

// A work unit of dynamic scheduling (leverage-mpi), over a list of points: the points at
// begin .. end - 1, whole; or, when parts > 1, part `part` of the single point at `begin`: its
// replicates from replicates * part / parts up to (not including) replicates * (part + 1) / parts.
struct WorkUnit {
  std::size_t begin = 0, end = 0;
  std::uint64_t part = 0, parts = 1;
  bool operator==(const WorkUnit&) const = default;
};

// Work units for `count` points of `replicates` replicates over `workers`: in point order, units of
// ceil(remaining / (4 workers)) points, at least 1 and at most `largest` (guided self-scheduling:
// large units first, so messages stay few), except that with several workers the last `workers`
// points are each split into `workers` parts (at most one per replicate), so that the last units
// to finish are short even when the points are few and dear.
std::vector<WorkUnit> work_units(std::size_t count, std::uint64_t replicates, std::size_t workers,
                                 std::size_t largest);

// The durable state of a sweep in progress, DIR/.partial/TAG/ (TAG "all", or "shard-K-of-N"): a
// plan.json naming the experiment and the options the rows depend on, and a file per finished
// block of `block_points` points (this shard's points, in point order), each written atomically.
// `leverage sweep --resume` and `leverage-mpi sweep --resume` share it, so either continues a run
// of the other.
class PartialSweep {
 public:
  // Opens the area for options.out, options.shard/shards and options.independent_points. With
  // options.resume and a plan.json there, keeps its blocks, or throws config::ConfigError when it
  // is the plan of another experiment or other options; otherwise starts it empty.
  PartialSweep(const Experiment& experiment, const SweepOptions& options);
  const std::vector<std::size_t>& points() const { return points_; }  // this shard's points
  std::uint64_t blocks() const { return blocks_; }
  std::span<const std::size_t> block(std::uint64_t b) const;  // the points of block b
  bool done(std::uint64_t b) const;                            // its file is there: complete
  void write(std::uint64_t b, const std::string& rows) const;  // the rows of block b, in point order
  // Joins the blocks (all done) into points.csv and manifest.json (or the shard's
  // points.shard-K-of-N.csv and manifest.shard-K-of-N.json) with the given `run` object, removes
  // the partial area, and returns the two files.
  std::vector<std::filesystem::path> finish(const nlohmann::ordered_json& run) const;

 private:
  std::filesystem::path block_file(std::uint64_t b) const;
  const Experiment& experiment_;
  SweepOptions options_;
  std::filesystem::path directory_;
  std::vector<std::size_t> points_;
  std::uint64_t blocks_ = 0;
};

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
