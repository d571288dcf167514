// `leverage solve GAME.json [--solver NAME] [--json] [--csv FILE] [--set /pointer=VALUE ...]`: solves a game
// file (docs/GAMES.md) with a registered solver (agents/solvers/) and prints the solution.
#include <iostream>
#include <memory>

#include "agents/solvers/game_reader.hpp"
#include "agents/solvers/report.hpp"
#include "agents/solvers/solution.hpp"
#include "cli/commands.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/config/suggest.hpp"
#include "engine/util/atomic_file.hpp"

namespace leverage::cli {

namespace {

struct SolveArgs {
  std::string game;
  std::string solver;  // "" for the game's default
  bool json = false;
  std::string csv;  // where to write the path or table ("" for nowhere)
  std::vector<std::string> overrides;
  games::SolverOptions options;
};

// A usage mistake about the solver: one line on stderr, exit 2.
int refuse(const std::string& file, const std::string& message) {
  std::cerr << file << ": " << message << "\n";
  return 2;
}

int command_solve(const SolveArgs& args, std::ostream& out) {
  const games::GameFile file = games::read_game_file(args.game, args.overrides);
  const std::string name = args.solver.empty() ? games::default_solver(file.game) : args.solver;
  const games::SolverEntry* solver = games::find_solver(name);
  if (!solver) {
    std::vector<std::string> names;
    std::string known;
    for (const auto& entry : games::solver_registry()) {
      names.push_back(entry.name);
      known.append(known.empty() ? "" : ", ").append(entry.name);
    }
    std::string message = "no solver \"" + name + "\"";
    if (const auto near = config::closest_match(name, names)) message.append(" (did you mean \"").append(*near).append("\"?)");
    return refuse(args.game, message.append("; the solvers are ").append(known));
  }
  if (const auto why = solver->refuses(file.game))
    return refuse(args.game, "solver \"" + name + "\" " + *why + ", and this is a " + games::kind_name(file.game) + " game");
  const games::Solution solution = solver->solve(file.game, args.options);
  if (!args.csv.empty()) {
    if (!solution.path) return refuse(args.game, "solver \"" + name + "\" has no path or table to write with --csv");
    write_file_atomic(args.csv, games::path_csv(*solution.path));
  }
  if (args.json)
    out << games::solution_json(file.name, solution).dump(2) << "\n";
  else
    games::print_solution(out, file.name, solution);
  return 0;
}

}  // namespace

void add_solve_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<SolveArgs>();
  CLI::App* solve = app.add_subcommand("solve", "Solve a game file (docs/GAMES.md)");
  solve->add_option("game", args->game, "Game file (JSON)")->required();
  std::string solvers;
  for (const auto& entry : games::solver_registry()) solvers.append("\n  ").append(entry.name).append(": ").append(entry.summary);
  solve->add_option("--solver", args->solver, "Solver (default: by the kind of game):" + solvers);
  solve->add_flag("--json", args->json, "Print the solution as JSON");
  solve->add_option("--csv", args->csv, "Write the QRE path (or the bargaining or vote table) as CSV to FILE");
  solve->add_option("--set", args->overrides, "Override a value: /json/pointer=VALUE (repeatable)")->allow_extra_args(false);
  solve->add_option("--lambda-max", args->options.lambda_max, "qre: the largest rationality traced (default 50)")
      ->check(CLI::Range(0.0, 1e6));
  solve->add_option("--iterations", args->options.iterations,
                    "fictitious: rounds; replicator: Euler steps (default 100000)")
      ->check(CLI::Range(1ul, 100000000ul));
  solve->add_option("--step", args->options.step, "replicator: Euler time step (default 0.01)")->check(CLI::Range(1e-9, 1.0));
  solve->callback([&action, args] { action = [args] { return command_solve(*args, std::cout); }; });
}

}  // namespace leverage::cli
