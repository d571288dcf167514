#pragma once
#include <csignal>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/ensemble/bands.hpp"
#include "engine/ensemble/outcomes.hpp"
#include "engine/model/scenario.hpp"

// Monte Carlo ensembles on OpenMP threads. Replicates are cut into fixed chunks that do not depend
// on the thread count; threads take chunks in index order and hand finished ones to whichever thread
// is merging, which consumes them strictly in chunk order (a chunk that finishes early waits in a
// window of 2 x threads chunks, and no thread starts a chunk past that window). Every statistic is
// therefore accumulated in replicate order, so 1 thread and 16 give the same bytes (STYLE.md,
// "Deterministic reductions"), and memory does not grow with the replicates. No OpenMP
// floating-point reduction is used anywhere.
namespace leverage {

struct EnsembleOptions {
  std::uint64_t master_seed = 1;
  std::uint64_t point = 0;
  std::uint64_t replicates = 1000;
  // Runs replicates first_replicate .. first_replicate + replicates - 1: a part of a larger ensemble
  // (leverage-mpi splits a sweep's last points this way). Rows are the same as in the whole run.
  std::uint64_t first_replicate = 0;
  int weeks = 0;             // 0: the scenario's horizon
  int threads = 0;           // 0: OpenMP's default (OMP_NUM_THREADS or the cores)
  std::uint64_t chunk = 256;  // replicates per work unit (results do not depend on it)
  bool bands = true;          // per-week bands of key variables (bands.csv)
  // Called from one thread at a time as chunks are merged, with the replicates merged so far.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// One finished chunk, as the merging thread receives it.
struct EnsembleChunk {
  std::uint64_t index = 0, first = 0, count = 0;  // chunk index, its first replicate, its replicates
  std::vector<double> rows;                        // count x the schema's width
  std::vector<double> paired_rows;                 // count x the paired scenario's schema width
  std::vector<double> weekly;                      // count x (weeks + 1) x band variables, week-major
};

// What a chunked run adds to the options: where to start, when to stop, what else to simulate.
struct ChunkPlan {
  std::uint64_t first_chunk = 0;               // chunks before it are done already (--resume)
  const volatile std::sig_atomic_t* stop = nullptr;  // when set, start no new chunk (SIGINT)
  const Scenario* paired = nullptr;            // also run this scenario on the same replicate keys
  const Bands* bands = nullptr;                // record these band variables every week
};

struct ChunkedRun {
  std::uint64_t chunks = 0;         // in the whole ensemble
  std::uint64_t chunks_merged = 0;  // first_chunk plus the chunks consumed by this call
  int threads_used = 1;
  bool complete() const { return chunks_merged == chunks; }
};

// Runs chunks first_chunk, first_chunk + 1, ... and calls `consume` with each, in chunk order, from
// one thread at a time. After a stop, the chunks already started are finished and consumed, so the
// consumed chunks are always a prefix. An exception from a replicate or from `consume` stops the run
// and is rethrown.
ChunkedRun run_chunks(const Scenario& scenario, const EnsembleOptions& options, const ChunkPlan& plan,
                      const std::function<void(const EnsembleChunk&)>& consume);

// An ensemble held in memory (a sweep's point; tests): every replicate's row.
struct EnsembleResult {
  OutcomeSchema schema;
  std::uint64_t replicates = 0;
  std::vector<double> rows;  // replicate-major: rows[r * schema.size() + c]
  int threads_used = 1;
  std::shared_ptr<Bands> bands;  // when requested
  const double* row(std::uint64_t replicate) const { return rows.data() + replicate * schema.size(); }
};

EnsembleResult run_ensemble(const Scenario& scenario, const EnsembleOptions& options);

}  // namespace leverage
