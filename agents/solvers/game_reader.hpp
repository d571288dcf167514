// Reading game files (docs/GAMES.md). Every mistake is one config::ConfigError naming the file and the JSON
// pointer, like a scenario error; a mistake inside a formula also names its column:
//   games/my.json:/payoffs/0/1/0: expected an arithmetic formula, found "gain - " (column 8: expected a
//   number, a name or "(", found the end of the formula)
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "agents/solvers/game.hpp"

namespace leverage::games {

struct GameFile {
  std::string name;
  std::string description;
  Game game;
};

// Reads a parsed document labelled `file_label` in errors.
GameFile read_game(const nlohmann::json& document, const std::string& file_label);
// Reads a file, after applying `--set /json/pointer=VALUE` overrides (config::apply_override), so a sweep
// can vary a variable: --set /variables/penalty=6.
GameFile read_game_file(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});

}  // namespace leverage::games
