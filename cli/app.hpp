#pragma once
#include <iosfwd>
#include <string>
#include <vector>

// The `leverage` command: subcommands run, validate, schema, list and docs, each with --help.
// Exit codes: 0 success, 1 input/output failure, 2 usage or configuration error, 3 internal error.
namespace leverage::cli {

int run_main(int argc, char** argv);

// Subcommand bodies, callable from tests.
struct RunArgs {
  std::string scenario;
  unsigned long long seed = 1;
  int weeks = 0;  // 0: the scenario's horizon
  std::string out;
  std::vector<std::string> overrides;
  bool quiet = false;
  std::string record;  // replay file to write ("" for none)
  std::string force;   // inputs file whose choose rows are forced (engine/io/play_inputs.hpp)
};
int command_run(const RunArgs& args, std::ostream& out);
struct EnsembleArgs {
  std::string scenario;
  unsigned long long seed = 1;
  unsigned long long replicates = 1000;
  int threads = 0;  // 0: OpenMP's default
  int weeks = 0;
  std::string out;
  std::vector<std::string> overrides;
  unsigned long long keep = 0;  // replay files of the first `keep` replicates
  std::string paired;           // a second scenario run on the same streams
  bool resume = false;          // continue the run under OUT/.partial/ensemble
  double checkpoint_seconds = 10;
  bool quiet = false;
};
// Exit code 130 when interrupted by SIGINT after saving the completed chunks.
int command_ensemble(const EnsembleArgs& args, std::ostream& out);
struct ReplayArgs {
  std::string file;  // a replay file, or
  std::string from;  // an ensemble output directory (with `replicate`)
  unsigned long long replicate = 0;
  std::string record;  // with --from: write the member's replay here
  bool json = false;   // print the summary as JSON instead of text
};
int command_replay(const ReplayArgs& args, std::ostream& out, std::ostream& err);
struct SweepArgs {
  std::string experiment;
  int threads = 0;  // 0: OpenMP's default
  std::string out;  // default: out/<experiment name>-sweep
  bool resume = false;
  std::string shard;  // "K/N", empty for the whole sweep
  bool independent_points = false;
  bool quiet = false;
};
// Exit code 130 when interrupted by SIGINT after saving the completed blocks.
int command_sweep(const SweepArgs& args, std::ostream& out);
int command_merge(const std::vector<std::string>& inputs, const std::string& out_directory, bool quiet,
                  std::ostream& out);
int command_validate(const std::string& file, const std::vector<std::string>& overrides, std::ostream& out);
int command_list(std::ostream& out);

// docs/CONFIG.md, generated from the registries and the action and term tables.
std::string config_reference_markdown();
// A JSON Schema (draft 2020-12) for scenario files, for editors.
std::string scenario_json_schema();

}  // namespace leverage::cli
