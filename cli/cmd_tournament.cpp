// `leverage tournament`: a round robin of sender rules against target rules on common random
// numbers (engine/tournament/tournament.hpp), written as one tidy CSV.
#include <iomanip>
#include <iostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/tournament/tournament.hpp"
#include "engine/util/atomic_file.hpp"

namespace leverage::cli {

namespace {

struct TournamentArgs {
  std::string file;
  unsigned long long replicates = 0;  // 0: the plan's
  int threads = 0;
  std::string out;
  bool quiet = false;
};

int command_tournament(const TournamentArgs& args, std::ostream& out) {
  const auto scenario = load_scenario(args.file);
  const TournamentPlan plan = read_tournament(*scenario);
  TournamentOptions options;
  options.replicates = args.replicates;
  options.threads = args.threads;
  const auto results = run_tournament(*scenario, plan, options);
  const std::filesystem::path directory =
      args.out.empty() ? std::filesystem::path("out") / (scenario->name + "-tournament-seed" + std::to_string(plan.seed))
                       : std::filesystem::path(args.out);
  ensure_directory(directory);
  const std::filesystem::path csv = directory / "tournament.csv";
  write_file_atomic(csv, tournament_csv(results));
  if (!args.quiet) {
    out << "leverage tournament: " << scenario->name << ", seed " << plan.seed << ", " << results.front().replicates
        << " replicates per pairing, " << plan.senders.size() << " x " << plan.targets.size() << " pairings\n";
    out << std::fixed << std::setprecision(1);
    for (const auto& r : results)
      out << "  " << std::left << std::setw(26) << r.sender_label << std::setw(16) << r.target_label << std::right
          << " net releases " << std::setw(7) << r.net_releases_mean << "  success " << std::setw(5)
          << 100 * r.success_frequency << "%  payoffs " << r.sender_payoff_mean << " / " << r.target_payoff_mean << "\n";
    out << "outputs: " << csv.string() << "\n";
  }
  return 0;
}

}  // namespace

void add_tournament_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<TournamentArgs>();
  CLI::App* cmd = app.add_subcommand(
      "tournament", "Round robin of the sender rules against the target rules of a scenario's tournament plan");
  cmd->add_option("file", args->file, "Scenario file with a \"tournament\" object (JSON)")->required();
  cmd->add_option("--replicates,-n", args->replicates, "Replicates per pairing (default: the plan's)")
      ->check(CLI::Range(1ull, 100000000ull));
  cmd->add_option("--threads,-t", args->threads, "OpenMP threads (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--out", args->out, "Output directory (default: out/<scenario>-tournament-seed<seed>)");
  cmd->add_flag("--quiet,-q", args->quiet, "No summary");
  cmd->callback([&action, args] { action = [args] { return command_tournament(*args, std::cout); }; });
}

}  // namespace leverage::cli
