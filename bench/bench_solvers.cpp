// Benchmarks of the game solvers (agents/solvers/, docs/GAMES.md) on random games from engine/rng streams.
//
//   BM_SupportEnumeration/<n>  all equilibria of an n x n game with payoffs uniform on [0, 1)
//   BM_LemkeHowson/<n>         the Lemke-Howson paths from all 2n labels of the same games
//   BM_QrePath/<n>             the logit QRE path of an n x n game from lambda 0 to 50
//   BM_CrisisEquilibria        every PBE of the crisis game with uncertain resolve (pure + semi-separating)
#include <benchmark/benchmark.h>

#include "agents/solvers/crisis.hpp"
#include "agents/solvers/learning.hpp"
#include "agents/solvers/nash.hpp"
#include "engine/rng/rng.hpp"
#include "engine/util/hash.hpp"

namespace {

using namespace leverage;

games::NormalFormGame random_square(std::size_t n) {
  rng::Rng stream = rng::make_stream({.master_seed = 1, .point = 0, .replicate = n, .purpose = fnv1a64("bench")});
  games::NormalFormGame game;
  game.players = {"row", "column"};
  game.actions.assign(2, std::vector<std::string>(n, "a"));
  game.payoffs.resize(n * n * 2);
  for (double& payoff : game.payoffs) payoff = rng::uniform01(stream);
  return game;
}

void BM_SupportEnumeration(benchmark::State& state) {
  const auto game = random_square(static_cast<std::size_t>(state.range(0)));
  std::size_t equilibria = 0;
  for (auto _ : state) {
    const auto found = games::support_enumeration(game);
    equilibria = found.equilibria.size();
    benchmark::DoNotOptimize(equilibria);
  }
  state.counters["equilibria"] = static_cast<double>(equilibria);
}
BENCHMARK(BM_SupportEnumeration)->Arg(4)->Arg(6)->Arg(8)->Unit(benchmark::kMicrosecond);

void BM_LemkeHowson(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const auto game = random_square(n);
  for (auto _ : state)
    for (std::size_t label = 0; label < 2 * n; ++label) benchmark::DoNotOptimize(games::lemke_howson(game, label));
}
BENCHMARK(BM_LemkeHowson)->Arg(4)->Arg(8)->Arg(16)->Unit(benchmark::kMicrosecond);

void BM_QrePath(benchmark::State& state) {
  const auto game = random_square(static_cast<std::size_t>(state.range(0)));
  std::size_t points = 0;
  for (auto _ : state) {
    const auto path = games::trace_logit_qre(game, 50.0);
    points = path.lambdas.size();
    benchmark::DoNotOptimize(points);
  }
  state.counters["points"] = static_cast<double>(points);
}
BENCHMARK(BM_QrePath)->Arg(2)->Arg(3)->Arg(5)->Unit(benchmark::kMicrosecond);

void BM_CrisisEquilibria(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(games::crisis_equilibria({}));
}
BENCHMARK(BM_CrisisEquilibria)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
