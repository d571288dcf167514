// `leverage ensemble`: a Monte Carlo ensemble of one scenario on OpenMP threads.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "engine/ensemble/ensemble_stream.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/util/progress.hpp"

namespace leverage::cli {

int command_ensemble(const EnsembleArgs& args, std::ostream& out) {
  const auto scenario = load_scenario(args.scenario, args.overrides);
  // Everything is loaded and checked before any work starts.
  const auto other = args.paired.empty() ? nullptr : load_scenario(args.paired, args.overrides);
  EnsembleOptions options;
  options.master_seed = args.seed;
  options.replicates = args.replicates;
  options.threads = args.threads;
  options.weeks = args.weeks;
  const int weeks = args.weeks > 0 ? args.weeks : scenario->weeks;
  StreamOptions stream;
  stream.out = args.out.empty()
                   ? std::filesystem::path("out") / (scenario->name + "-ensemble-seed" + std::to_string(args.seed))
                   : std::filesystem::path(args.out);
  stream.resume = args.resume;
  stream.checkpoint_seconds = args.checkpoint_seconds;
  stream.keep = args.keep;
  stream.paired = other.get();
  stream.base_label = args.scenario;
  stream.paired_label = args.paired;
  Progress progress("ensemble " + scenario->name, args.replicates, args.quiet);
  options.progress = [&](std::uint64_t done, std::uint64_t) { progress.update(done); };
  StreamResult result;
  {
    // SIGINT stops after the chunks in progress, with them saved; --resume continues.
    const StopOnInterrupt interrupt;
    stream.stop = interrupt.flag();
    result = stream_ensemble(*scenario, options, stream);
  }
  progress.finish();
  if (!result.complete) {
    std::cerr << "leverage ensemble: interrupted; " << result.chunks_merged << " of " << result.chunks
              << " chunks saved under " << (stream.out / ".partial").string() << "; rerun with --resume to continue\n";
    return 130;
  }
  // Printed even when quiet: the resume test reads it.
  if (args.resume) out << "resumed: " << result.chunks_resumed << " of " << result.chunks << " chunks already done\n";
  if (!args.quiet) {
    const auto& o = result.stats["outcomes"];
    const auto& sel = result.stats["selection_effect"];
    const auto share = [](const nlohmann::ordered_json& f) {
      std::ostringstream s;
      if (f["share"].is_null()) return std::string("n/a");
      s << std::fixed << std::setprecision(1) << 100 * f["share"].get<double>() << "% [" << 100 * f["wilson95"][0].get<double>()
        << ", " << 100 * f["wilson95"][1].get<double>() << "]";
      return s.str();
    };
    out << "leverage ensemble: " << scenario->name << ", seed " << args.seed << ", " << args.replicates
        << " replicates of " << weeks << " weeks, " << result.threads << " threads, " << std::fixed << std::setprecision(1)
        << result.wall_seconds << " s\n";
    out << std::setprecision(1) << "  gross releases   mean " << o["gross_releases"]["mean"].get<double>() << "  95% CI ["
        << o["gross_releases"]["ci95"][0].get<double>() << ", " << o["gross_releases"]["ci95"][1].get<double>() << "]\n";
    out << "  net change       mean " << o["net_change_in_stock"]["mean"].get<double>() << "  median "
        << o["net_change_in_stock"]["quantiles"]["q50"].get<double>() << "\n";
    out << "  threat-stage success   " << share(sel["success_at_threat_stage"]) << " of " << sel["threatened"] << " threatened\n";
    out << "  success after imposing " << share(sel["success_after_imposition"]) << " of " << sel["imposed"] << " imposed\n";
    // The benchmark beside the simulation: the solved crisis game's mean prediction against those shares.
    const auto& bench = result.stats["benchmark"];
    if (bench.is_object() && bench["predicted_p_comply_mean"].is_number())
      out << std::setprecision(2) << "  game predicts    comply " << bench["predicted_p_comply_mean"].get<double>()
          << " (observed " << share(bench["observed_comply"]) << "), execute if defied "
          << bench["predicted_p_execute_mean"].get<double>() << " (observed "
          << share(bench["observed_execute_after_defiance"]) << ")\n";
    out << "outputs:";
    for (const auto& file : result.files) out << " " << file.string();
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
  ensemble->add_flag("--resume", args->resume,
                     "Continue an interrupted run (Ctrl-C, a kill) from OUT/.partial/ensemble; refused if the "
                     "scenario, seed, replicates or options differ");
  ensemble->add_option("--checkpoint-seconds", args->checkpoint_seconds,
                       "Seconds between checkpoints a --resume continues from (default 10; 0: after every chunk)")
      ->check(CLI::Range(0.0, 86400.0));
  ensemble->add_flag("--quiet,-q", args->quiet, "No progress and no summary");
  ensemble->callback([&action, args] { action = [args] { return command_ensemble(*args, std::cout); }; });
}

}  // namespace leverage::cli
