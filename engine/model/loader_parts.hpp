#pragma once
// Internal to the scenario loader: reading actors (actor_loader.cpp) for scenario_loader.cpp.
#include <vector>

#include "engine/config/json_reader.hpp"
#include "engine/model/scenario.hpp"

namespace leverage::loader {

// First pass over `actors`: ids, names, types and economies (menus need the actor list and the
// named prisoners, so they come in the second pass). Crossing ids are needed for terminal fees.
void read_actor_headers(const config::Node& actors, Scenario& scenario, const std::vector<std::string>& crossing_ids);

// Second pass: menus (actions and their ultimatums), then payoff models and decision rules built
// from the registries with validated parameters.
void read_actor_menus_and_policies(const config::Node& actors, Scenario& scenario);

// A reference to an actor by id, with a did-you-mean on a near miss.
int actor_ref(const config::Node& node, const Scenario& scenario);

}  // namespace leverage::loader
