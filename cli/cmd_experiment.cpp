// `leverage experiment DIR [--quick]`: runs the steps of an experiment folder's plan.json (sweeps,
// tournaments, game solutions, sensitivity analyses) into one results folder, then its analysis
// script, which writes the summary table and the figures (docs/EXPERIMENTS.md).
#include <sys/wait.h>
#include <unistd.h>

#include <spawn.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <variant>

#include "agents/solvers/game_reader.hpp"
#include "agents/solvers/report.hpp"
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/sensitivity_run.hpp"
#include "engine/analysis/sensitivity_outputs.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/plan/experiment_plan.hpp"
#include "engine/sweep/sweep.hpp"
#include "engine/tournament/tournament.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/hash.hpp"
#include "engine/util/progress.hpp"
#include "engine/version.hpp"

extern char** environ;

namespace leverage::cli {

namespace {

struct ExperimentArgs {
  std::string folder;
  bool quick = false;
  std::string out;  // default: FOLDER/results, or out/NAME-quick with --quick
  int threads = 0;
  bool resume = false;
  bool quiet = false;
};

struct TournamentStep {
  std::shared_ptr<const Scenario> scenario;
  TournamentPlan plan;
};
struct SolveStep {
  games::GameFile game;
  const games::SolverEntry* solver = nullptr;
  games::SolverOptions options;
};

// A solve step's `options`, the numbers `leverage solve` takes as flags (docs/GAMES.md).
games::SolverOptions read_solver_options(const ExperimentPlan& plan, const PlanStep& step) {
  games::SolverOptions options;
  if (step.options.is_null()) return options;
  config::ObjectReader reader(
      config::Node(step.options, std::make_shared<const std::string>(plan.file.string()), step.pointer + "/options"));
  options.lambda_max = reader.number("lambda_max", 1e-9, 1e6, options.lambda_max);
  options.lambda_step = reader.number("lambda_step", 1e-9, 1e6, options.lambda_step);
  options.iterations = static_cast<unsigned long>(
      reader.integer("iterations", 1, 1000000000, static_cast<std::int64_t>(options.iterations)));
  options.step = reader.number("step", 1e-9, 1, options.step);
  options.tolerance = reader.number("tolerance", 1e-15, 1, options.tolerance);
  reader.finish();
  return options;
}

// A step read and checked, ready to run: what it runs and the hash of the exact text it runs.
struct PreparedStep {
  const PlanStep* step = nullptr;
  std::string text_hash;
  std::variant<Experiment, TournamentStep, SolveStep, analysis::SensitivityPlan> work;
};

PreparedStep prepare(const ExperimentPlan& plan, const PlanStep& step, bool quick) {
  PreparedStep prepared;
  prepared.step = &step;
  const std::string text = step_text(step, quick);
  prepared.text_hash = sha256_hex(text);
  switch (step.kind) {
    case StepKind::sweep:
      // Relative references resolve against the step file's own folder, as for `leverage sweep`.
      prepared.work = load_experiment(step.file, text);
      break;
    case StepKind::tournament: {
      const nlohmann::json document = config::parse_json_text(text, step.file.string());
      TournamentStep tournament{load_scenario_document(document, step.file.string()), {}};
      tournament.plan = read_tournament(*tournament.scenario);
      prepared.work = std::move(tournament);
      break;
    }
    case StepKind::solve: {
      SolveStep solve{games::read_game_file(step.file, step.overrides), nullptr, read_solver_options(plan, step)};
      const std::string name = step.solver.empty() ? games::default_solver(solve.game.game) : step.solver;
      solve.solver = games::find_solver(name);
      std::vector<std::string> names;
      for (const auto& entry : games::solver_registry()) names.push_back(entry.name);
      const std::string where = step.pointer + "/solver";
      if (!solve.solver)
        throw config::ConfigError(plan.file.string(), where, "a registered solver", "\"" + name + "\"");
      if (const auto why = solve.solver->refuses(solve.game.game))
        throw config::ConfigError(plan.file.string(), where, "a solver for this game",
                                  "\"" + name + "\", which " + *why);
      prepared.work = std::move(solve);
      break;
    }
    case StepKind::sensitivity: {
      // As for a sweep step, the scenario resolves against the step file's own folder.
      analysis::SensitivityPlan sensitivity =
          analysis::plan_sensitivity(step.file, text, step.method, step.sensitivity_overrides);
      for (std::size_t i = 0; i < step.outcomes.size(); ++i)
        analysis::check_outcome(sensitivity, step.outcomes[i], plan.file.string(),
                                step.pointer + "/outcomes/" + std::to_string(i));
      prepared.work = std::move(sensitivity);
      break;
    }
  }
  return prepared;
}

// What a finished step leaves in its folder: `--resume` skips a step whose record is the one this
// run would write (the same text; for a solve step the same solver, `set` and options; for a
// sensitivity step the same method and settings), and reruns it otherwise.
nlohmann::ordered_json step_record(const PreparedStep& prepared) {
  nlohmann::ordered_json record = {{"id", prepared.step->id},
                                   {"kind", step_kind_name(prepared.step->kind)},
                                   {"file", prepared.step->file_reference},
                                   {"text_hash", prepared.text_hash}};
  const PlanStep& step = *prepared.step;
  if (step.kind == StepKind::sweep) record["independent_points"] = step.independent_points;
  if (step.kind == StepKind::solve) {
    // What the step solved beyond its file: the solver, the assignments and the options, as written.
    if (!step.solver.empty()) record["solver"] = step.solver;
    if (!step.overrides.empty()) record["set"] = step.overrides;
    if (!step.options.is_null()) record["options"] = step.options;
  }
  if (step.kind == StepKind::sensitivity) {
    // What the step ran beyond its text: the method and the flags' choices.
    record["method"] = analysis::method_name(step.method);
    if (const auto second_order = step.sensitivity_overrides.second_order) record["second_order"] = *second_order;
    if (const auto estimator = step.sensitivity_overrides.estimator)
      record["estimator"] = analysis::sobol_estimator_name(*estimator);
    if (!step.outcomes.empty()) record["outcomes"] = step.outcomes;
  }
  return record;
}

bool step_done(const PreparedStep& prepared, const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(directory / "step.json", error)) return false;
  try {
    return nlohmann::json::parse(read_file(directory / "step.json")) ==
           nlohmann::json::parse(step_record(prepared).dump());
  } catch (const std::exception&) {
    return false;  // unreadable: run the step again
  }
}

// Runs one step into `directory`. Returns false when SIGINT stopped a sweep between blocks.
bool run_step(PreparedStep& prepared, const std::filesystem::path& directory, const ExperimentArgs& args,
              const std::string& label, const volatile std::sig_atomic_t* stop, std::ostream& out) {
  ensure_directory(directory);
  if (auto* experiment = std::get_if<Experiment>(&prepared.work)) {
    SweepOptions options;
    options.threads = args.threads;
    options.out = directory;
    options.resume = args.resume;
    options.independent_points = prepared.step->independent_points;
    options.stop = stop;
    Progress progress(label, experiment->points.size(), args.quiet);
    options.progress = [&](std::uint64_t done, std::uint64_t) { progress.update(done); };
    const SweepResult result = run_sweep(*experiment, options);
    progress.finish();
    if (!result.complete) return false;
  } else if (const auto* sensitivity = std::get_if<analysis::SensitivityPlan>(&prepared.work)) {
    // The code path of `leverage sensitivity`, into the step's folder.
    SensitivityRun run;
    run.outcomes = prepared.step->outcomes;
    run.threads = args.threads;
    run.resume = args.resume;
    run.quiet = args.quiet;
    if (run_sensitivity(*sensitivity, directory, run, out) != 0) return false;
  } else if (auto* tournament = std::get_if<TournamentStep>(&prepared.work)) {
    TournamentOptions options;
    options.threads = args.threads;
    const auto results = run_tournament(*tournament->scenario, tournament->plan, options);
    write_file_atomic(directory / "tournament.csv", tournament_csv(results));
  } else {
    const auto& solve = std::get<SolveStep>(prepared.work);
    const games::Solution solution = solve.solver->solve(solve.game.game, solve.options);
    write_file_atomic(directory / "solution.json", games::solution_json(solve.game.name, solution).dump(2) + "\n");
    if (solution.path) write_file_atomic(directory / "path.csv", games::path_csv(*solution.path));
  }
  write_file_atomic(directory / "step.json", step_record(prepared).dump(2) + "\n");
  return true;
}

// The Python that has the setup script's packages: $LEVERAGE_PYTHON if set, else Debian's
// /usr/bin/python3 (where python3-pandas and python3-matplotlib install), else python3 on the PATH.
std::string python_interpreter() {
  if (const char* chosen = std::getenv("LEVERAGE_PYTHON"); chosen && *chosen) return chosen;
  if (::access("/usr/bin/python3", X_OK) == 0) return "/usr/bin/python3";
  return "python3";
}

// Runs `PYTHON SCRIPT RESULTS [--quick]` with this process's standard streams; its exit code.
int run_analysis(const std::filesystem::path& script, const std::filesystem::path& results, bool quick) {
  std::vector<std::string> words = {python_interpreter(), script.string(), results.string()};
  if (quick) words.emplace_back("--quick");
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  if (const int error = posix_spawnp(&child, words[0].c_str(), nullptr, nullptr, argv.data(), environ); error != 0)
    throw IoError("cannot start " + words[0] + " (install python3, python3-pandas and python3-matplotlib) for", script,
                  error);
  int status = 0;
  while (waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw IoError("cannot wait for the analysis script", script, errno);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int command_experiment(const ExperimentArgs& args, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  const ExperimentPlan plan = load_experiment_plan(args.folder);
  // Every step is read and checked before any runs: a typo in the last step costs no hour of work.
  std::vector<PreparedStep> prepared;
  for (const auto& step : plan.steps) prepared.push_back(prepare(plan, step, args.quick));
  const std::filesystem::path results = !args.out.empty() ? std::filesystem::path(args.out)
                                        : args.quick      ? std::filesystem::path("out") / (plan.name + "-quick")
                                                          : plan.folder / "results";
  ensure_directory(results);
  if (!args.quiet)
    out << "leverage experiment: " << plan.name << (args.quick ? " (quick)" : "") << "\n  " << plan.question << "\n";
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  std::size_t kept = 0;
  {
    const StopOnInterrupt interrupt;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      const PlanStep& step = *prepared[i].step;
      const std::filesystem::path directory = results / step.id;
      steps.push_back(step_record(prepared[i]));
      if (args.resume && step_done(prepared[i], directory)) {
        ++kept;
        if (!args.quiet) out << "  step " << step.id << ": done before, kept\n";
        continue;
      }
      const std::string label =
          plan.name + " " + std::to_string(i + 1) + "/" + std::to_string(prepared.size()) + " " + step.id;
      if (!run_step(prepared[i], directory, args, label, interrupt.flag(), out)) {
        std::cerr << "leverage experiment: interrupted in step " << step.id
                  << "; rerun with --resume to continue (finished steps and sweep blocks are kept)\n";
        return 130;
      }
      if (!args.quiet)
        out << "  step " << step.id << " (" << step_kind_name(step.kind) << "): " << directory.string() << "\n";
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const nlohmann::ordered_json manifest = {
      {"experiment", plan.name},
      {"question", plan.question},
      {"plan_hash", plan.hash},
      {"quick", args.quick},
      {"steps", steps},
      {"version", kVersion},
      {"git_commit", kGitCommit},
      {"run", {{"wall_seconds", wall}, {"threads", args.threads}, {"host", host_name()}, {"steps_kept", kept}}},
  };
  write_file_atomic(results / "manifest.json", manifest.dump(2) + "\n");
  if (plan.analysis.empty()) return 0;
  if (!args.quiet)
    out << "  analysis: " << python_interpreter() << " " << plan.analysis.string() << " " << results.string()
        << (args.quick ? " --quick" : "") << "\n";
  out.flush();  // the script's lines come after this command's, in a log too
  const int code = run_analysis(plan.analysis, results, args.quick);
  if (code != 0) {
    std::cerr << "leverage experiment: the analysis script " << plan.analysis.string() << " failed (exit " << code
              << ")\n";
    return 1;
  }
  return 0;
}

}  // namespace

void add_experiment_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<ExperimentArgs>();
  CLI::App* cmd = app.add_subcommand("experiment",
                                     "Run an experiment folder's plan.json (sweeps, tournaments, solved games, "
                                     "sensitivity analyses) and its analysis script");
  cmd->add_option("folder", args->folder, "Experiment folder holding plan.json (or the plan file itself)")->required();
  cmd->add_flag("--quick", args->quick, "Reduced size: every step's \"quick\" patch applied (CI runs this)");
  cmd->add_option("--out", args->out, "Results folder (default: FOLDER/results; with --quick out/NAME-quick)");
  cmd->add_option("--threads,-t", args->threads, "OpenMP threads (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--resume", args->resume, "Keep the steps finished before and resume an interrupted sweep");
  cmd->add_flag("--quiet,-q", args->quiet, "No progress and no summary");
  cmd->callback([&action, args] { action = [args] { return command_experiment(*args, std::cout); }; });
}

}  // namespace leverage::cli
