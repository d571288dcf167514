// `leverage run` and `leverage validate`.
#include <iostream>
#include <optional>

#include "agents/solvers/solution.hpp"
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/summary_text.hpp"
#include "engine/io/play_inputs.hpp"
#include "engine/io/run_outputs.hpp"
#include "engine/model/policy.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/replay/replay_file.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::cli {

int command_run(const RunArgs& args, std::ostream& out) {
  const auto scenario = load_scenario(args.scenario, args.overrides);
  const int weeks = args.weeks > 0 ? args.weeks : scenario->weeks;
  const ReplicateKey key{args.seed, 0, 0};
  RunRecord record;
  std::optional<PlayInputs> inputs;
  ForcedActions forced;
  if (!args.force.empty()) {
    inputs = read_play_inputs(args.force, *scenario, weeks);
    forced = inputs->forced_actions();
  }
  const WorldState final_state = run_replicate(*scenario, key, weeks, &record, inputs ? &forced : nullptr);
  if (inputs) check_choices_feasible(*inputs, *scenario, record);
  const std::filesystem::path directory =
      args.out.empty() ? std::filesystem::path("out") / (scenario->name + "-seed" + std::to_string(args.seed))
                       : std::filesystem::path(args.out);
  const auto files = write_run_outputs(directory, *scenario, record, key, weeks);
  if (!args.record.empty())
    replay::write_replay(args.record, replay::make_replay(*scenario, key, weeks, record, final_state));
  if (!args.quiet) {
    print_run_summary(out, "leverage run", *scenario, run_summary(*scenario, final_state, key, weeks));
    out << "outputs:";
    for (const auto& file : files) out << " " << file.string();
    if (!args.record.empty()) out << " " << args.record;
    out << "\n";
  }
  return 0;
}

int command_validate(const std::string& file, const std::vector<std::string>& overrides, std::ostream& out) {
  const auto scenario = load_scenario(file, overrides);
  out << file << ": valid scenario \"" << scenario->name << "\" (" << scenario->actors.size() << " actors, "
      << scenario->weeks << " weeks, config hash " << scenario->config_hash.substr(0, 12) << ")\n";
  return 0;
}

int command_list(std::ostream& out) {
  out << "decision rules:\n";
  for (const auto& [name, entry] : rule_registry()) out << "  " << name << "  " << entry.summary << "\n";
  out << "payoff models:\n";
  for (const auto& [name, entry] : payoff_registry()) out << "  " << name << "  " << entry.summary << "\n";
  out << "action kinds:\n";
  for (const auto& entry : action_kind_table()) out << "  " << entry.name << "  " << entry.summary << "\n";
  out << "game solvers (leverage solve --solver NAME, docs/GAMES.md):\n";
  for (const auto& entry : games::solver_registry()) out << "  " << entry.name << "  " << entry.summary << "\n";
  out << "payoff terms:\n";
  for (const auto& entry : term_table())
    out << "  " << entry.name << " [" << entry.unit << "]  " << entry.summary << "\n";
  return 0;
}

}  // namespace leverage::cli

namespace leverage::cli {

void add_run_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* run = app.add_subcommand("run", "Simulate one run of a scenario and write its outputs");
  run->add_option("scenario", args->scenario, "Scenario file (JSON)")->required();
  run->add_option("--seed", args->seed, "Master seed (default 1)");
  run->add_option("--weeks", args->weeks, "Weeks to simulate (default: the scenario's `weeks`)")
      ->check(CLI::Range(1, 5200));
  run->add_option("--out", args->out, "Output directory (default: out/<scenario name>-seed<seed>)");
  run->add_option("--set", args->overrides, "Override a value: /json/pointer=VALUE (repeatable)")
      ->allow_extra_args(false);
  CLI::Option* record = run->add_option("--record", args->record,
                                        "Also write a replay file of the run (FILE.lvr; see `leverage replay`)");
  run->add_option("--force", args->force,
                  "Force the choose rows of this inputs file (CSV kind,week,actor,action; docs/VIEWER.md)")
      ->excludes(record);
  run->add_flag("--quiet,-q", args->quiet, "Print nothing but errors");
  run->callback([&action, args] { action = [args] { return command_run(*args, std::cout); }; });
}

void add_validate_command(CLI::App& app, CommandAction& action) {
  auto file = std::make_shared<std::string>();
  auto overrides = std::make_shared<std::vector<std::string>>();
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
  validate->add_option("scenario", *file, "Scenario file (JSON)")->required();
  validate->add_option("--set", *overrides, "Override a value: /json/pointer=VALUE (repeatable)")
      ->allow_extra_args(false);
  validate->callback([&action, file, overrides] {
    action = [file, overrides] { return command_validate(*file, *overrides, std::cout); };
  });
}

}  // namespace leverage::cli
