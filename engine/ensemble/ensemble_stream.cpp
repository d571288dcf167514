#include "engine/ensemble/ensemble_stream.hpp"

#include <cerrno>
#include <chrono>
#include <fstream>
#include <memory>
#include <numeric>

#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/ensemble/paired.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/partial_area.hpp"
#include "engine/version.hpp"

namespace leverage {

namespace {

using ojson = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr const char* kCheckpointMagic = "leverage ensemble checkpoint 1";

// What the partial area's work belongs to: everything that changes a byte of the outputs.
ojson ensemble_plan(const Scenario& scenario, const EnsembleOptions& options, int weeks, const StreamOptions& stream) {
  return {{"tool", "leverage ensemble"},
          {"version", kVersion},
          {"git_commit", kGitCommit},
          {"config_hash", scenario.config_hash},
          {"master_seed", options.master_seed},
          {"point", options.point},
          {"replicates", options.replicates},
          {"weeks", weeks},
          {"chunk", options.chunk},
          {"bands", options.bands},
          {"keep", stream.keep},
          {"paired_config_hash", stream.paired ? ojson(stream.paired->config_hash) : ojson(nullptr)}};
}

// A growing CSV in the partial area, reopened at its checkpointed length. After a run that was killed
// while publishing, the file may already be in place under its final name: then there is nothing to do.
std::unique_ptr<AppendFile> open_part(const std::filesystem::path& part, const std::filesystem::path& final_path,
                                      std::uint64_t length, const std::string& header) {
  if (length > 0 && !std::filesystem::exists(part) && std::filesystem::exists(final_path) &&
      std::filesystem::file_size(final_path) == length)
    return nullptr;
  auto file = std::make_unique<AppendFile>(part, length);
  if (length == 0) file->write(header);
  return file;
}

void publish_part(std::unique_ptr<AppendFile>& file, const std::filesystem::path& final_path) {
  if (file) file->publish(final_path);
  file.reset();
}

}  // namespace

StreamResult stream_ensemble(const Scenario& scenario, const EnsembleOptions& options, const StreamOptions& stream) {
  const auto start = Clock::now();
  const int weeks = options.weeks > 0 ? options.weeks : scenario.weeks;
  const std::filesystem::path& out = stream.out;
  const std::filesystem::path area = out / ".partial" / "ensemble";
  ensure_directory(out);
  const bool resumed = open_partial_area(area, ensemble_plan(scenario, options, weeks, stream), stream.resume);

  // The checkpoint a resumed run continues from, read in the order save_checkpoint() writes it.
  const std::filesystem::path checkpoint_file = area / "checkpoint.bin";
  std::ifstream checkpoint_stream;
  std::unique_ptr<StateReader> checkpoint;
  std::uint64_t first_chunk = 0, outcomes_length = 0, paired_length = 0;
  if (resumed && std::filesystem::exists(checkpoint_file)) {
    checkpoint_stream.open(checkpoint_file, std::ios::binary);
    if (!checkpoint_stream) throw IoError("cannot read", checkpoint_file, errno);
    checkpoint = std::make_unique<StateReader>(checkpoint_stream, std::filesystem::file_size(checkpoint_file),
                                               checkpoint_file.string());
    if (checkpoint->text() != kCheckpointMagic) checkpoint->fail("a checkpoint of `leverage ensemble`");
    first_chunk = checkpoint->u64();
    outcomes_length = checkpoint->u64();
    paired_length = checkpoint->u64();
  }
  const OutcomeSchema schema(scenario);
  EnsembleStatistics statistics(schema, area, checkpoint.get());
  std::unique_ptr<PairedColumns> paired_columns;
  std::unique_ptr<ColumnSummaries> differences;
  if (stream.paired) {
    paired_columns = std::make_unique<PairedColumns>(schema, OutcomeSchema(*stream.paired));
    std::vector<std::size_t> positions(paired_columns->names.size());
    std::iota(positions.begin(), positions.end(), std::size_t{0});
    differences = std::make_unique<ColumnSummaries>(paired_columns->names, positions, area, "paired", checkpoint.get());
  }
  std::unique_ptr<Bands> bands = options.bands ? std::make_unique<Bands>(scenario, weeks) : nullptr;
  if (bands && checkpoint) bands->restore(*checkpoint);
  if (checkpoint && !checkpoint->at_end()) checkpoint->fail("the end of the checkpoint");
  checkpoint.reset();
  checkpoint_stream.close();

  std::unique_ptr<AppendFile> outcomes_csv =
      open_part(area / "outcomes.csv", out / "outcomes.csv", outcomes_length, outcomes_csv_header(schema));
  std::unique_ptr<AppendFile> paired_csv =
      stream.paired ? open_part(area / "paired.csv", out / "paired.csv", paired_length,
                                paired_csv_header(paired_columns->names))
                    : nullptr;

  auto last_checkpoint = Clock::now();
  std::uint64_t checkpointed = first_chunk;
  const auto save_checkpoint = [&](std::uint64_t chunks_merged) {
    AtomicWriter file(checkpoint_file);
    StateWriter state(&file);  // streamed: the sketches are never copied whole
    state.text(kCheckpointMagic);
    state.u64(chunks_merged);
    state.u64(outcomes_csv ? outcomes_csv->sync() : outcomes_length);
    state.u64(paired_csv ? paired_csv->sync() : paired_length);
    statistics.save(state);
    if (differences) differences->save(state);
    if (bands) bands->save(state);
    state.flush();
    file.commit();
    checkpointed = chunks_merged;
    last_checkpoint = Clock::now();
  };

  ChunkPlan plan;
  plan.first_chunk = first_chunk;
  plan.stop = stream.stop;
  plan.paired = stream.paired;
  plan.bands = bands.get();
  const std::size_t band_width = bands ? static_cast<std::size_t>(weeks + 1) * bands->variables() : 0;
  const std::size_t paired_width = paired_columns ? paired_columns->names.size() : 0;
  const std::size_t other_width = stream.paired ? OutcomeSchema(*stream.paired).size() : 0;
  std::string text;                       // reused: after the first chunks, consuming one allocates nothing
  std::vector<double> chunk_differences;  // count x paired_width
  const ChunkedRun run = run_chunks(scenario, options, plan, [&](const EnsembleChunk& chunk) {
    text.clear();
    append_outcome_rows(text, schema, options, chunk.first, chunk.count, chunk.rows.data());
    outcomes_csv->write(text);
    for (std::uint64_t k = 0; k < chunk.count; ++k) {
      statistics.add_row(chunk.rows.data() + k * schema.size());
      if (bands) bands->add_replicate(chunk.weekly.data() + k * band_width);
    }
    if (paired_columns) {
      chunk_differences.resize(chunk.count * paired_width);
      for (std::uint64_t k = 0; k < chunk.count; ++k) {
        double* d = chunk_differences.data() + k * paired_width;
        paired_columns->difference(chunk.rows.data() + k * schema.size(), chunk.paired_rows.data() + k * other_width, d);
        differences->add_row(d);
      }
      text.clear();
      append_paired_rows(text, paired_width, chunk.first, chunk.count, chunk_differences.data());
      paired_csv->write(text);
    }
    if (Clock::now() - last_checkpoint >= std::chrono::duration<double>(stream.checkpoint_seconds))
      save_checkpoint(chunk.index + 1);
  });

  StreamResult result;
  result.chunks = run.chunks;
  result.chunks_resumed = first_chunk;
  result.chunks_merged = run.chunks_merged;
  result.threads = run.threads_used;
  if (run.chunks_merged > checkpointed) save_checkpoint(run.chunks_merged);  // stopped, or about to publish
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!run.complete()) return result;

