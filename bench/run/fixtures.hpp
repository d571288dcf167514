#pragma once
// What the benchmarks of leverage_bench share (fixtures.cpp): belarus_2024 as in the file and in the
// rule variants the benchmarks compare, loaded once; the mid-run state the decision, step and
// valuation benchmarks start from; and the projection counts the replicate benchmarks report.
#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/model/scenario.hpp"
#include "engine/model/world.hpp"

namespace leverage::bench {

inline constexpr int kWeeks = 52;
inline constexpr int kMidRunWeeks = 10;
inline constexpr ReplicateKey kMidRunKey{1, 0, 0};

std::filesystem::path scenario_path();  // LEVERAGE_SOURCE_DIR/scenarios/belarus_2024.json

// The state after kMidRunWeeks weeks of replicate kMidRunKey, and the choices the rules make on it.
struct MidRun {
  WorldState state;
  WeekChoices choices;
  WeekChoices hold_all;
};

struct Fixtures {
  std::shared_ptr<const Scenario> configured;  // as in the file
  std::shared_ptr<const Scenario> scripted;    // every non-scripted actor overridden to `scripted` (it holds)
  std::shared_ptr<const Scenario> logit;       // every non-logit actor overridden to `logit` (rationality 1)
  std::array<std::shared_ptr<const Scenario>, kMaxLevelDepth> depth;  // [k-1]: every actor logit at depth k
  MidRun mid;                                   // on `configured`
};

// Loads them (once, before any benchmark runs); fixtures() is then the loaded set.
void load_fixtures();
const Fixtures& fixtures();

// belarus_2024 with `pointer=VALUE` assignments, as `--set` (each benchmark's own variants).
std::shared_ptr<const Scenario> load_variant(const std::vector<std::string>& overrides);

// The mid-run state and its choices, as text for the harness's context header.
std::string describe_mid_run(const Scenario& scenario, const MidRun& mid);

// Expected-dynamics projections per week, averaged over the first `replicates` replicates: one per
// feasible alternative of every logit actor, two for a collective one (`projections`); and the
// expected steps actually run (`stepped`): the alternative at each actor's own predicted action
// reads the week's one projection of the predicted profile (WeekValuation), so each logit actor
// steps one fewer and the week one more.
struct ProjectionCounts {
  double projections = 0, stepped = 0;
};
ProjectionCounts projections_per_week(const Scenario& scenario, int replicates);

}  // namespace leverage::bench
