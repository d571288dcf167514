#pragma once
// Recording a run for the replay tests.
#include "engine/model/scenario.hpp"
#include "engine/replay/replay_file.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::test {

struct RecordedRun {
  RunRecord record;
  WorldState final_state;
  replay::ReplayData replay;
};

inline RecordedRun record_run(const Scenario& scenario, const ReplicateKey& key, int weeks) {
  RecordedRun run;
  run.final_state = run_replicate(scenario, key, weeks, &run.record);
  run.replay = replay::make_replay(scenario, key, weeks, run.record, run.final_state);
  return run;
}

}  // namespace leverage::test