  // Publish: the growing files are moved into place, the rest written atomically, the manifest last.
  publish_part(outcomes_csv, out / "outcomes.csv");
  result.files.push_back(out / "outcomes.csv");
  result.stats = statistics.json();
  write_file_atomic(out / "stats.json", result.stats.dump(2) + "\n");
  result.files.push_back(out / "stats.json");
  if (bands) {
    write_file_atomic(out / "bands.csv", bands->csv());
    result.files.push_back(out / "bands.csv");
  }
  EnsembleExtras extras;
  extras.keep = stream.keep;
  if (stream.paired) {
    publish_part(paired_csv, out / "paired.csv");
    const auto stats = paired_stats(stream.base_label, stream.paired_label, stream.paired->config_hash,
                                    options.replicates, *differences);
    write_file_atomic(out / "paired_stats.json", stats.dump(2) + "\n");
    result.files.push_back(out / "paired.csv");
    result.files.push_back(out / "paired_stats.json");
    extras.paired_file = stream.paired->source_file;
    extras.paired_hash = stream.paired->config_hash;
  }
  if (stream.keep > 0) {
    write_kept_replays(out / "replays", scenario, options, weeks, stream.keep);
    result.files.push_back(out / "replays");
  }
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  RunInfo info;
  info.wall_seconds = result.wall_seconds;
  info.threads = result.threads;
  info.host = host_name();
  info.chunks_resumed = first_chunk;
  write_file_atomic(out / "manifest.json",
                    ensemble_manifest(scenario, options, weeks, info, bands.get(), extras).dump(2) + "\n");
  result.files.push_back(out / "manifest.json");
  close_partial_area(area);
  result.complete = true;
  return result;
}

}  // namespace leverage
