// `leverage sensitivity`: Morris screening and Sobol indices over an experiment's parameters, run on
// the sweep engine (docs/SENSITIVITY.md).
#include <iostream>
#include <stdexcept>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/sensitivity_run.hpp"
#include "engine/analysis/sensitivity_outputs.hpp"
#include "engine/config/json_reader.hpp"

namespace leverage::cli {

namespace {

struct SensitivityArgs {
  std::string experiment;
  std::string method;
  std::vector<std::string> outcomes;
  std::string out;
  int threads = 0;
  bool resume = false, quiet = false;
  bool points_only = false;
  std::string from_results;
  bool second_order = false;
  std::string estimator;
};

// The command that draws the figure of an index file (scripts/plot_analysis.py, from the repository root).
std::string plot_command(const std::string& method, const std::filesystem::path& csv) {
  std::filesystem::path png = csv;
  png.replace_extension(".png");
  return "scripts/plot_analysis.py " + method + " " + csv.string() + " --out " + png.string();
}

int command_sensitivity(const SensitivityArgs& args, std::ostream& out) {
  const auto method =
      args.method == "morris" ? analysis::SensitivityMethod::morris : analysis::SensitivityMethod::sobol;
  analysis::SettingsOverrides overrides;
  if (args.second_order) overrides.second_order = true;
  if (!args.estimator.empty())
    overrides.estimator =
        args.estimator == "jansen" ? analysis::SobolEstimator::jansen : analysis::SobolEstimator::saltelli;
  const analysis::SensitivityPlan plan = analysis::plan_sensitivity(args.experiment, method, overrides);
  const std::filesystem::path directory =
      args.out.empty() ? std::filesystem::path("out") / plan.name : std::filesystem::path(args.out);
  if (args.points_only) {
    const auto sweep_file = analysis::write_sweep_files(plan, directory);
    if (!args.quiet)
      out << "leverage sensitivity: " << plan.points.size() << " points (" << args.method << ", "
          << plan.parameters.size() << " parameters)\noutputs: " << (directory / "design.csv").string() << " "
          << sweep_file.string() << "\n"
          << "run them: leverage sweep " << sweep_file.string() << " (or its shards, or leverage-mpi sweep), then "
          << "leverage sensitivity " << args.experiment << " --method " << args.method << " --from-results "
          << (directory / "points.csv").string() << "\n";
    return 0;
  }
  SensitivityRun run;
  run.outcomes = args.outcomes;
  run.from_results = args.from_results;
  run.threads = args.threads;
  run.resume = args.resume;
  run.quiet = args.quiet;
  return run_sensitivity(plan, directory, run, out);
}

}  // namespace

int run_sensitivity(const analysis::SensitivityPlan& plan, const std::filesystem::path& directory,
                    const SensitivityRun& run, std::ostream& out) {
  const std::string method = analysis::method_name(plan.settings.method);
  std::filesystem::path results = run.from_results;
  if (results.empty()) {
    // A misspelled outcome is refused now, not after the sweep.
    for (const auto& outcome : run.outcomes) analysis::check_outcome(plan, outcome, "--outcome", "/");
    const auto sweep_file = analysis::write_sweep_files(plan, directory);
    SweepArgs sweep;
    sweep.experiment = sweep_file.string();
    sweep.threads = run.threads;
    sweep.out = directory.string();
    sweep.resume = run.resume;
    sweep.quiet = run.quiet;
    const int code = command_sweep(sweep, out);
    if (code != 0) return code;
    results = directory / "points.csv";
  }

  const analysis::SensitivityData data = analysis::read_results(plan, results, run.outcomes);
  std::vector<std::filesystem::path> files;
  try {
    files = analysis::write_indices(plan, data, directory);
  } catch (const std::invalid_argument& error) {  // a design the estimators cannot use
    throw config::ConfigError(results.string(), "/", "results of the " + method + " design", error.what());
  }
  if (!run.quiet) {
    out << "leverage sensitivity: " << method << ", " << plan.parameters.size() << " parameters, "
        << data.outcomes.size() << " outcomes, " << plan.points.size() << " runs\noutputs:";
    for (const auto& file : files) out << " " << file.string();
    out << "\nfigure: " << plot_command(method, files.front()) << "\n";
    if (plan.settings.method == analysis::SensitivityMethod::sobol)
      out << "figure: " << plot_command("convergence", directory / "sobol_convergence.csv") << "\n";
  }
  return 0;
}

void add_sensitivity_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<SensitivityArgs>();
  CLI::App* command = app.add_subcommand(
      "sensitivity", "Morris screening or Sobol indices of an experiment's parameters (docs/SENSITIVITY.md)");
  command->add_option("experiment", args->experiment, "Sensitivity experiment file (JSON)")->required();
  command->add_option("--method", args->method, "morris or sobol")
      ->required()
      ->check(CLI::IsMember({"morris", "sobol"}));
  command->add_option("--outcome", args->outcomes,
                      "Outcome column(s) (NAME or NAME_mean of points.csv, or a sum LABEL=A+B; default: every _mean column)");
  command->add_option("--out", args->out, "Output directory (default: out/<experiment>-<method>)");
  command->add_option("--threads,-t", args->threads, "OpenMP threads (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  command->add_flag("--resume", args->resume, "Continue an interrupted run from the blocks under DIR/.partial/");
  auto* points_only =
      command->add_flag("--points-only", args->points_only,
                        "Write the design (design.csv) and its sweep experiment (experiment.json), run nothing");
  auto* from_results = command->add_option(
      "--from-results", args->from_results,
      "Compute the indices from results in the design's row order (a points.csv, or one value per row)");
  points_only->excludes(from_results);
  command->add_flag("--second-order", args->second_order, "Sobol: second-order indices too (N (2D + 2) runs)");
  command->add_option("--estimator", args->estimator, "Sobol first-order estimator: saltelli (default) or jansen")
      ->check(CLI::IsMember({"saltelli", "jansen"}));
  command->add_flag("--quiet,-q", args->quiet, "No progress and no summary");
  command->callback([&action, args] { action = [args] { return command_sensitivity(*args, std::cout); }; });
}

}  // namespace leverage::cli
