// `leverage discover`: PRIM scenario discovery over a sweep's points (docs/SENSITIVITY.md).
#include <iostream>

#include "cli/commands.hpp"
#include "engine/analysis/discovery.hpp"
#include "engine/util/format.hpp"

namespace leverage::cli {

namespace {

struct DiscoverArgs {
  std::string sweep;
  std::string out;
  analysis::DiscoveryOptions options;
  long long box = -1;
  bool quiet = false;
};

int command_discover(DiscoverArgs args, std::ostream& out) {
  if (args.box >= 0) args.options.box = static_cast<std::size_t>(args.box);
  const std::filesystem::path directory = std::filesystem::path(args.out.empty() ? args.sweep : args.out);
  const analysis::Discovery result = analysis::run_discovery(args.sweep, args.options, directory);
  if (args.quiet) return 0;
  const analysis::PrimBox& box = result.trajectory[result.chosen];
  out << "leverage discover: " << result.condition << ": " << result.cases << " of " << result.points << " points; "
      << result.trajectory.size() << " boxes peeled\n"
      << "box " << result.chosen << ": coverage " << format_double(box.coverage) << ", density "
      << format_double(box.density) << ", " << box.points << " points\n";
  for (const auto& restriction : result.restrictions)
    out << "  " << result.parameters[restriction.parameter] << " in [" << format_double(restriction.low) << ", "
        << format_double(restriction.high) << "] (data [" << format_double(restriction.data_low) << ", "
        << format_double(restriction.data_high) << "]), p = " << format_double(restriction.p_value) << "\n";
  out << "outputs:";
  for (const auto& file : result.files) out << " " << file.string();
  out << "\nfigure: scripts/plot_analysis.py prim " << result.files.front().string() << " --out "
      << (directory / "prim_trajectory.png").string() << "\n";
  return 0;
}

}  // namespace

void add_discover_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<DiscoverArgs>();
  CLI::App* command =
      app.add_subcommand("discover", "Scenario discovery by PRIM over a sweep's points (docs/SENSITIVITY.md)");
  command->add_option("sweep", args->sweep, "A sweep's output directory (points.csv, manifest.json)")->required();
  command->add_option("--where", args->options.where, "The condition, e.g. \"releases_net >= 300\"")->required();
  command->add_option("--alpha", args->options.prim.alpha, "Share of the box peeled per step (default 0.05)")
      ->check(CLI::Range(0.001, 0.5));
  command
      ->add_option("--min-support", args->options.prim.min_support,
                   "Smallest share of the points a box may hold (default 0.05)")
      ->check(CLI::Range(0.0, 1.0));
  command
      ->add_option("--threshold", args->options.density_threshold,
                   "Choose the first box whose density reaches this (default 0.8)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--box", args->box, "Choose this step of the peeling trajectory instead")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--out", args->out, "Output directory (default: the sweep's directory)");
  command->add_flag("--quiet,-q", args->quiet, "No summary");
  command->callback([&action, args] { action = [args] { return command_discover(*args, std::cout); }; });
}

}  // namespace leverage::cli
