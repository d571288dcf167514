// Printing a Solution: JSON for programs (--json) and an aligned table for people.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "agents/solvers/solution.hpp"

namespace leverage::games {

// {"game", "solver", "players", "equilibria": [{"type", "strategies": [{"player", "infoset"?, "actions":
// {action: probability}}], "expected_payoffs": {player: value}, "beliefs": [...], "notes"}], "facts", "notes"}
nlohmann::ordered_json solution_json(const std::string& game_name, const Solution& solution);
void print_solution(std::ostream& out, const std::string& game_name, const Solution& solution);
// The path (QRE) or table (bargaining, bdm) as CSV: a header row, then one row per point.
std::string path_csv(const PathTable& table);

}  // namespace leverage::games
