#pragma once
// A small, deterministic "lab" scenario for hand-derived tests: no demand shocks, round numbers,
// no EU members (so no vetoes), every action kind on some actor's menu, scripted rules that hold.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"
#include "engine/model/world.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::test {

nlohmann::json lab_json();
std::shared_ptr<const Scenario> load(const nlohmann::json& document, const std::string& label = "lab.json");
std::shared_ptr<const Scenario> lab();

std::size_t actor(const Scenario& scenario, const std::string& id);
std::size_t action(const Scenario& scenario, const std::string& actor_id, const std::string& action_id);

// Everyone holds, except the given (actor, action) pairs.
WeekChoices holds(const Scenario& scenario);
WeekChoices with(const Scenario& scenario, std::initializer_list<std::pair<std::string, std::string>> acts);

// One week with expected dynamics (draws replaced by their means).
WorldState step_expected(const Scenario& scenario, WorldState state, const WeekChoices& choices);

// Forced actions from a table {week -> {actor id -> action id}}; weeks/actors not named follow their rules.
ForcedActions force(const Scenario& scenario, std::map<int, std::map<std::string, std::string>> table);

std::string source_path(const std::string& relative);

}  // namespace leverage::test
