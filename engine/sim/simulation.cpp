#include "engine/sim/simulation.hpp"

#include <stdexcept>
#include <string>

#include "engine/model/valuation.hpp"

namespace leverage {

rng::Rng decision_stream(const ReplicateKey& key, std::uint64_t actor_hash, int week_number) {
  return rng::make_stream({key.master_seed, key.point, key.replicate, rng::hash_combine(purpose::decision, actor_hash),
                           static_cast<std::uint64_t>(week_number)});
}

WeekChoices decide_week(const Scenario& scenario, const WorldState& state, const ReplicateKey& key,
                        DecisionRecord* records, const ForcedActions* forced, const RuleMemories* memories) {
  static const RuleMemory kEmptyMemory{};
  WeekChoices choices;
  const int week = state.week + 1;
  WeekValuation shared(scenario, state);  // the valuations' common work, done on first use
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
    const RuleMemory& memory = memories ? (*memories)[i] : kEmptyMemory;
    const std::size_t rule_choice =
        actor.rule->decide(DecisionInput{scenario, state, i, feasible, noise, memory, memories, &shared}, record);
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

void observe_week(const Scenario& scenario, const WorldState& before, const WorldState& after,
                  const WeekChoices& choices, RuleMemories& memories) {
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const DecisionRule& rule = *scenario.actors[i].rule;
    if (rule.has_memory()) rule.observe(ObservedWeek{scenario, before, after, choices, i}, memories[i]);
  }
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
  bool any_memory = false;
  for (const ActorSpec& actor : scenario.actors) any_memory = any_memory || actor.rule->has_memory();
  RuleMemories memories{};
  for (int w = 0; w < weeks; ++w) {
    DecisionRecord* records = record ? &record->decisions[static_cast<std::size_t>(w) * n] : nullptr;
    const WeekChoices choices = decide_week(scenario, state, key, records, forced, &memories);
    SampledNoise noise(key, state.week + 1);
    if (any_memory) {
      const WorldState before = state;
      step_week(scenario, state, choices, noise);
      observe_week(scenario, before, state, choices, memories);
    } else {
      step_week(scenario, state, choices, noise);
    }
    if (observer) (*observer)(state);
    if (record) {
      record->weeks.push_back(state);
      record->actions.push_back(choices);
    }
  }
  return state;
}

}  // namespace leverage
