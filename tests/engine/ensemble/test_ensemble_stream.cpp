// The streaming ensemble (engine/ensemble/ensemble_stream.hpp): spilled columns against hand-derived
// statistics, the bytes of the in-memory writer for 1, 2 and 4 threads, and stop / resume.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/ensemble/ensemble_stream.hpp"
#include "engine/ensemble/paired.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::WithinAbs;
namespace fs = std::filesystem;

namespace {

// The files every complete ensemble writes, the manifest without its `run` object.
std::map<std::string, std::string> outputs(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const char* name : {"outcomes.csv", "stats.json", "bands.csv", "paired.csv", "paired_stats.json"})
    if (fs::exists(dir / name)) files[name] = test::read_file(dir / name);
  auto manifest = nlohmann::ordered_json::parse(test::read_file(dir / "manifest.json"));
  manifest.erase("run");
  files["manifest.json"] = manifest.dump(2);
  return files;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

EnsembleOptions small_ensemble(std::uint64_t seed, std::uint64_t replicates, std::uint64_t chunk, int weeks) {
  EnsembleOptions options;
  options.master_seed = seed;
  options.replicates = replicates;
  options.chunk = chunk;
  options.weeks = weeks;
  return options;
}

}  // namespace

TEST_CASE("spilled column summaries give hand-derived statistics, across a checkpoint and a lost tail") {
  // Values 2, none, 4, 4, 4, 5, 5, 7, 9: eight present, one missing. Mean 40 / 8 = 5; squared
  // deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, sample sd sqrt(32 / 7) = 2.1380899; the 95% half
  // width 1.959964 * sqrt(32 / 7) / sqrt(8) = 1.959964 * sqrt(4 / 7) = 1.959964 * 0.7559289
  // = 1.4815935. Type 7 on the sorted 2 4 4 4 5 5 7 9, h = 7 p:
  // q05 h = 0.35: 2 + 0.35 (4 - 2) = 2.7; q25 h = 1.75: 4; q50 h = 3.5: 4.5; q75 h = 5.25: 5 + 0.25 (7 - 5)
  // = 5.5; q95 h = 6.65: 7 + 0.65 (9 - 7) = 8.3.
  const std::vector<double> values{2, std::nan(""), 4, 4, 4, 5, 5, 7, 9};
  test::TempDir dir("leverage-spill");
  std::string checkpoint;
  {
    ColumnSummaries first({"x"}, {0}, dir.path, "x");
    for (std::size_t k = 0; k < 4; ++k) first.add_row(&values[k]);
    StateWriter state;
    first.save(state);
    checkpoint = state.bytes();
    // Two more values written and then lost, as by a run killed before its next checkpoint.
    for (std::size_t k = 4; k < 6; ++k) first.add_row(&values[k]);
    StateWriter never_used;
    first.save(never_used);  // syncs them to the spill file
    CHECK(fs::file_size(dir.path / "x-0.bin") == 5 * sizeof(double));
  }
  std::istringstream checkpoint_stream(checkpoint);
  StateReader reader(checkpoint_stream, checkpoint.size(), "checkpoint");
  ColumnSummaries resumed({"x"}, {0}, dir.path, "x", &reader);
  CHECK(reader.at_end());
  CHECK(resumed.moments(0).n == 3);  // 2, 4, 4: the missing value is counted apart
  for (std::size_t k = 4; k < values.size(); ++k) resumed.add_row(&values[k]);
  const auto x = resumed.describe()["x"];
  CHECK(x["n"] == 8);
  CHECK(x["missing"] == 1);
  CHECK_THAT(x["mean"].get<double>(), WithinAbs(5.0, 1e-12));
  CHECK_THAT(x["sd"].get<double>(), WithinAbs(2.1380899, 1e-7));
  CHECK_THAT(x["ci95"][0].get<double>(), WithinAbs(5 - 1.4815935, 1e-7));
  CHECK(x["min"] == 2.0);
  CHECK(x["max"] == 9.0);
  CHECK_THAT(x["quantiles"]["q05"].get<double>(), WithinAbs(2.7, 1e-12));
  CHECK(x["quantiles"]["q25"] == 4.0);
  CHECK(x["quantiles"]["q50"] == 4.5);
  CHECK_THAT(x["quantiles"]["q75"].get<double>(), WithinAbs(5.5, 1e-12));
  CHECK_THAT(x["quantiles"]["q95"].get<double>(), WithinAbs(8.3, 1e-12));
  // The spill file holds the eight present values, no more: the lost tail was cut off.
  CHECK(fs::file_size(dir.path / "x-0.bin") == 8 * sizeof(double));
  // describe_values (the in-memory path) agrees.
  CHECK(describe_values(values) == x);
}

