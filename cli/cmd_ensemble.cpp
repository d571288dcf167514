// `leverage ensemble`: a Monte Carlo ensemble of one scenario on OpenMP threads.
#include <unistd.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/ensemble/paired.hpp"
#include "engine/replay/replay_file.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/progress.hpp"

namespace leverage::cli {

int command_ensemble(const EnsembleArgs& args, std::ostream& out) {
  const auto scenario = load_scenario(args.scenario, args.overrides);
  EnsembleOptions options;
  options.master_seed = args.seed;
  options.replicates = args.replicates;
  options.threads = args.threads;
  options.weeks = args.weeks;
  const int weeks = args.weeks > 0 ? args.weeks : scenario->weeks;
  Progress progress("ensemble " + scenario->name, args.replicates, args.quiet);
  options.progress = [&](std::uint64_t done, std::uint64_t) { progress.update(done); };
  const auto start = std::chrono::steady_clock::now();
  const EnsembleResult result = run_ensemble(*scenario, options);
  progress.finish();
  RunInfo run;
  run.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.threads = result.threads_used;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  run.host = host;
  const std::filesystem::path directory =
      args.out.empty() ? std::filesystem::path("out") / (scenario->name + "-ensemble-seed" + std::to_string(args.seed))
                       : std::filesystem::path(args.out);
  auto files = write_ensemble_outputs(directory, *scenario, options, weeks, result, run);
  // --keep K: replay files of the first K members (leverage replay, and the viewer, open them).
  if (args.keep > 0) {
    const std::filesystem::path replays = directory / "replays";
    ensure_directory(replays);
    const std::uint64_t kept = std::min<std::uint64_t>(args.keep, args.replicates);
    for (std::uint64_t r = 0; r < kept; ++r) {
      const ReplicateKey key{options.master_seed, options.point, r};
      RunRecord record;
      const WorldState end = run_replicate(*scenario, key, weeks, &record);
      char name[64];
      std::snprintf(name, sizeof name, "replicate-%06llu.lvr", static_cast<unsigned long long>(r));
      replay::write_replay(replays / name, replay::make_replay(*scenario, key, weeks, record, end));
    }
    files.push_back(replays);
  }
  // --paired OTHER: the same replicate keys on a second scenario; per-replicate differences.
  if (!args.paired.empty()) {
    const auto other = load_scenario(args.paired, args.overrides);
    EnsembleOptions other_options = options;
    other_options.bands = false;
    other_options.progress = nullptr;
    const EnsembleResult other_result = run_ensemble(*other, other_options);
    const auto paired = paired_differences(result, other_result);
    for (const auto& file : write_paired_outputs(directory, paired, args.scenario, args.paired, other->config_hash))
      files.push_back(file);
  }
  if (!args.quiet) {
    const auto stats = ensemble_stats(result);
    const auto& o = stats["outcomes"];
    const auto& sel = stats["selection_effect"];
    const auto share = [](const nlohmann::ordered_json& f) {
      std::ostringstream s;
      if (f["share"].is_null()) return std::string("n/a");
      s << std::fixed << std::setprecision(1) << 100 * f["share"].get<double>() << "% [" << 100 * f["wilson95"][0].get<double>()
        << ", " << 100 * f["wilson95"][1].get<double>() << "]";
      return s.str();
    };
    out << "leverage ensemble: " << scenario->name << ", seed " << args.seed << ", " << args.replicates
        << " replicates of " << weeks << " weeks, " << run.threads << " threads, " << std::fixed << std::setprecision(1)
        << run.wall_seconds << " s\n";
    out << std::setprecision(1) << "  gross releases   mean " << o["gross_releases"]["mean"].get<double>() << "  95% CI ["
        << o["gross_releases"]["ci95"][0].get<double>() << ", " << o["gross_releases"]["ci95"][1].get<double>() << "]\n";
    out << "  net change       mean " << o["net_change_in_stock"]["mean"].get<double>() << "  median "
        << o["net_change_in_stock"]["quantiles"]["q50"].get<double>() << "\n";
    out << "  threat-stage success   " << share(sel["success_at_threat_stage"]) << " of " << sel["threatened"] << " threatened\n";
    out << "  success after imposing " << share(sel["success_after_imposition"]) << " of " << sel["imposed"] << " imposed\n";
    out << "outputs:";
    for (const auto& file : files) out << " " << file.string();
    out << "\n";
  }
  return 0;
}

}  // namespace leverage::cli

namespace leverage::cli {

void add_ensemble_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<EnsembleArgs>();
  CLI::App* ensemble = app.add_subcommand("ensemble", "Run a Monte Carlo ensemble of a scenario on OpenMP threads");
  ensemble->add_option("scenario", args->scenario, "Scenario file (JSON)")->required();
  ensemble->add_option("--replicates,-n", args->replicates, "Replicates (default 1000)")
      ->check(CLI::Range(1ull, 1000000000ull));
  ensemble->add_option("--threads,-t", args->threads, "OpenMP threads (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  ensemble->add_option("--seed", args->seed, "Master seed (default 1)");
  ensemble->add_option("--weeks", args->weeks, "Weeks per replicate (default: the scenario's)")->check(CLI::Range(1, 5200));
  ensemble->add_option("--out", args->out, "Output directory (default: out/<scenario>-ensemble-seed<seed>)");
  ensemble->add_option("--set", args->overrides, "Override a value: /json/pointer=VALUE (repeatable)")
      ->allow_extra_args(false);
  ensemble->add_option("--keep", args->keep, "Write replay files of the first K replicates into OUT/replays/")
      ->check(CLI::Range(0ull, 1000000ull));
  ensemble->add_option("--paired", args->paired,
                       "Run OTHER.json on the same random streams and write per-replicate differences (paired.csv)");
  ensemble->add_flag("--quiet,-q", args->quiet, "No progress and no summary");
  ensemble->callback([&action, args] { action = [args] { return command_ensemble(*args, std::cout); }; });
}

}  // namespace leverage::cli
