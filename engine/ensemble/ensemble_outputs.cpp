#include "engine/ensemble/ensemble_outputs.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "engine/replay/replay_file.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/version.hpp"

namespace leverage {

using json = nlohmann::ordered_json;

json ensemble_stats(const EnsembleResult& result) {
  EnsembleStatistics statistics(result.schema);
  for (std::uint64_t r = 0; r < result.replicates; ++r) statistics.add_row(result.row(r));
  return statistics.json();
}

std::string outcomes_csv_header(const OutcomeSchema& schema) {
  std::string text;
  CsvRow row;
  row.add("point").add("replicate").add("master_seed");
  for (const auto& column : schema.columns()) row.add(column.name);
  row.end_row(text);
  return text;
}

void append_outcome_rows(std::string& out, const OutcomeSchema& schema, const EnsembleOptions& options,
                         std::uint64_t first, std::uint64_t count, const double* rows) {
  thread_local CsvRow row;  // keeps its buffer between calls: building a row allocates nothing
  for (std::uint64_t r = first; r < first + count; ++r) {
    row.add(static_cast<unsigned long long>(options.point)).add(static_cast<unsigned long long>(r));
    row.add(static_cast<unsigned long long>(options.master_seed));
    const double* values = rows + (r - first) * schema.size();
    for (std::size_t c = 0; c < schema.size(); ++c) {
      if (schema.columns()[c].categorical)
        row.add(outcome_code_name(static_cast<OutcomeCode>(static_cast<int>(values[c]))));
      else
        row.add(values[c]);  // NaN ("none") is an empty field
    }
    row.end_row(out);
  }
}

std::string host_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return host;
}

json ensemble_manifest(const Scenario& scenario, const EnsembleOptions& options, int weeks, const RunInfo& run,
                       const Bands* bands, const EnsembleExtras& extras) {
  json manifest;
  manifest["tool"] = "leverage ensemble";
  manifest["version"] = kVersion;
  manifest["git_commit"] = kGitCommit;
  manifest["scenario"] = scenario.name;
  manifest["scenario_file"] = scenario.source_file;
  manifest["config_hash"] = scenario.config_hash;
  manifest["master_seed"] = options.master_seed;
  manifest["point"] = options.point;
  manifest["replicates"] = options.replicates;
  manifest["weeks"] = weeks;
  manifest["chunk"] = options.chunk;
  // Options are recorded when used, so that a plain ensemble's manifest stays as it always was.
  if (extras.keep > 0) manifest["keep"] = extras.keep;
  if (!extras.paired_file.empty())
    manifest["paired"] = {{"scenario_file", extras.paired_file},
                          {"config_hash", extras.paired_hash},
                          {"difference", "other minus base, per replicate on common random numbers"}};
  json outputs = {"outcomes.csv", "stats.json"};
  if (bands) outputs.push_back("bands.csv");
  if (!extras.paired_file.empty()) outputs.insert(outputs.end(), {"paired.csv", "paired_stats.json"});
  if (extras.keep > 0) outputs.push_back("replays/");
  outputs.push_back("manifest.json");
  manifest["outputs"] = outputs;
  if (bands) {
    manifest["bands"] = {
        {"method", "merge-and-prune quantile sketch (Munro-Paterson, Manku-Rajagopalan-Lindsay), fed in replicate "
                   "order; quantiles are inverse empirical CDF (type 1) values"},
        {"sketch_capacity", bands->sketch_capacity()},
        {"max_rank_error", bands->max_rank_error()},
        {"max_rank_error_note", "largest guaranteed |rank(answer) - p n| / n over every week and variable"}};
  }
  // The one part not covered by "same seed, same bytes".
  manifest["run"] = {{"wall_seconds", run.wall_seconds},
                     {"threads", run.threads},
                     {"ranks", run.ranks},
                     {"host", run.host},
                     {"replicates_per_second",
                      run.wall_seconds > 0 ? json(static_cast<double>(options.replicates) / run.wall_seconds) : json(nullptr)}};
  if (run.chunks_resumed > 0) manifest["run"]["chunks_resumed"] = run.chunks_resumed;
  return manifest;
}

std::vector<std::filesystem::path> write_ensemble_outputs(const std::filesystem::path& directory,
                                                          const Scenario& scenario, const EnsembleOptions& options,
                                                          int weeks, const EnsembleResult& result, const RunInfo& run) {
  ensure_directory(directory);
  const std::filesystem::path outcomes = directory / "outcomes.csv";
  const std::filesystem::path stats = directory / "stats.json";
  const std::filesystem::path manifest = directory / "manifest.json";
  {
    AtomicWriter writer(outcomes);
    writer.write(outcomes_csv_header(result.schema));
    std::string buffer;
    const std::uint64_t block = 4096;  // rows per write
    for (std::uint64_t r = 0; r < result.replicates; r += block) {
      buffer.clear();
      append_outcome_rows(buffer, result.schema, options, r, std::min(block, result.replicates - r), result.row(r));
      writer.write(buffer);
    }
    writer.commit();
  }
  write_file_atomic(stats, ensemble_stats(result).dump(2) + "\n");
  std::vector<std::filesystem::path> files{outcomes, stats};
  if (result.bands) {
    write_file_atomic(directory / "bands.csv", result.bands->csv());
    files.push_back(directory / "bands.csv");
  }
  write_file_atomic(manifest, ensemble_manifest(scenario, options, weeks, run, result.bands.get()).dump(2) + "\n");
  files.push_back(manifest);
  return files;
}

void write_kept_replays(const std::filesystem::path& directory, const Scenario& scenario,
                        const EnsembleOptions& options, int weeks, std::uint64_t keep) {
  ensure_directory(directory);
  const std::uint64_t kept = std::min<std::uint64_t>(keep, options.replicates);
  for (std::uint64_t r = 0; r < kept; ++r) {
    const ReplicateKey key{options.master_seed, options.point, r};
    RunRecord record;
    const WorldState end = run_replicate(scenario, key, weeks, &record);
    char name[64];
    std::snprintf(name, sizeof name, "replicate-%06llu.lvr", static_cast<unsigned long long>(r));
    replay::write_replay(directory / name, replay::make_replay(scenario, key, weeks, record, end));
  }
}

}  // namespace leverage
