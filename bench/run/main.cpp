// leverage_bench: benchmarks of the weekly loop on scenarios/belarus_2024.json (docs/PERFORMANCE.md).
// The benchmarks are in replicate.cpp, decision.cpp and prediction.cpp; what they share in
// fixtures.cpp; the counting allocator in alloc_counter.cpp.
//
// `leverage_bench --replicates=N [--variant=V]` skips the benchmarks and runs N replicates of scenario
// variant V (configured, scripted, logit or logit_depthK) for valgrind --tool=callgrind;
// `--no-prediction` unregisters the crisis predictor first. Every other argument goes to Google Benchmark.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/run/benchmarks.hpp"
#include "bench/run/fixtures.hpp"
#include "engine/model/prediction.hpp"

int main(int argc, char** argv) {
  using namespace leverage;
  long driver_replicates = -1;
  std::string variant = "configured";
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strncmp(argv[i], "--replicates=", 13) == 0) {
      driver_replicates = std::strtol(argv[i] + 13, nullptr, 10);
    } else if (i > 0 && std::strncmp(argv[i], "--variant=", 10) == 0) {
      variant = argv[i] + 10;
    } else if (i > 0 && std::strcmp(argv[i], "--no-prediction") == 0) {
      register_crisis_predictor(nullptr);  // the replicate without the benchmark (docs/PERFORMANCE.md)
    } else {
      args.push_back(argv[i]);
    }
  }
  int arg_count = static_cast<int>(args.size());

  bench::load_fixtures();
  if (driver_replicates >= 0) return bench::run_driver(driver_replicates, variant);

  benchmark::Initialize(&arg_count, args.data());
  if (benchmark::ReportUnrecognizedArguments(arg_count, args.data())) return 1;

  const Scenario& scenario = *bench::fixtures().configured;
  std::string rules;
  for (const auto& actor : scenario.actors) rules += (rules.empty() ? "" : " ") + actor.id + ":" + actor.rule_name;
  benchmark::AddCustomContext("scenario", bench::scenario_path().string() + " (" +
                                              std::to_string(scenario.actors.size()) + " actors; " + rules + ")");
  benchmark::AddCustomContext("sizeof(WorldState)", std::to_string(sizeof(WorldState)) + " bytes");
  benchmark::AddCustomContext("sizeof(ActorState)", std::to_string(sizeof(ActorState)) + " bytes");
  benchmark::AddCustomContext("mid-run state", bench::describe_mid_run(scenario, bench::fixtures().mid));

  bench::register_replicate_benchmarks();
  bench::register_prediction_benchmarks();
  bench::register_decision_benchmarks();

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
