// The index computations of `leverage sensitivity` and `leverage discover` (docs/PERFORMANCE.md,
// "Sensitivity indices"): what the analysis costs next to the sweep it follows.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "engine/analysis/design.hpp"
#include "engine/analysis/morris.hpp"
#include "engine/analysis/prim.hpp"
#include "engine/analysis/sobol_indices.hpp"
#include "engine/rng/rng.hpp"

namespace {

using namespace leverage::analysis;

// A smooth test function of D inputs with unequal weights (all that matters here is the arithmetic).
std::vector<double> outputs(const UnitDesign& design) {
  std::vector<double> y;
  y.reserve(design.size());
  for (const auto& row : design) {
    double value = 0;
    for (std::size_t i = 0; i < row.size(); ++i) value += static_cast<double>(i + 1) * std::sin(3 * row[i]);
    y.push_back(value);
  }
  return y;
}

// Sobol first and total indices with 1000 bootstrap resamples: N base samples, D = 8.
void BM_SobolIndices(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0)), d = 8;
  const auto y = outputs(saltelli_design(d, n, false));
  SobolOptions options;
  options.resamples = 1000;
  for (auto _ : state) benchmark::DoNotOptimize(sobol_indices(y, d, options));
  state.counters["runs"] = static_cast<double>(y.size());
}
BENCHMARK(BM_SobolIndices)->Arg(256)->Arg(4096)->Unit(benchmark::kMillisecond);

// Morris indices with 1000 resamples: r trajectories, D = 8.
void BM_MorrisIndices(benchmark::State& state) {
  const std::size_t r = static_cast<std::size_t>(state.range(0)), d = 8;
  const auto design = morris_design(d, 4, r, 1);
  const auto y = outputs(design);
  for (auto _ : state) benchmark::DoNotOptimize(morris_indices(design, y, {1000, 0.95, 1}));
}
BENCHMARK(BM_MorrisIndices)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);

// PRIM peeling of n uniform points in 5 dimensions, a box of 10% of them.
void BM_PrimPeel(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  leverage::rng::Rng stream(1);
  std::vector<std::vector<double>> x(n, std::vector<double>(5));
  std::vector<bool> interest;
  for (auto& point : x) {
    for (double& u : point) u = leverage::rng::uniform01(stream);
    interest.push_back(point[0] < 0.3 && point[1] > 0.66);
  }
  for (auto _ : state) benchmark::DoNotOptimize(prim_peel(x, interest, {0.05, 0.05}));
}
BENCHMARK(BM_PrimPeel)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
