// Whole replicates (docs/PERFORMANCE.md):
//   BM_Replicate52Weeks          one 52-week replicate, recording off (the ensemble's unit of work)
//   BM_Replicate52WeeksScripted  the same with every actor's rule overridden to `scripted`
//   BM_Replicate52WeeksAllLogit  the same with every actor's rule overridden to `logit` (the
//                                ensemble target's configuration: logit for all five actors)
//   BM_Replicate52WeeksRecorded  the same with a RunRecord (trajectory and decision log), for contrast
//   BM_Replicate52WeeksNoPrediction  BM_Replicate52Weeks with the crisis predictor unregistered
// and the driver that runs replicates outside the benchmark library, for callgrind.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "bench/run/alloc_counter.hpp"
#include "bench/run/benchmarks.hpp"
#include "bench/run/fixtures.hpp"
#include "engine/model/prediction.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::bench {

namespace {

using benchmark::Counter;

void report_replicates(benchmark::State& st, const AllocationWindow& window) {
  const double replicates = static_cast<double>(st.iterations());
  st.SetItemsProcessed(st.iterations() * kWeeks);  // items_per_second = weeks per second
  st.counters["replicates_per_s"] = Counter(replicates, Counter::kIsRate);
  st.counters["allocs_per_week"] = Counter(window.calls() / (replicates * kWeeks));
  st.counters["alloc_bytes_per_week"] = Counter(window.bytes() / (replicates * kWeeks));
}

// A whole replicate, recording off, varying the replicate index.
void BM_Replicate52Weeks(benchmark::State& st, const Scenario* scenario) {
  std::uint64_t replicate = 0;
  AllocationWindow window;
  for (auto _ : st) {
    WorldState final_state = run_replicate(*scenario, ReplicateKey{1, 0, replicate++}, kWeeks, nullptr);
    benchmark::DoNotOptimize(final_state);
  }
  window.finish();
  report_replicates(st, window);
  const ProjectionCounts counts = projections_per_week(*scenario, 20);
  st.counters["projections_per_week"] = counts.projections;
  st.counters["stepped_per_week"] = counts.stepped;
}

// The same with the trajectory and decision log recorded (what `leverage run` does).
void BM_Replicate52WeeksRecorded(benchmark::State& st) {
  std::uint64_t replicate = 0;
  AllocationWindow window;
  for (auto _ : st) {
    RunRecord record;
    WorldState final_state =
        run_replicate(*fixtures().configured, ReplicateKey{1, 0, replicate++}, kWeeks, &record);
    benchmark::DoNotOptimize(final_state);
    benchmark::DoNotOptimize(record.decisions.data());
  }
  window.finish();
  report_replicates(st, window);
}

// With the predictor unregistered during the timed loop: the replicate rate without the benchmark
// beside the simulation, for contrast with BM_Replicate52Weeks (which predicts at each issue).
void BM_Replicate52WeeksNoPrediction(benchmark::State& st) {
  const CrisisPredictor predictor = crisis_predictor();
  register_crisis_predictor(nullptr);
  BM_Replicate52Weeks(st, fixtures().configured.get());
  register_crisis_predictor(predictor);
}

}  // namespace

void register_replicate_benchmarks() {
  const Fixtures& f = fixtures();
  benchmark::RegisterBenchmark("BM_Replicate52Weeks", BM_Replicate52Weeks, f.configured.get());
  benchmark::RegisterBenchmark("BM_Replicate52WeeksScripted", BM_Replicate52Weeks, f.scripted.get());
  benchmark::RegisterBenchmark("BM_Replicate52WeeksAllLogit", BM_Replicate52Weeks, f.logit.get());
  benchmark::RegisterBenchmark("BM_Replicate52WeeksRecorded", BM_Replicate52WeeksRecorded);
  benchmark::RegisterBenchmark("BM_Replicate52WeeksNoPrediction", BM_Replicate52WeeksNoPrediction);
}

int run_driver(long replicates, const std::string& variant) {
  const Fixtures& f = fixtures();
  const Scenario* chosen = variant == "scripted"     ? f.scripted.get()
                           : variant == "logit"      ? f.logit.get()
                           : variant == "configured" ? f.configured.get()
                                                     : nullptr;
  // logit_depthK: every actor on logit at level-k depth K.
  for (int k = 1; k <= kMaxLevelDepth; ++k)
    if (variant == "logit_depth" + std::to_string(k)) chosen = f.depth[static_cast<std::size_t>(k - 1)].get();
  if (!chosen) {
    std::fprintf(stderr, "unknown --variant=%s (configured, scripted, logit or logit_depth1..%d)\n", variant.c_str(),
                 kMaxLevelDepth);
    return 2;
  }
  const std::uint64_t calls_before = new_calls();
  double checksum = 0;
  for (long r = 0; r < replicates; ++r) {
    const WorldState final_state =
        run_replicate(*chosen, ReplicateKey{1, 0, static_cast<std::uint64_t>(r)}, kWeeks, nullptr);
    checksum += final_state.actors[0].payoff + final_state.prisoners;
  }
  const std::uint64_t calls = new_calls() - calls_before;
  std::printf("%ld replicates x %d weeks (%s): checksum %.17g, operator new calls in the loop: %llu\n", replicates,
              kWeeks, variant.c_str(), checksum, static_cast<unsigned long long>(calls));
  return 0;
}

}  // namespace leverage::bench
