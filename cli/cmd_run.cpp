// `leverage run` and `leverage validate`.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "engine/io/run_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/model/policy.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::cli {

namespace {

std::string fixed(double value, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << value;
  return s.str();
}

void print_summary(std::ostream& out, const Scenario& scenario, const nlohmann::ordered_json& summary) {
  const auto& o = summary["outcomes"];
  out << "leverage run: " << scenario.name << ", seed " << summary["seed"].get<unsigned long long>() << ", "
      << summary["weeks"].get<int>() << " weeks\n";
  out << "  prisoners        " << fixed(o["initial_stock"].get<double>(), 0) << " -> "
      << fixed(o["final_stock"].get<double>(), 0) << "  (released " << fixed(o["gross_releases"].get<double>(), 0)
      << ", re-arrested " << fixed(o["rearrests"].get<double>(), 0) << ", net change "
      << fixed(o["net_change_in_stock"].get<double>(), 0) << ")\n";
  out << "  first release    "
      << (o["first_release_week"].is_null() ? std::string("none") : "week " + o["first_release_week"].dump()) << "\n";
  if (summary["ultimatums"].empty()) {
    out << "  ultimatum        none issued\n";
  } else {
    for (const auto& u : summary["ultimatums"]) {
      out << "  ultimatum        " << u["sender"].get<std::string>() << ", " << fixed(u["demand"].get<double>(), 0)
          << " (" << u["demand_kind"].get<std::string>() << ") by week " << u["deadline_week"].get<int>() << ": "
          << u["outcome"].get<std::string>() << " (share met " << fixed(u["share_met_at_end"].get<double>(), 2)
          << ")\n";
    }
  }
  out << "  transit lost     " << fixed(o["transit_lost_teu"].get<double>(), 0) << " TEU\n";
  out << "  payoffs          ";
  bool first = true;
  for (const auto& a : summary["actors"]) {
    out << (first ? "" : ", ") << a["id"].get<std::string>() << " " << fixed(a["discounted_payoff"].get<double>(), 1);
    first = false;
  }
  out << "\n";
}

}  // namespace

int command_run(const RunArgs& args, std::ostream& out) {
  const auto scenario = load_scenario(args.scenario, args.overrides);
  const int weeks = args.weeks > 0 ? args.weeks : scenario->weeks;
  const ReplicateKey key{args.seed, 0, 0};
  RunRecord record;
  const WorldState final_state = run_replicate(*scenario, key, weeks, &record);
  const std::filesystem::path directory =
      args.out.empty() ? std::filesystem::path("out") / (scenario->name + "-seed" + std::to_string(args.seed))
                       : std::filesystem::path(args.out);
  const auto files = write_run_outputs(directory, *scenario, record, key, weeks);
  if (!args.quiet) {
    print_summary(out, *scenario, run_summary(*scenario, final_state, key, weeks));
    out << "outputs:";
    for (const auto& file : files) out << " " << file.string();
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
  out << "payoff terms:\n";
  for (const auto& entry : term_table()) out << "  " << entry.name << " [" << entry.unit << "]  " << entry.summary << "\n";
  return 0;
}

}  // namespace leverage::cli

namespace leverage::cli {

void add_run_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* run = app.add_subcommand("run", "Simulate one run of a scenario and write its outputs");
  run->add_option("scenario", args->scenario, "Scenario file (JSON)")->required();
  run->add_option("--seed", args->seed, "Master seed (default 1)");
  run->add_option("--weeks", args->weeks, "Weeks to simulate (default: the scenario's `weeks`)")->check(CLI::Range(1, 5200));
  run->add_option("--out", args->out, "Output directory (default: out/<scenario name>-seed<seed>)");
  run->add_option("--set", args->overrides, "Override a value: /json/pointer=VALUE (repeatable)")->allow_extra_args(false);
  run->add_flag("--quiet,-q", args->quiet, "Print nothing but errors");
  run->callback([&action, args] { action = [args] { return command_run(*args, std::cout); }; });
}

void add_validate_command(CLI::App& app, CommandAction& action) {
  auto file = std::make_shared<std::string>();
  auto overrides = std::make_shared<std::vector<std::string>>();
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
  validate->add_option("scenario", *file, "Scenario file (JSON)")->required();
  validate->add_option("--set", *overrides, "Override a value: /json/pointer=VALUE (repeatable)")->allow_extra_args(false);
  validate->callback([&action, file, overrides] {
    action = [file, overrides] { return command_validate(*file, *overrides, std::cout); };
  });
}

}  // namespace leverage::cli
