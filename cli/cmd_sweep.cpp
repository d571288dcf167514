// `leverage sweep` and `leverage merge`: parameter sweeps over a scenario, and joining their shards.
#include <iostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/sweep/sweep.hpp"
#include "engine/util/progress.hpp"

namespace leverage::cli {

namespace {

// Parses --shard K/N (1-based K).
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  const auto fail = [&] {
    throw config::ConfigError("--shard", "/", "K/N with 1 <= K <= N, e.g. 2/3", "\"" + text + "\"");
  };
  if (slash == std::string::npos) fail();
  std::uint64_t k = 0, n = 0;
  try {
    std::size_t used_k = 0, used_n = 0;
    k = std::stoull(text.substr(0, slash), &used_k);
    n = std::stoull(text.substr(slash + 1), &used_n);
    if (used_k != slash || used_n != text.size() - slash - 1) fail();
  } catch (const std::logic_error&) {
    fail();
  }
  if (k < 1 || n < 1 || k > n) fail();
  return {k, n};
}

}  // namespace

int command_sweep(const SweepArgs& args, std::ostream& out) {
  SweepOptions options;
  if (!args.shard.empty()) std::tie(options.shard, options.shards) = parse_shard(args.shard);
  // Everything is validated, and every point's scenario loaded once, before any work starts.
  const Experiment experiment = load_experiment(args.experiment);
  options.threads = args.threads;
  options.resume = args.resume;
  options.independent_points = args.independent_points;
  options.out =
      args.out.empty() ? std::filesystem::path("out") / (experiment.name + "-sweep") : std::filesystem::path(args.out);
  std::uint64_t shard_points = 0;
  for (std::size_t i = 0; i < experiment.points.size(); ++i) shard_points += i % options.shards == options.shard - 1;
  Progress progress("sweep " + experiment.name, shard_points, args.quiet);
  options.progress = [&](std::uint64_t done, std::uint64_t) { progress.update(done); };
  SweepResult result;
  {
    // SIGINT stops between blocks, after the completed ones are on disk; --resume continues.
    const StopOnInterrupt interrupt;
    options.stop = interrupt.flag();
    result = run_sweep(experiment, options);
  }
  progress.finish();
  if (!result.complete) {
    std::cerr << "leverage sweep: interrupted; " << result.blocks_reused + result.blocks_done << " of " << result.blocks
              << " blocks saved under " << (options.out / ".partial").string() << "; rerun with --resume to continue\n";
    return 130;
  }
  if (!args.quiet) {
    out << "leverage sweep: " << experiment.name << ", " << result.points << " points";
    if (options.shards > 1) out << " (shard " << options.shard << " of " << options.shards << ")";
    out << " x " << experiment.replicates << " replicates, " << result.threads << " threads, " << result.wall_seconds
        << " s\n";
  }
  // Printed even when quiet: the resume test reads it.
  if (args.resume) out << "resumed: " << result.blocks_reused << " of " << result.blocks << " blocks already done\n";
  if (!args.quiet) {
    out << "outputs:";
    for (const auto& file : result.files) out << " " << file.string();
    out << "\n";
  }
  return 0;
}

int command_merge(const std::vector<std::string>& inputs, const std::string& out_directory, bool quiet,
                  std::ostream& out) {
  std::vector<std::filesystem::path> paths(inputs.begin(), inputs.end());
  std::filesystem::path directory = out_directory;
  if (directory.empty())
    directory = std::filesystem::is_directory(paths.front()) ? paths.front() : paths.front().parent_path();
  const auto files = merge_shards(paths, directory);
  if (!quiet) {
    out << "outputs:";
    for (const auto& file : files) out << " " << file.string();
    out << "\n";
  }
  return 0;
}

void add_sweep_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* sweep = app.add_subcommand("sweep", "Run an ensemble at every point of a parameter sweep (docs/SWEEPS.md)");
  sweep->add_option("experiment", args->experiment, "Experiment file (JSON)")->required();
  sweep->add_option("--threads,-t", args->threads, "OpenMP threads (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  sweep->add_option("--out", args->out, "Output directory (default: out/<experiment>-sweep)");
  sweep->add_flag("--resume", args->resume, "Continue an interrupted run from the blocks under DIR/.partial/");
  sweep->add_option("--shard", args->shard, "Run shard K of N (1-based): the points with index % N == K-1");
  sweep->add_flag("--independent-points", args->independent_points,
                  "Independent random streams per point (default: common random numbers)");
  sweep->add_flag("--quiet,-q", args->quiet, "No progress and no summary");
  sweep->callback([&action, args] { action = [args] { return command_sweep(*args, std::cout); }; });
}

void add_merge_command(CLI::App& app, CommandAction& action) {
  struct MergeArgs {
    std::vector<std::string> inputs;
    std::string out;
    bool quiet = false;
  };
  auto args = std::make_shared<MergeArgs>();
  CLI::App* merge = app.add_subcommand("merge", "Join the shards of a sweep into points.csv and manifest.json");
  merge->add_option("inputs", args->inputs, "Directories holding points.shard-K-of-N.csv files, or the files")
      ->required();
  merge->add_option("--out", args->out, "Output directory (default: the first input's directory)");
  merge->add_flag("--quiet,-q", args->quiet, "No summary");
  merge->callback(
      [&action, args] { action = [args] { return command_merge(args->inputs, args->out, args->quiet, std::cout); }; });
}

}  // namespace leverage::cli
