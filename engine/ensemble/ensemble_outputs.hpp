#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ensemble/ensemble.hpp"
#include "engine/ensemble/ensemble_stats.hpp"

// The files `leverage ensemble` writes (README.md, "Ensembles"): outcomes.csv (a row per replicate),
// stats.json (means, standard deviations, 95% intervals, exact quantiles, outcome frequencies with
// Wilson intervals, the selection effect) and manifest.json. Everything but manifest.json's `run`
// object is a function of the scenario, the seed, the replicate count and the options alone. Here,
// the pieces and the writer of an ensemble held in memory; engine/ensemble/ensemble_stream.hpp
// writes the same bytes for one streamed to disk.
namespace leverage {

// stats.json of an ensemble held in memory.
nlohmann::ordered_json ensemble_stats(const EnsembleResult& result);

// outcomes.csv: the header, and the rows of `count` replicates from `first` (rows: count x schema.size()).
std::string outcomes_csv_header(const OutcomeSchema& schema);
void append_outcome_rows(std::string& out, const OutcomeSchema& schema, const EnsembleOptions& options,
                         std::uint64_t first, std::uint64_t count, const double* rows);

struct RunInfo {
  double wall_seconds = 0;
  int threads = 1;
  int ranks = 1;
  std::string host;
  std::uint64_t chunks_resumed = 0;  // chunks a --resume found done
};

// This machine's name, for a manifest's `run` object.
std::string host_name();

// What the command line added to an ensemble, recorded in its manifest when used.
struct EnsembleExtras {
  std::uint64_t keep = 0;             // --keep K
  std::string paired_file;            // --paired OTHER.json ("" when not paired)
  std::string paired_hash;            // its config hash
};

nlohmann::ordered_json ensemble_manifest(const Scenario& scenario, const EnsembleOptions& options, int weeks,
                                         const RunInfo& run, const Bands* bands = nullptr,
                                         const EnsembleExtras& extras = {});

// Writes outcomes.csv, stats.json, bands.csv (when computed) and manifest.json into `directory`,
// each atomically.
std::vector<std::filesystem::path> write_ensemble_outputs(const std::filesystem::path& directory,
                                                          const Scenario& scenario, const EnsembleOptions& options,
                                                          int weeks, const EnsembleResult& result, const RunInfo& run);

// --keep K: replay files of the first K members in `directory`/replicate-NNNNNN.lvr.
void write_kept_replays(const std::filesystem::path& directory, const Scenario& scenario,
                        const EnsembleOptions& options, int weeks, std::uint64_t keep);

}  // namespace leverage
