#include "engine/ensemble/ensemble.hpp"

#include <omp.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>

#include "engine/sim/simulation.hpp"

namespace leverage {

namespace {

// Simulates the replicates of chunk `index` into `chunk`, reusing its buffers (after the first few
// chunks a thread's buffers have their final size, so nothing here allocates).
void simulate_chunk(const Scenario& scenario, const EnsembleOptions& options, const ChunkPlan& plan, int weeks,
                    const OutcomeSchema& schema, const OutcomeSchema* paired_schema, std::uint64_t index,
                    std::uint64_t chunk_size, EnsembleChunk& chunk) {
  chunk.index = index;
  chunk.first = index * chunk_size;
  chunk.count = std::min(options.replicates, chunk.first + chunk_size) - chunk.first;
  chunk.rows.resize(chunk.count * schema.size());
  chunk.paired_rows.resize(paired_schema ? chunk.count * paired_schema->size() : 0);
  const std::size_t band_width = plan.bands ? static_cast<std::size_t>(weeks + 1) * plan.bands->variables() : 0;
  chunk.weekly.resize(chunk.count * band_width);
  double* cursor = nullptr;
  const WeekObserver observer = [&cursor, &plan](const WorldState& state) {
    plan.bands->observe(state, cursor);
    cursor += plan.bands->variables();
  };
  for (std::uint64_t k = 0; k < chunk.count; ++k) {
    const ReplicateKey key{options.master_seed, options.point, options.first_replicate + chunk.first + k};
    cursor = chunk.weekly.data() + k * band_width;
    const WorldState end = run_replicate(scenario, key, weeks, nullptr, nullptr, plan.bands ? &observer : nullptr);
    schema.extract(scenario, end, chunk.rows.data() + k * schema.size());
    if (paired_schema) {
      // The same key: the same type, shock and decision streams (common random numbers).
      const WorldState other = run_replicate(*plan.paired, key, weeks);
      paired_schema->extract(*plan.paired, other, chunk.paired_rows.data() + k * paired_schema->size());
    }
  }
}

}  // namespace

ChunkedRun run_chunks(const Scenario& scenario, const EnsembleOptions& options, const ChunkPlan& plan,
                      const std::function<void(const EnsembleChunk&)>& consume) {
  const OutcomeSchema schema(scenario);
  const std::unique_ptr<OutcomeSchema> paired_schema =
      plan.paired ? std::make_unique<OutcomeSchema>(*plan.paired) : nullptr;
  const int weeks = options.weeks > 0 ? options.weeks : scenario.weeks;
  const std::uint64_t chunk_size = options.chunk > 0 ? options.chunk : 256;
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  ChunkedRun run;
  run.chunks = (options.replicates + chunk_size - 1) / chunk_size;
  run.chunks_merged = std::min(plan.first_chunk, run.chunks);

  // The reorder window: chunk c waits in slot c % window until every chunk before it is merged.
  const std::uint64_t window = 2 * static_cast<std::uint64_t>(std::max(threads, 1));
  std::vector<EnsembleChunk> slots(window);
  std::vector<char> filled(window, 0);
  std::uint64_t next_to_start = run.chunks_merged;
  bool merging = false, stopping = false;
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable merged;
  const auto fail = [&](std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!failure) failure = error;
    stopping = true;
    merging = false;
    merged.notify_all();
  };

#pragma omp parallel num_threads(threads)
  {
#pragma omp single
    run.threads_used = omp_get_num_threads();
    EnsembleChunk work;
    for (;;) {
      std::uint64_t index = 0;
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (true) {
          if (plan.stop && *plan.stop) stopping = true;
          if (stopping || next_to_start >= run.chunks) break;
          if (next_to_start < run.chunks_merged + window) break;
          merged.wait(lock);
        }
        if (stopping || next_to_start >= run.chunks) break;
        index = next_to_start++;
      }
      try {
        simulate_chunk(scenario, options, plan, weeks, schema, paired_schema.get(), index, chunk_size, work);
      } catch (...) {
        fail(std::current_exception());
        break;
      }
      std::unique_lock<std::mutex> lock(mutex);
      std::swap(work, slots[index % window]);  // the slot's old buffers come back for the next chunk
      filled[index % window] = 1;
      if (merging || failure) continue;
      merging = true;
      try {
        while (filled[run.chunks_merged % window]) {
          const EnsembleChunk& ready = slots[run.chunks_merged % window];
          lock.unlock();  // others keep simulating; the slot is not reused before this chunk is merged
          consume(ready);
          if (options.progress)
            options.progress(std::min(options.replicates, (ready.index + 1) * chunk_size), options.replicates);
          lock.lock();
          filled[run.chunks_merged % window] = 0;
          ++run.chunks_merged;
          merged.notify_all();
        }
        merging = false;
      } catch (...) {
        if (lock.owns_lock()) lock.unlock();
        fail(std::current_exception());
        break;
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
  return run;
}

EnsembleResult run_ensemble(const Scenario& scenario, const EnsembleOptions& options) {
  EnsembleResult result{OutcomeSchema(scenario), options.replicates, {}, 1, nullptr};
  const std::size_t width = result.schema.size();
  result.rows.assign(options.replicates * width, 0.0);
  const int weeks = options.weeks > 0 ? options.weeks : scenario.weeks;
  if (options.bands) result.bands = std::make_shared<Bands>(scenario, weeks);
  ChunkPlan plan;
  plan.bands = result.bands.get();
  const std::size_t band_width = result.bands ? static_cast<std::size_t>(weeks + 1) * result.bands->variables() : 0;
  const ChunkedRun run = run_chunks(scenario, options, plan, [&](const EnsembleChunk& chunk) {
    std::copy(chunk.rows.begin(), chunk.rows.end(), result.rows.begin() + static_cast<std::ptrdiff_t>(chunk.first * width));
    for (std::uint64_t k = 0; k < chunk.count; ++k)
      if (result.bands) result.bands->add_replicate(chunk.weekly.data() + k * band_width);
  });
  result.threads_used = run.threads_used;
  return result;
}

}  // namespace leverage
