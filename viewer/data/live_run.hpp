#pragma once
// A run stepped one week at a time with some capitals played by students (docs/VIEWER.md, "For a
// class"). No drawing here.
//
// Each week every actor's rule decides on last week's state, the played capitals' included: a rule
// always runs (engine/sim/simulation.cpp), so the AI's choice "in the same position" costs nothing
// extra and its decision-noise stream is consumed exactly as in `leverage run`. The students then
// choose in hot-seat turn order; a student's choice replaces the rule's, as a forced action does in
// run_replicate(). So a finished play equals `leverage run --force` with the same choices, byte for
// byte (tests/viewer/play.sh checks it).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/play_inputs.hpp"
#include "engine/model/scenario.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::viewer {

// One student's choice and what the actor's rule would have chosen in the same position.
struct HumanDecision {
  int week = 0;
  std::size_t actor = 0;
  std::size_t student_action = 0;
  std::size_t ai_action = 0;
  double student_value = 0;  // the rule's value of each action (DecisionRecord::value)
  double ai_value = 0;
};

// An ultimatum's deadline as the run met it, with the class's prediction when there was one.
struct DeadlineResult {
  int week = 0;  // the deadline week (as announced; Minsk may answer earlier by complying)
  std::size_t sender = 0;
  int ultimatum = 0;  // slot in WorldState::ultimatums
  DeadlineAnswer actual = DeadlineAnswer::defy;
  std::optional<DeadlineAnswer> predicted;
};

// Why an actor cannot take an action on a state (its precondition, in words); empty when it can.
std::string infeasibility_reason(const Scenario& scenario, const WorldState& state, std::size_t actor,
                                 std::size_t action);

// Minsk's answer at the deadline, read off the ultimatum after its deadline week: comply when the
// demand was met by then, partly when at least the ultimatum's partial_threshold share was met (the
// protocol's own line between partial compliance and backing down), defy otherwise.
DeadlineAnswer deadline_answer(const Scenario& scenario, const UltimatumState& u);

class LiveRun {
 public:
  // `players`: the played actors in hot-seat turn order (1 to 5, distinct). Throws
  // std::invalid_argument otherwise.
  LiveRun(std::shared_ptr<const Scenario> scenario, const ReplicateKey& key, int weeks,
          std::vector<std::size_t> players);

  const Scenario& scenario() const { return *scenario_; }
  std::shared_ptr<const Scenario> scenario_ptr() const { return scenario_; }
  const ReplicateKey& key() const { return key_; }
  int weeks() const { return weeks_; }
  int week() const { return state_.week; }  // weeks stepped so far
  bool finished() const { return state_.week >= weeks_; }
  const WorldState& state() const { return state_; }
  const std::vector<std::size_t>& players() const { return players_; }

  // Whose turn it is this week (an actor index); nullopt when the run is finished.
  std::optional<std::size_t> current_player() const;
  // The coming week's evaluation of an actor's menu by its rule: feasibility, values, probabilities.
  const DecisionRecord& pending(std::size_t actor) const { return pending_[actor]; }
  // What the actor's rule chooses this week.
  std::size_t ai_choice(std::size_t actor) const { return ai_choices_.action[actor]; }

  // Open ultimatums still before their deadline (slots): the class may predict Minsk's answer.
  std::vector<int> predictable_ultimatums() const;
  // Records (or replaces) the class's prediction for an ultimatum's current deadline.
  void predict(int ultimatum, DeadlineAnswer answer);
  std::optional<DeadlineAnswer> prediction(int ultimatum) const;

  // The current player's choice. Refused, with the reason, when it is another actor's turn, the
  // index is off the menu or the action is infeasible; otherwise recorded, and once every player
  // has chosen the week is stepped. Returns the refusal, or nullopt when accepted.
  std::optional<std::string> choose(std::size_t actor, std::size_t action);

  const RunRecord& record() const { return record_; }
  const std::vector<HumanDecision>& human_decisions() const { return human_; }
  const std::vector<DeadlineResult>& deadlines() const { return deadlines_; }

 private:
  struct PendingPrediction {
    int ultimatum;
    int deadline_week;
    DeadlineAnswer answer;
  };
  void prepare_week();
  void step();

  std::shared_ptr<const Scenario> scenario_;
  ReplicateKey key_;
  int weeks_;
  std::vector<std::size_t> players_;
  WorldState state_;
  RuleMemories memories_{};
  RunRecord record_;
  std::vector<DecisionRecord> pending_;
  WeekChoices ai_choices_;
  WeekChoices choices_;
  std::size_t turn_ = 0;  // index into players_
  std::vector<HumanDecision> human_;
  std::vector<PendingPrediction> predictions_;
  std::vector<DeadlineResult> deadlines_;
};

}  // namespace leverage::viewer
