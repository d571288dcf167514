#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"
#include "engine/model/world.hpp"
#include "engine/sim/simulation.hpp"

// The files `leverage run` writes (docs/OUTPUTS.md): trajectory.csv, decisions.csv, summary.json.
// Each is built in memory and written by temporary name, fsync and rename.
namespace leverage {

// One trajectory column: its header name (with its unit) and how to read it off a state.
struct Column {
  std::string name;
  std::function<double(const WorldState&)> value;
};

// The trajectory columns of a scenario: world variables, then per crossing, then per actor.
std::vector<Column> trajectory_columns(const Scenario& scenario);

// Final outcome of an ultimatum at the horizon: complied_threat, partly_complied,
// complied_after_imposition, executed_defied, extended, backed_down, or pending.
std::string ultimatum_outcome(const UltimatumState& u);

std::string trajectory_csv(const Scenario& scenario, const RunRecord& record);
std::string decisions_csv(const Scenario& scenario, const RunRecord& record);
nlohmann::ordered_json run_summary(const Scenario& scenario, const WorldState& final_state, const ReplicateKey& key,
                                   int weeks);

// Writes the three files into `directory` (created if needed). Returns their paths.
std::vector<std::filesystem::path> write_run_outputs(const std::filesystem::path& directory, const Scenario& scenario,
                                                     const RunRecord& record, const ReplicateKey& key, int weeks);

}  // namespace leverage
