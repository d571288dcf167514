// The benchmark beside the simulation (engine/model/prediction.hpp):
//   BM_CrisisPrediction/solved   the registered predictor (crisis_equilibria_fast, no heap) on
//                                belarus_2024's crisis game, a new prior at every call
//   BM_CrisisPrediction/generic  the same games solved by the generic tree solver the predictor stands
//                                in for (crisis_equilibria: the tree built, pure_perfect_bayesian, assess)
#include <benchmark/benchmark.h>

#include "agents/solvers/crisis.hpp"
#include "bench/run/benchmarks.hpp"
#include "bench/run/fixtures.hpp"
#include "engine/model/prediction.hpp"

namespace leverage::bench {

namespace {

void BM_CrisisPrediction(benchmark::State& st, bool generic) {
  const Scenario& s = *fixtures().configured;
  const auto sender = static_cast<std::size_t>(s.actor_index("brussels"));
  std::size_t spec = 0;
  for (const auto& action : s.actors[sender].menu)
    if (action.kind == ActionKind::issue_ultimatum) spec = static_cast<std::size_t>(action.ultimatum);
  const CrisisPredictor predictor = crisis_predictor();
  if (!predictor) {
    st.SkipWithError("no crisis predictor registered");
    return;
  }
  std::uint64_t call = 0;
  for (auto _ : st) {
    const double prior = 0.35 + 1e-12 * static_cast<double>(call++);
    const CrisisInputs in = crisis_inputs(s, sender, spec, prior, 0.3);
    if (generic) {
      auto found = games::crisis_equilibria(games::crisis_parameters(in));
      benchmark::DoNotOptimize(found);
    } else {
      CrisisPrediction p = predictor(in);
      benchmark::DoNotOptimize(p);
    }
  }
  st.counters["s_per_prediction"] =
      benchmark::Counter(static_cast<double>(st.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace

void register_prediction_benchmarks() {
  benchmark::RegisterBenchmark("BM_CrisisPrediction/solved", BM_CrisisPrediction, false);
  benchmark::RegisterBenchmark("BM_CrisisPrediction/generic", BM_CrisisPrediction, true);
}

}  // namespace leverage::bench
