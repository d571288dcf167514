#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/ensemble/bands.hpp"
#include "engine/ensemble/outcomes.hpp"
#include "engine/model/scenario.hpp"

// Monte Carlo ensembles on OpenMP threads. Replicates are cut into fixed chunks that do not depend
// on the thread count; each replicate's row lands at its own index, and every statistic is computed
// afterwards in replicate order, so 1 thread and 16 give the same bytes (STYLE.md, "Deterministic
// reductions"). No OpenMP floating-point reduction is used anywhere.
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
  // Called from one thread as chunks complete, with the replicates done so far.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

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
