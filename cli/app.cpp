#include "cli/app.hpp"
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "engine/config/json_reader.hpp"
#include "engine/io/play_inputs.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/version.hpp"

namespace leverage::cli {

namespace {

// Runs a subcommand body, turning every failure into one line on stderr and an exit code.
template <typename F>
int guarded(F&& body) {
  try {
    return body();
  } catch (const config::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const PlayInputsError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const IoError& e) {
    std::cerr << "leverage: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "leverage: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "leverage: internal error: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace

int run_main(int argc, char** argv) {
  CLI::App app{"leverage: an agent-based, game-theoretic simulator of sanctions bargaining"};
  app.set_version_flag("--version", std::string(kVersion) + " (" + kGitCommit + ")");
  app.require_subcommand(1);
  // Each subcommand lives in its own file and registers itself here; parsing selects one action.
  CommandAction action;
  add_run_command(app, action);
  add_ensemble_command(app, action);
  add_replay_command(app, action);
  add_sweep_command(app, action);
  add_merge_command(app, action);
  add_validate_command(app, action);
  add_solve_command(app, action);
  add_tournament_command(app, action);
  add_experiment_command(app, action);
  add_sensitivity_command(app, action);
  add_discover_command(app, action);
  add_reference_commands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return action ? guarded(action) : 2;
}

}  // namespace leverage::cli
