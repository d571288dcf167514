#pragma once
// Subcommand registration: each file under cli/ adds its subcommand, with its options and --help,
// and sets `action` when it is the one chosen on the command line.
#include <CLI/CLI.hpp>
#include <functional>

namespace leverage::cli {

using CommandAction = std::function<int()>;

void add_run_command(CLI::App& app, CommandAction& action);          // cmd_run.cpp
void add_validate_command(CLI::App& app, CommandAction& action);     // cmd_run.cpp
void add_ensemble_command(CLI::App& app, CommandAction& action);     // cmd_ensemble.cpp
void add_replay_command(CLI::App& app, CommandAction& action);       // cmd_replay.cpp
void add_sweep_command(CLI::App& app, CommandAction& action);        // cmd_sweep.cpp
void add_merge_command(CLI::App& app, CommandAction& action);        // cmd_sweep.cpp
void add_solve_command(CLI::App& app, CommandAction& action);        // cmd_solve.cpp
void add_tournament_command(CLI::App& app, CommandAction& action);   // cmd_tournament.cpp
void add_sensitivity_command(CLI::App& app, CommandAction& action);  // cmd_sensitivity.cpp
void add_discover_command(CLI::App& app, CommandAction& action);     // cmd_discover.cpp
void add_experiment_command(CLI::App& app, CommandAction& action);   // cmd_experiment.cpp
void add_reference_commands(CLI::App& app, CommandAction& action);   // reference.cpp: schema, list, docs

}  // namespace leverage::cli
