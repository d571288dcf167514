#pragma once
// class_results.csv (docs/VIEWER.md, "For a class"): one row per student choice and one per
// ultimatum deadline the play reached. Columns:
//   kind            choice or prediction
//   week            the choice's week, or the deadline week
//   actor           the capital that chose, or the ultimatum's sender
//   student_action  the student's menu action                      (choice)
//   ai_action       what the capital's rule chose in the same position (choice)
//   student_value, ai_value  the rule's value of each of the two       (choice)
//   prediction      the class's prediction of Minsk's answer, empty if none was made (prediction)
//   outcome         Minsk's answer: comply, partly or defy             (prediction)
//   correct         1 or 0, empty without a prediction                 (prediction)
//
// play_inputs() drives a LiveRun from an inputs file (engine/io/play_inputs.hpp), headless.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/io/play_inputs.hpp"
#include "viewer/data/live_run.hpp"

namespace leverage::viewer {

std::string class_results_csv(const LiveRun& play);

// Writes the play's trajectory.csv, decisions.csv and summary.json (the writers of `leverage run`)
// and class_results.csv into `directory`. Returns the paths.
std::vector<std::filesystem::path> write_play_outputs(const std::filesystem::path& directory, const LiveRun& play);

// Plays the inputs' rows: each week the predict rows for the deadlines ahead, then the choose rows of
// the played capitals in turn order. Stops after `until_week` weeks (-1: the horizon) or, unless
// `require_every_week`, at the first missing choice. Throws PlayInputsError naming the file and row:
// a choose row for a capital nobody plays, a refused (infeasible) choice, a missing choice when
// `require_every_week`, or (once the play is over) a predict row that matched no deadline.
void play_inputs(LiveRun& play, const PlayInputs& inputs, bool require_every_week, int until_week = -1);

}  // namespace leverage::viewer
