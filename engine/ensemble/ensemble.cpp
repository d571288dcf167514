#include "engine/ensemble/ensemble.hpp"

#include <omp.h>

#include <atomic>
#include <mutex>

#include "engine/sim/simulation.hpp"

namespace leverage {

EnsembleResult run_ensemble(const Scenario& scenario, const EnsembleOptions& options) {
  EnsembleResult result{OutcomeSchema(scenario), options.replicates, {}, 1, nullptr};
  const std::size_t width = result.schema.size();
  result.rows.assign(options.replicates * width, 0.0);
  const int weeks = options.weeks > 0 ? options.weeks : scenario.weeks;
  const std::uint64_t chunk = options.chunk > 0 ? options.chunk : 256;
  const std::int64_t chunks = static_cast<std::int64_t>((options.replicates + chunk - 1) / chunk);
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  std::atomic<std::uint64_t> done{0};
  int used = 1;

  // Bands: each chunk keeps its replicates' weekly values; finished chunks are fed to the sketches
  // strictly in chunk order (a chunk that finishes early waits in its slot), so the sketches see
  // the same sequence whatever the thread count.
  if (options.bands) result.bands = std::make_shared<Bands>(scenario, weeks);
  const std::size_t band_width = result.bands ? static_cast<std::size_t>(weeks + 1) * result.bands->variables() : 0;
  std::vector<std::vector<double>> finished(static_cast<std::size_t>(chunks));
  std::vector<char> ready(static_cast<std::size_t>(chunks), 0);
  std::int64_t next_to_merge = 0;
  std::mutex merge_mutex;

#pragma omp parallel num_threads(threads)
  {
#pragma omp single
    used = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t c = 0; c < chunks; ++c) {
      const std::uint64_t first = static_cast<std::uint64_t>(c) * chunk;
      const std::uint64_t last = std::min(options.replicates, first + chunk);
      std::vector<double> weekly(result.bands ? (last - first) * band_width : 0);
      for (std::uint64_t r = first; r < last; ++r) {
        double* cursor = result.bands ? weekly.data() + (r - first) * band_width : nullptr;
        const WeekObserver observer = [&](const WorldState& state) {
          result.bands->observe(state, cursor);
          cursor += result.bands->variables();
        };
        const ReplicateKey key{options.master_seed, options.point, options.first_replicate + r};
        const WorldState end =
            run_replicate(scenario, key, weeks, nullptr, nullptr, result.bands ? &observer : nullptr);
        result.schema.extract(scenario, end, result.rows.data() + r * width);
      }
      if (result.bands) {
        std::lock_guard<std::mutex> lock(merge_mutex);
        finished[static_cast<std::size_t>(c)] = std::move(weekly);
        ready[static_cast<std::size_t>(c)] = 1;
        while (next_to_merge < chunks && ready[static_cast<std::size_t>(next_to_merge)]) {
          std::vector<double>& values = finished[static_cast<std::size_t>(next_to_merge)];
          for (std::size_t offset = 0; offset < values.size(); offset += band_width)
            result.bands->add_replicate(values.data() + offset);
          std::vector<double>().swap(values);
          ++next_to_merge;
        }
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
