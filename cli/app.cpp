#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "engine/config/json_reader.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/version.hpp"

namespace leverage::cli {

namespace {

// Runs a subcommand body, turning every failure into one line on stderr and an exit code.
template <typename F>
int guarded(F&& body) {
  try {
    return body();
  } catch (const config::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const IoError& e) {
    std::cerr << "leverage: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "leverage: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "leverage: internal error: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace

int run_main(int argc, char** argv) {
  CLI::App app{"leverage: an agent-based, game-theoretic simulator of sanctions bargaining"};
  app.set_version_flag("--version", std::string(kVersion) + " (" + kGitCommit + ")");
  app.require_subcommand(1);

  RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Simulate one run of a scenario and write its outputs");
  run->add_option("scenario", run_args.scenario, "Scenario file (JSON)")->required();
  run->add_option("--seed", run_args.seed, "Master seed (default 1)");
  run->add_option("--weeks", run_args.weeks, "Weeks to simulate (default: the scenario's `weeks`)")
      ->check(CLI::Range(1, 5200));
  run->add_option("--out", run_args.out, "Output directory (default: out/<scenario name>-seed<seed>)");
  run->add_option("--set", run_args.overrides, "Override a value: /json/pointer=VALUE (repeatable)")
      ->allow_extra_args(false);
  run->add_flag("--quiet,-q", run_args.quiet, "Print nothing but errors");

  EnsembleArgs ensemble_args;
  CLI::App* ensemble = app.add_subcommand("ensemble", "Run a Monte Carlo ensemble of a scenario on OpenMP threads");
  ensemble->add_option("scenario", ensemble_args.scenario, "Scenario file (JSON)")->required();
  ensemble->add_option("--replicates,-n", ensemble_args.replicates, "Replicates (default 1000)")
      ->check(CLI::Range(1ull, 1000000000ull));
  ensemble->add_option("--threads,-t", ensemble_args.threads, "OpenMP threads (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  ensemble->add_option("--seed", ensemble_args.seed, "Master seed (default 1)");
  ensemble->add_option("--weeks", ensemble_args.weeks, "Weeks per replicate (default: the scenario's)")
      ->check(CLI::Range(1, 5200));
  ensemble->add_option("--out", ensemble_args.out, "Output directory (default: out/<scenario>-ensemble-seed<seed>)");
  ensemble->add_option("--set", ensemble_args.overrides, "Override a value: /json/pointer=VALUE (repeatable)")
      ->allow_extra_args(false);
  ensemble->add_flag("--quiet,-q", ensemble_args.quiet, "No progress and no summary");

  std::string validate_file;
  std::vector<std::string> validate_overrides;
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
  validate->add_option("scenario", validate_file, "Scenario file (JSON)")->required();
  validate->add_option("--set", validate_overrides, "Override a value: /json/pointer=VALUE (repeatable)")
      ->allow_extra_args(false);

  CLI::App* schema = app.add_subcommand("schema", "Print a JSON Schema of scenario files (for editors)");
  CLI::App* list = app.add_subcommand("list", "Name the registered decision rules, payoff models, actions and terms");
  CLI::App* docs = app.add_subcommand("docs", "Print docs/CONFIG.md, generated from the registries");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*run) return guarded([&] { return command_run(run_args, std::cout); });
  if (*ensemble) return guarded([&] { return command_ensemble(ensemble_args, std::cout); });
  if (*validate) return guarded([&] { return command_validate(validate_file, validate_overrides, std::cout); });
  if (*schema) return guarded([&] { std::cout << scenario_json_schema(); return 0; });
  if (*list) return guarded([&] { return command_list(std::cout); });
  if (*docs) return guarded([&] { std::cout << config_reference_markdown(); return 0; });
  return 2;
}

}  // namespace leverage::cli
