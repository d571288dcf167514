#pragma once
// The groups of leverage_bench's benchmarks, each registered by its own file (docs/PERFORMANCE.md,
// "Running the benchmark", lists them all).
#include <string>

namespace leverage::bench {

void register_replicate_benchmarks();   // replicate.cpp: whole 52-week replicates
void register_decision_benchmarks();    // decision.cpp: decisions, steps, copies and valuations on the mid-run state
void register_prediction_benchmarks();  // prediction.cpp: the crisis game solved at an issued ultimatum

// `--replicates=N [--variant=V]`: N replicates outside the benchmark library, with a checksum and the
// operator new calls, for valgrind --tool=callgrind (replicate.cpp). Returns the exit code.
int run_driver(long replicates, const std::string& variant);

}  // namespace leverage::bench
