#include "engine/ensemble/ensemble.hpp"

#include <omp.h>

#include <atomic>

#include "engine/sim/simulation.hpp"

namespace leverage {

EnsembleResult run_ensemble(const Scenario& scenario, const EnsembleOptions& options) {
  EnsembleResult result{OutcomeSchema(scenario), options.replicates, {}, 1};
  const std::size_t width = result.schema.size();
  result.rows.assign(options.replicates * width, 0.0);
  const int weeks = options.weeks > 0 ? options.weeks : scenario.weeks;
  const std::uint64_t chunk = options.chunk > 0 ? options.chunk : 256;
  const std::int64_t chunks = static_cast<std::int64_t>((options.replicates + chunk - 1) / chunk);
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  std::atomic<std::uint64_t> done{0};
  int used = 1;

#pragma omp parallel num_threads(threads)
  {
#pragma omp single
    used = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t c = 0; c < chunks; ++c) {
      const std::uint64_t first = static_cast<std::uint64_t>(c) * chunk;
      const std::uint64_t last = std::min(options.replicates, first + chunk);
      for (std::uint64_t r = first; r < last; ++r) {
        const WorldState end = run_replicate(scenario, ReplicateKey{options.master_seed, options.point, r}, weeks);
        result.schema.extract(scenario, end, result.rows.data() + r * width);
      }
      const std::uint64_t total_done = done.fetch_add(last - first) + (last - first);
      if (options.progress && omp_get_thread_num() == 0) options.progress(total_done, options.replicates);
    }
  }
  if (options.progress) options.progress(options.replicates, options.replicates);
  result.threads_used = used;
  return result;
}

}  // namespace leverage
