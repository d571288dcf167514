#pragma once
// scenarios/inspection_game.json with both actors' rules set, and hand-built weeks for the
// learners' tests.
#include <fstream>
#include <string>

#include "engine/model/scenario_loader.hpp"
#include "engine/sim/simulation.hpp"
#include "tests/support/lab.hpp"

namespace leverage::test {

inline std::shared_ptr<const Scenario> inspection_game(const nlohmann::json& minsk_rule, const nlohmann::json& warsaw_rule) {
  nlohmann::json document = nlohmann::json::parse(std::ifstream(source_path("scenarios/inspection_game.json")));
  document["actors"][0]["rule"] = minsk_rule;
  document["actors"][1]["rule"] = warsaw_rule;
  return load(document, "inspection_game.json");
}

// Lets `actor`'s rule observe a week in which Minsk and Warsaw took these actions on the initial state.
inline void observe_stage(const Scenario& s, std::size_t actor, const std::string& minsk_action,
                          const std::string& warsaw_action, RuleMemory& memory) {
  const WorldState before = initial_state(s, ReplicateKey{1, 0, 0});
  const WeekChoices choices = with(s, {{"minsk", minsk_action}, {"warsaw", warsaw_action}});
  const WorldState after = step_expected(s, before, choices);
  s.actors[actor].rule->observe(ObservedWeek{s, before, after, choices, actor}, memory);
}

// The rule's decision on the initial state with this memory; `u` receives the uniform it draws.
inline std::size_t decide_with(const Scenario& s, std::size_t actor, const RuleMemory& memory, DecisionRecord& record,
                               double& u) {
  const WorldState state = initial_state(s, ReplicateKey{1, 0, 0});
  rng::Rng noise = decision_stream(ReplicateKey{1, 0, 0}, s.actors[actor].id_hash, 1);
  rng::Rng copy = noise;
  u = rng::uniform01(copy);
  return s.actors[actor].rule->decide(DecisionInput{s, state, actor, feasible_actions(s, state, actor), noise, memory},
                                      &record);
}

}  // namespace leverage::test
