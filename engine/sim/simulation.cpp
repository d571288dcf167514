#include "engine/sim/simulation.hpp"

#include <stdexcept>
#include <string>

namespace leverage {

rng::Rng decision_stream(const ReplicateKey& key, std::uint64_t actor_hash, int week_number) {
  return rng::make_stream({key.master_seed, key.point, key.replicate, rng::hash_combine(purpose::decision, actor_hash),
                           static_cast<std::uint64_t>(week_number)});
}

WeekChoices decide_week(const Scenario& scenario, const WorldState& state, const ReplicateKey& key,
                        DecisionRecord* records, const ForcedActions* forced) {
  WeekChoices choices;
  const int week = state.week + 1;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorSpec& actor = scenario.actors[i];
    const MenuMask feasible = feasible_actions(scenario, state, i);
    DecisionRecord* record = records ? &records[i] : nullptr;
    std::optional<std::size_t> chosen;
    if (forced && *forced) chosen = (*forced)(week, i);
    if (chosen && *chosen >= actor.menu.size())
      throw std::out_of_range("forced action " + std::to_string(*chosen) + " for " + actor.id + " in week " +
                              std::to_string(week) + ": the menu has " + std::to_string(actor.menu.size()) + " actions");
    // The rule always runs, so its stream is consumed the same way whether or not a choice is forced.
    rng::Rng noise = decision_stream(key, actor.id_hash, week);
    const std::size_t rule_choice = actor.rule->decide(DecisionInput{scenario, state, i, feasible, noise}, record);
    const std::size_t action = chosen ? *chosen : rule_choice;
    choices.action[i] = static_cast<std::uint8_t>(action);
    if (record) {
      record->chosen = static_cast<std::uint8_t>(action);
      record->menu_size = static_cast<std::uint8_t>(actor.menu.size());
      record->feasible = feasible;
    }
  }
  return choices;
}

WorldState run_replicate(const Scenario& scenario, const ReplicateKey& key, int weeks, RunRecord* record,
                         const ForcedActions* forced, const WeekObserver* observer) {
  WorldState state = initial_state(scenario, key);
  if (observer) (*observer)(state);
  const std::size_t n = scenario.actors.size();
  if (record) {
    record->initial = state;
    record->weeks.reserve(weeks);
    record->actions.reserve(weeks);
    record->decisions.assign(static_cast<std::size_t>(weeks) * n, DecisionRecord{});
  }
  for (int w = 0; w < weeks; ++w) {
    DecisionRecord* records = record ? &record->decisions[static_cast<std::size_t>(w) * n] : nullptr;
    const WeekChoices choices = decide_week(scenario, state, key, records, forced);
    SampledNoise noise(key, state.week + 1);
    step_week(scenario, state, choices, noise);
    if (observer) (*observer)(state);
    if (record) {
      record->weeks.push_back(state);
      record->actions.push_back(choices);
    }
  }
  return state;
}

}  // namespace leverage