TEST_CASE("a truncated checkpoint is refused with a message, not read past its end") {
  StateWriter state;
  state.u64(1);  // one column, and then nothing
  test::TempDir dir("leverage-spill-bad");
  std::istringstream bytes(state.bytes());
  StateReader reader(bytes, state.bytes().size(), "checkpoint.bin");
  CHECK_THROWS_WITH(ColumnSummaries({"x"}, {0}, dir.path, "x", &reader), Catch::Matchers::Contains("truncated"));
}

TEST_CASE("a streamed ensemble writes the bytes of the in-memory writer with 1, 2 and 4 threads") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const auto other = load_scenario(test::source_path("scenarios/baseline_no_ultimatum.json"));
  test::TempDir dir("leverage-stream");
  // 700 replicates, not a multiple of the chunk of 64: the last chunk is short.
  EnsembleOptions options = small_ensemble(99, 700, 64, 30);
  // The reference: rows held in memory, written by write_ensemble_outputs and write_paired_outputs.
  const EnsembleResult base = run_ensemble(*s, options);
  write_ensemble_outputs(dir.path / "memory", *s, options, 30, base, RunInfo{});
  EnsembleOptions other_options = options;
  other_options.bands = false;
  write_paired_outputs(dir.path / "memory", paired_differences(base, run_ensemble(*other, other_options)), "base.json",
                       "other.json", other->config_hash);
  auto reference = outputs(dir.path / "memory");
  for (int threads : {1, 2, 4}) {
    INFO(threads << " threads");
    options.threads = threads;
    StreamOptions stream;
    stream.out = dir.path / ("streamed" + std::to_string(threads));
    stream.checkpoint_seconds = 0;  // a checkpoint after every chunk: they must not change a byte
    const StreamResult plain = stream_ensemble(*s, options, stream);
    CHECK(plain.complete);
    CHECK(plain.threads == threads);
    CHECK(plain.chunks == 11);  // ceil(700 / 64)
    CHECK_FALSE(fs::exists(stream.out / ".partial"));
    auto streamed = outputs(stream.out);
    CHECK(streamed == std::map<std::string, std::string>{{"outcomes.csv", reference["outcomes.csv"]},
                                                          {"stats.json", reference["stats.json"]},
                                                          {"bands.csv", reference["bands.csv"]},
                                                          {"manifest.json", reference["manifest.json"]}});
    // Paired: paired.csv and paired_stats.json as the in-memory pair writes them.
    stream.out = dir.path / ("paired" + std::to_string(threads));
    stream.paired = other.get();
    stream.base_label = "base.json";
    stream.paired_label = "other.json";
    REQUIRE(stream_ensemble(*s, options, stream).complete);
    streamed = outputs(stream.out);
    CHECK(streamed["paired.csv"] == reference["paired.csv"]);
    CHECK(streamed["paired_stats.json"] == reference["paired_stats.json"]);
    CHECK(streamed["outcomes.csv"] == reference["outcomes.csv"]);
  }
}

