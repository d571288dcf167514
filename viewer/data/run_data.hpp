#pragma once
// One run as the viewer shows it: the scenario, the state of every week, every decision, and the
// trajectory columns (engine/io/run_outputs.hpp) as series over the weeks. No drawing here.
//
// A replay file is opened the way `leverage replay` opens it: read, verified (the rules choose every
// logged action and the run lands on the recorded outcome), then re-simulated with a RunRecord.
// simulate_run() takes ForcedActions, so a play-as panel (a student choosing one capital's action)
// re-runs the same replicate with the student's choices forced.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/sim/simulation.hpp"
#include "viewer/data/csv_table.hpp"
#include "viewer/data/equilibrium.hpp"

namespace leverage::viewer {

// An ultimatum's deadline as the timeline marks it (every deadline it had, extensions included).
struct DeadlineMark {
  int ultimatum = 0;  // slot in WorldState::ultimatums
  int sender = -1;    // actor index
  int issue_week = 0;
  int deadline_week = 0;
};

class RunData {
 public:
  RunData(std::string label, std::shared_ptr<const Scenario> scenario, const ReplicateKey& key, int weeks,
          RunRecord record);

  const std::string& label() const { return label_; }
  const Scenario& scenario() const { return *scenario_; }
  std::shared_ptr<const Scenario> scenario_ptr() const { return scenario_; }
  const ReplicateKey& key() const { return key_; }
  int weeks() const { return weeks_; }
  std::size_t actors() const { return scenario_->actors.size(); }

  // The state after `week` weeks (0: the initial state), week clamped to [0, weeks()].
  const WorldState& state(int week) const;
  // Week `week`'s (1-based) decision of an actor, and the menu index it took.
  const DecisionRecord& decision(int week, std::size_t actor) const;
  std::size_t action(int week, std::size_t actor) const;
  const ActionSpec& action_spec(int week, std::size_t actor) const;

  // A trajectory column over weeks 0..weeks(), by its trajectory.csv name; null when absent.
  const std::vector<double>* series(std::string_view column) const;
  const std::vector<std::string>& column_names() const { return column_names_; }
  const std::vector<DeadlineMark>& deadlines() const { return deadlines_; }
  // Each ultimatum's equilibrium prediction from the run's summary (run_summary()), when it has one.
  const std::vector<std::optional<EquilibriumPrediction>>& equilibrium() const { return equilibrium_; }

 private:
  std::string label_;
  std::shared_ptr<const Scenario> scenario_;
  ReplicateKey key_;
  int weeks_;
  RunRecord record_;
  std::vector<std::string> column_names_;
  std::vector<std::vector<double>> columns_;  // [column][week]
  std::vector<DeadlineMark> deadlines_;
  std::vector<std::optional<EquilibriumPrediction>> equilibrium_;
};

// Reads, verifies and re-simulates a replay file. Throws LoadError naming the file (and, for a
// replay that does not verify, the week and actor where the runs part).
RunData load_replay_run(const std::filesystem::path& file);

// Runs a replicate with a record (actions forced where `forced` says so).
RunData simulate_run(std::string label, std::shared_ptr<const Scenario> scenario, const ReplicateKey& key, int weeks,
                     const ForcedActions* forced = nullptr);

// Where two runs first part: the first week at which some actor (matched by id) takes a different
// action, else the first week at which a shared trajectory column differs.
struct Divergence {
  bool diverge = false;
  int week = -1;      // 1-based week of the first difference
  std::string actor;  // actor id when an action differs, empty otherwise
  std::string action_a, action_b;
  std::string column;  // the first differing column when no action differs
  std::string describe() const;
};
Divergence first_divergence(const RunData& a, const RunData& b);

}  // namespace leverage::viewer
