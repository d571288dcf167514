#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/analysis/sensitivity_plan.hpp"

// An experiment folder (docs/EXPERIMENTS.md): experiments/NAME/plan.json lists the runs that answer
// one research question, in order, and the script that turns their outputs into the summary table
// and the figures. Each step runs an input file the other commands already read (a sweep plan, a
// scenario with a tournament plan, a game file, a sensitivity experiment), so a step is exactly what
// `leverage sweep`, `leverage tournament`, `leverage solve` or `leverage sensitivity` would run on
// that file. A step's `quick` object is an RFC 7386 JSON merge patch laid over its file for
// `--quick` runs (fewer points and replicates), so CI runs every plan and script at a reduced size.
// A step's `patch` is laid over its file in every run: a tournament plan over a shipped scenario,
// say, without a copy of the scenario.
namespace leverage {

enum class StepKind { sweep, tournament, solve, sensitivity };
const char* step_kind_name(StepKind kind);

struct PlanStep {
  std::string id;  // [a-z0-9_]+, unique in the plan: the step's output folder
  StepKind kind = StepKind::sweep;
  std::filesystem::path file;          // resolved against the plan's folder
  std::string file_reference;          // as written in the plan
  nlohmann::json patch;                // merge patch laid over the file in every run (null: none)
  nlohmann::json quick;                // merge patch laid over that for --quick (null: none)
  bool independent_points = false;     // sweep: each point its own streams (as `leverage sweep --independent-points`)
  std::string solver;                  // solve: the solver ("" for the game's default)
  std::vector<std::string> overrides;  // solve: `/json/pointer=VALUE` assignments, as `--set`
  nlohmann::json options;              // solve: the solver's options object as written (null: defaults)
  // sensitivity: the method (as --method), the flags' settings (--second-order, --estimator) and
  // the outcomes (as --outcome; none: every _mean column)
  analysis::SensitivityMethod method = analysis::SensitivityMethod::sobol;
  analysis::SettingsOverrides sensitivity_overrides;
  std::vector<std::string> outcomes;
  std::string pointer;  // of the step in plan.json, for errors
};

struct ExperimentPlan {
  std::filesystem::path folder;
  std::filesystem::path file;  // folder / "plan.json"
  std::string hash;            // SHA-256 of plan.json's bytes
  std::string name;            // default: the folder's name
  std::string question;
  std::vector<PlanStep> steps;
  std::filesystem::path analysis;  // a Python 3 script in the folder ("" for none)
};

// Reads DIR/plan.json (or a plan file given directly). Checks every key and type, that step ids
// are unique, that every file exists, and that each quick patch is an object. Throws
// config::ConfigError (FILE:/json/pointer: expected ..., found ...).
ExperimentPlan load_experiment_plan(const std::filesystem::path& folder_or_file);

// The text a step runs: its file's bytes, or when the step has a `patch` (or `quick` and a quick
// patch) the file's JSON with the patch and then the quick patch applied, dumped with 2-space
// indentation. Throws config::ConfigError when the file is not
// JSON or the patched document is not an object.
std::string step_text(const PlanStep& step, bool quick);

}  // namespace leverage