TEST_CASE("a streamed ensemble's statistics agree with its own outcomes.csv") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  test::TempDir dir("leverage-stream-derive");
  EnsembleOptions options = small_ensemble(4, 301, 32, 26);
  options.threads = 2;
  StreamOptions stream;
  stream.out = dir.path;
  const StreamResult result = stream_ensemble(*s, options, stream);
  REQUIRE(result.complete);
  // Recompute from the CSV, independently of the accumulators: the mean of gross_releases as a plain
  // sum / n, its median as the middle (151st of 301) sorted value (type 7 at p = 0.5, h = 150, is
  // exactly x[150]), and the count of each first-ultimatum outcome.
  std::istringstream csv(test::read_file(dir.path / "outcomes.csv"));
  std::string line;
  std::getline(csv, line);
  const auto header = split(line);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::vector<double> gross;
  std::map<std::string, int> codes;
  std::uint64_t replicate = 0;
  while (std::getline(csv, line)) {
    const auto fields = split(line);
    REQUIRE(fields.size() == header.size());
    CHECK(fields[column("replicate")] == std::to_string(replicate++));
    gross.push_back(std::stod(fields[column("gross_releases")]));
    codes[fields[column("u1_outcome")]] += 1;
  }
  REQUIRE(gross.size() == 301);
  double sum = 0;
  for (double g : gross) sum += g;
  std::sort(gross.begin(), gross.end());
  const auto& stats = result.stats;
  CHECK_THAT(stats["outcomes"]["gross_releases"]["mean"].get<double>(), WithinAbs(sum / 301, 1e-9));
  CHECK(stats["outcomes"]["gross_releases"]["quantiles"]["q50"].get<double>() == gross[150]);
  CHECK(stats["outcomes"]["gross_releases"]["min"].get<double>() == gross.front());
  CHECK(stats["outcomes"]["gross_releases"]["max"].get<double>() == gross.back());
  for (const auto& [name, count] : codes) CHECK(stats["u1_outcome_frequencies"][name]["count"] == count);
  CHECK(test::read_file(dir.path / "stats.json") == stats.dump(2) + "\n");
}

TEST_CASE("a stopped streamed ensemble resumes to the bytes of one run, and refuses another plan") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const auto other = load_scenario(test::source_path("scenarios/baseline_no_ultimatum.json"));
  test::TempDir dir("leverage-stream-resume");
  EnsembleOptions options = small_ensemble(12, 200, 16, 20);  // 13 chunks
  options.threads = 1;
  StreamOptions stream;
  stream.paired = other.get();
  stream.base_label = "a";
  stream.paired_label = "b";
  stream.keep = 1;
  stream.out = dir.path / "whole";
  REQUIRE(stream_ensemble(*s, options, stream).complete);

  stream.out = dir.path / "stopped";
  volatile std::sig_atomic_t stop = 0;
  stream.stop = &stop;
  stream.checkpoint_seconds = 3600;  // only the checkpoint a stop writes
  int merged = 0;
  options.progress = [&](std::uint64_t, std::uint64_t) { stop = ++merged == 3; };
  StreamResult result = stream_ensemble(*s, options, stream);
  // One thread: the third chunk is merged, the flag is seen before a fourth starts.
  CHECK_FALSE(result.complete);
  CHECK(result.chunks_merged == 3);
  CHECK_FALSE(fs::exists(stream.out / "outcomes.csv"));
  CHECK(fs::exists(stream.out / ".partial" / "ensemble" / "checkpoint.bin"));

  // A killed run may have written past its checkpoint: those bytes must be cut, not kept.
  {
    std::ofstream(stream.out / ".partial" / "ensemble" / "outcomes.csv", std::ios::app) << "12,34,half a row";
    std::ofstream(stream.out / ".partial" / "ensemble" / "outcome-0.bin", std::ios::app) << "garbage!";
  }
  stop = 0;
  options.progress = nullptr;
  stream.resume = true;
  {  // another scenario, seed, replicate count or paired scenario is refused, and the area left as it was
    EnsembleOptions seed = options;
    seed.master_seed = 13;
    CHECK_THROWS_WITH(stream_ensemble(*s, seed, stream), Catch::Matchers::Contains("/master_seed"));
    EnsembleOptions count = options;
    count.replicates = 201;
    CHECK_THROWS_WITH(stream_ensemble(*s, count, stream), Catch::Matchers::Contains("/replicates"));
    StreamOptions unpaired = stream;
    unpaired.paired = nullptr;
    CHECK_THROWS_WITH(stream_ensemble(*s, options, unpaired), Catch::Matchers::Contains("/paired_config_hash"));
    CHECK_THROWS_WITH(stream_ensemble(*other, options, stream), Catch::Matchers::Contains("/config_hash"));
  }
  result = stream_ensemble(*s, options, stream);
  CHECK(result.complete);
  CHECK(result.chunks_resumed == 3);
  CHECK(result.chunks_merged == 13);
  CHECK(outputs(dir.path / "stopped") == outputs(dir.path / "whole"));
  CHECK(fs::exists(stream.out / "replays" / "replicate-000000.lvr"));
  CHECK_FALSE(fs::exists(stream.out / ".partial"));
}
