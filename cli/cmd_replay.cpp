// `leverage replay`: re-simulates a replay file and checks it lands on the recorded outcome, or
// rebuilds one member of an ensemble from its manifest (docs/REPLAY.md).
#include <iostream>
#include <limits>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/summary_text.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/io/run_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/replay/replay_file.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::cli {

namespace {

void print(std::ostream& out, bool json, const Scenario& scenario, const nlohmann::ordered_json& summary) {
  if (json) {
    out << summary.dump(2) << "\n";
  } else {
    print_run_summary(out, "leverage replay", scenario, summary);
  }
}

std::uint64_t manifest_unsigned(config::ObjectReader& manifest, std::string_view key) {
  const config::Node node = manifest.required(key);
  if (!node.json().is_number_unsigned()) node.fail("a non-negative integer", node.describe());
  return node.json().get<std::uint64_t>();
}

// An ensemble member: the scenario named in manifest.json, checked against the manifest's hash,
// run as replicate `args.replicate` of the manifest's (master seed, point).
int replay_ensemble_member(const ReplayArgs& args, std::ostream& out) {
  const std::filesystem::path manifest_path = std::filesystem::path(args.from) / "manifest.json";
  const std::string label = manifest_path.string();
  const nlohmann::json document = config::parse_json_file(manifest_path);
  config::ObjectReader manifest(config::Node(document, label));
  const std::string scenario_file = manifest.string("scenario_file");
  const std::string config_hash = manifest.string("config_hash");
  const ReplicateKey key{manifest_unsigned(manifest, "master_seed"), manifest_unsigned(manifest, "point"),
                         args.replicate};
  const std::uint64_t replicates = manifest_unsigned(manifest, "replicates");
  const int weeks = static_cast<int>(manifest.integer("weeks", 1, replay::kMaxWeeks));
  if (args.replicate >= replicates)
    throw ReplayError(label, "replicate " + std::to_string(args.replicate) + " is not in the ensemble (it has " +
                                 std::to_string(replicates) + " replicates, numbered from 0)");
  const auto scenario = load_scenario(scenario_file);
  if (scenario->config_hash != config_hash)
    throw ReplayError(label, "the scenario file " + scenario_file + " hashes to " + scenario->config_hash.substr(0, 12) +
                                 "..., the manifest records " + config_hash.substr(0, 12) +
                                 "... (the file changed since the ensemble ran, or the ensemble used --set overrides); "
                                 "refusing to rebuild the member");
  RunRecord record;
  const WorldState final_state = run_replicate(*scenario, key, weeks, &record);
  if (!args.record.empty())
    replay::write_replay(args.record, replay::make_replay(*scenario, key, weeks, record, final_state));
  print(out, args.json, *scenario, run_summary(*scenario, final_state, key, weeks));
  if (!args.json && !args.record.empty()) out << "replay file: " << args.record << "\n";
  return 0;
}

}  // namespace

int command_replay(const ReplayArgs& args, std::ostream& out, std::ostream& err) {
  try {
    if (!args.from.empty()) return replay_ensemble_member(args, out);
    const replay::ReplayData data = replay::read_replay(args.file);
    const replay::Verified verified = replay::verify_replay(data, args.file);
    print(out, args.json, *verified.scenario, run_summary(*verified.scenario, verified.final_state, data.key(), data.weeks));
    if (!args.json)
      out << "replay verified: " << data.weeks << " weeks, the rules choose every logged action and the run lands on "
          << "the recorded outcome\n";
    return 0;
  } catch (const ReplayError& e) {
    err << e.what() << "\n";
    return 2;
  }
}

void add_replay_command(CLI::App& app, CommandAction& action) {
  auto args = std::make_shared<ReplayArgs>();
  CLI::App* replay = app.add_subcommand(
      "replay", "Re-simulate a replay file (from `leverage run --record`) and check it reaches the recorded outcome");
  CLI::Option* file = replay->add_option("file", args->file, "Replay file (.lvr)");
  CLI::Option* from = replay->add_option("--from", args->from, "Rebuild a member of the ensemble in this output directory");
  CLI::Option* replicate = replay->add_option("--replicate", args->replicate, "With --from: the replicate index (from 0)");
  CLI::Option* record = replay->add_option("--record", args->record, "With --from: write the member's replay file here");
  replay->add_flag("--json", args->json, "Print the run summary as JSON (summary.json's format) instead of text");
  file->excludes(from);
  replicate->needs(from);
  record->needs(from);
  from->needs(replicate);
  replay->callback([&action, args, file, from] {
    if (file->count() == 0 && from->count() == 0) throw CLI::RequiredError("a replay file or --from DIR --replicate I");
    action = [args] { return command_replay(*args, std::cout, std::cerr); };
  });
}

}  // namespace leverage::cli
