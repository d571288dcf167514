#pragma once
// Human choices from a file (docs/VIEWER.md, "For a class"): a CSV with the header
//   kind,week,actor,action
// and one row per choice or prediction:
//   choose,3,brussels,ultimatum      week 3, Brussels takes its menu action "ultimatum"
//   predict,6,brussels,defy          before Brussels's deadline in week 6, the class predicts that
//                                    Minsk defies (comply, partly or defy)
// Blank lines and lines starting with '#' are skipped. `leverage run --force FILE` forces the choose
// rows (predict rows change nothing in the run); `leverage-viewer RUN.lvr --play ... --inputs FILE`
// plays them headless. Every mistake is a PlayInputsError naming the file, the row and the field.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage {

// "FILE: row R, field F: expected E, found X" (row is the 1-based line number; field is a column name).
struct PlayInputsError : std::runtime_error {
  PlayInputsError(const std::string& file, int row, const std::string& field, const std::string& expected,
                  const std::string& found);
  explicit PlayInputsError(const std::string& message) : std::runtime_error(message) {}
};

// Minsk's answer at an ultimatum's deadline, as a class predicts it and as the run shows it.
enum class DeadlineAnswer { comply, partly, defy };
const char* answer_name(DeadlineAnswer answer);
std::optional<DeadlineAnswer> parse_answer(std::string_view text);

struct PlayChoice {
  int week = 0;            // 1-based
  std::size_t actor = 0;   // scenario index
  std::size_t action = 0;  // menu index
  int row = 0;             // line in the file
};

struct PlayPrediction {
  int week = 0;           // the deadline week
  std::size_t actor = 0;  // the ultimatum's sender
  DeadlineAnswer answer = DeadlineAnswer::defy;
  int row = 0;
};

struct PlayInputs {
  std::string file;
  std::vector<PlayChoice> choices;          // at most one per (week, actor)
  std::vector<PlayPrediction> predictions;  // at most one per (week, sender)

  // The forced menu index for (week, actor), if the file has one.
  const PlayChoice* choice(int week, std::size_t actor) const;
  const PlayPrediction* prediction(int week, std::size_t sender) const;
  // The choose rows as forced actions for run_replicate (refers to *this: keep it alive).
  ForcedActions forced_actions() const;
};

// Parses the text of an inputs file against the scenario (actor ids, menu ids) and the horizon.
PlayInputs parse_play_inputs(std::string_view text, const std::string& label, const Scenario& scenario, int weeks);
// Reads and parses a file; an unreadable file is a PlayInputsError too.
PlayInputs read_play_inputs(const std::filesystem::path& path, const Scenario& scenario, int weeks);

// After a run forced with these inputs: throws PlayInputsError at the first choose row whose action
// was not feasible in its week (the record's feasible masks), naming the row and the action.
void check_choices_feasible(const PlayInputs& inputs, const Scenario& scenario, const RunRecord& record);

}  // namespace leverage
