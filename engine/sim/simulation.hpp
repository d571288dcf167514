#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "engine/model/policy.hpp"
#include "engine/model/world.hpp"

// Running one replicate: the weekly loop of decide, then step (engine/model/world.hpp).
namespace leverage {

// Everything a recorded run keeps: the state after each week, every decision, the action log.
struct RunRecord {
  WorldState initial;
  std::vector<WorldState> weeks;             // state at the end of week w+1
  std::vector<WeekChoices> actions;          // the actions taken in week w+1
  std::vector<DecisionRecord> decisions;     // week-major: decisions[w * actors + i]
};

// Actions forced from outside (a replay, a student in the viewer): returns the menu index for
// (week number, actor) or nullopt to let the actor's rule decide.
using ForcedActions = std::function<std::optional<std::size_t>(int week, std::size_t actor)>;

// The decision-noise stream of one actor for one week.
rng::Rng decision_stream(const ReplicateKey& key, std::uint64_t actor_hash, int week_number);

// Chooses every actor's action for the coming week on `state` (simultaneous moves). `memories`
// holds each actor's rule memory (null: every rule sees a zeroed memory).
WeekChoices decide_week(const Scenario& scenario, const WorldState& state, const ReplicateKey& key,
                        DecisionRecord* records, const ForcedActions* forced, const RuleMemories* memories = nullptr);

// After a week's step: lets every rule with memory observe the week (before, after, choices).
void observe_week(const Scenario& scenario, const WorldState& before, const WorldState& after,
                  const WeekChoices& choices, RuleMemories& memories);

// Sees the initial state and the state after every week (ensemble bands).
using WeekObserver = std::function<void(const WorldState&)>;

// Runs `weeks` weeks from the initial state. With `record`, keeps the trajectory and decisions.
WorldState run_replicate(const Scenario& scenario, const ReplicateKey& key, int weeks, RunRecord* record = nullptr,
                         const ForcedActions* forced = nullptr, const WeekObserver* observer = nullptr);

}  // namespace leverage
