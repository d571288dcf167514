#pragma once
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/ensemble.hpp"

// `leverage ensemble` on disk: the outputs of engine/ensemble/ensemble_outputs.hpp and paired.hpp,
// byte for byte, for any number of replicates in memory that does not grow with them. Finished chunks
// are consumed in replicate order: their outcome rows are appended to outcomes.csv (and paired.csv),
// Welford sums, outcome counts and the band sketches are updated, and each outcome's non-missing values
// are spilled to a binary file per column, read back one column at a time for the exact quantiles.
//
// Everything in progress lives in DIR/.partial/ensemble/: plan.json (what the run is: the scenario's
// hash, the seed, the replicates and every option that changes the outputs), the growing CSV files, the
// spilled columns, and checkpoint.bin, the accumulators' exact state and the files' lengths after the
// last chunk it covers. A checkpoint is written every `checkpoint_seconds`, when the run is stopped and
// before the outputs are published. --resume reads it, cuts the files back to its lengths (a run killed
// after it may have written more) and goes on with the next chunk, so the finished outputs are the bytes
// of an uninterrupted run. The outputs are then moved into DIR (fsync, rename) and the area removed.
namespace leverage {

struct StreamOptions {
  std::filesystem::path out;
  bool resume = false;                               // continue the run in DIR/.partial/ensemble
  const volatile std::sig_atomic_t* stop = nullptr;  // set (SIGINT): stop after the chunks started
  double checkpoint_seconds = 10;                    // at most this long between checkpoints (0: every chunk)
  std::uint64_t keep = 0;                            // replay files of the first K members (DIR/replays)
  const Scenario* paired = nullptr;                  // --paired: differences on common random numbers
  std::string base_label, paired_label;              // the two scenario files as given (paired_stats.json)
};

struct StreamResult {
  bool complete = false;
  std::uint64_t chunks = 0, chunks_resumed = 0, chunks_merged = 0;
  int threads = 1;
  double wall_seconds = 0;
  nlohmann::ordered_json stats;  // stats.json, when complete
  std::vector<std::filesystem::path> files;
};

// Runs the ensemble into `stream.out`. Throws config::ConfigError when --resume finds a partial run of
// another plan, and IoError on I/O failures.
StreamResult stream_ensemble(const Scenario& scenario, const EnsembleOptions& options, const StreamOptions& stream);

}  // namespace leverage
