// Ensembles: same bytes whatever the thread count; statistics against hand computations.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <cmath>

#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::WithinAbs;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::filesystem::path fresh_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("leverage-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

TEST_CASE("an ensemble writes the same bytes with 1, 2 and 4 threads") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  std::vector<std::string> outcomes, stats, manifests, bands;
  for (int threads : {1, 2, 4}) {
    EnsembleOptions options;
    options.master_seed = 99;
    options.replicates = 700;  // not a multiple of the chunk: the last chunk is short
    options.chunk = 64;
    options.threads = threads;
    const EnsembleResult result = run_ensemble(*s, options);
    CHECK(result.threads_used == threads);
    const auto dir = fresh_directory("threads" + std::to_string(threads));
    RunInfo run;
    run.threads = threads;
    write_ensemble_outputs(dir, *s, options, s->weeks, result, run);
    outcomes.push_back(slurp(dir / "outcomes.csv"));
    stats.push_back(slurp(dir / "stats.json"));
    bands.push_back(slurp(dir / "bands.csv"));
    auto manifest = nlohmann::json::parse(slurp(dir / "manifest.json"));
    manifest.erase("run");  // wall time, threads and host are the one part allowed to differ
    manifests.push_back(manifest.dump());
    std::filesystem::remove_all(dir);
  }
  CHECK(outcomes[0] == outcomes[1]);
  CHECK(outcomes[0] == outcomes[2]);
  CHECK(stats[0] == stats[1]);
  CHECK(stats[0] == stats[2]);
  CHECK(bands[0] == bands[1]);
  CHECK(bands[0] == bands[2]);
  CHECK(manifests[0] == manifests[1]);
  CHECK(manifests[0] == manifests[2]);
  // One header row and 700 data rows.
  CHECK(std::count(outcomes[0].begin(), outcomes[0].end(), '\n') == 701);
}

TEST_CASE("an ensemble member is the replicate `leverage run` would simulate with that key") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  EnsembleOptions options;
  options.master_seed = 5;
  options.replicates = 10;
  const EnsembleResult result = run_ensemble(*s, options);
  const WorldState direct = run_replicate(*s, ReplicateKey{5, 0, 7}, s->weeks);
  std::vector<double> row(result.schema.size());
  result.schema.extract(*s, direct, row.data());
  for (std::size_t c = 0; c < row.size(); ++c) {
    INFO(result.schema.columns()[c].name);
    const double a = result.row(7)[c], b = row[c];
    CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
  }
}

TEST_CASE("type 7 quantiles and Wilson intervals match hand computations") {
  // Sorted 1..5: h = (5 - 1) p. p = 0.25: h = 1, x[1] = 2. p = 0.05: h = 0.2, 1 + 0.2 * (2 - 1) = 1.2.
  // p = 0.95: h = 3.8, 4 + 0.8 * (5 - 4) = 4.8. p = 0.5: 3.
  const std::vector<double> sorted{1, 2, 3, 4, 5};
  CHECK_THAT(quantile_type7(sorted, 0.25), WithinAbs(2.0, 1e-15));
  CHECK_THAT(quantile_type7(sorted, 0.05), WithinAbs(1.2, 1e-15));
  CHECK_THAT(quantile_type7(sorted, 0.95), WithinAbs(4.8, 1e-15));
  CHECK_THAT(quantile_type7(sorted, 0.5), WithinAbs(3.0, 1e-15));
  // Wilson, 5 of 10 at z = 1.959964: center (0.5 + z^2/20) / (1 + z^2/10) = 0.5 by symmetry;
  // half = z / (1 + z^2/10) * sqrt(0.25/10 + z^2/400) = (1.959964 / 1.384146) * sqrt(0.025 + 0.0096037)
  //      = 1.416010 * 0.186021 = 0.263407.
  const Interval half = wilson_interval(5, 10);
  CHECK_THAT(half.low, WithinAbs(0.5 - 0.263407, 1e-6));
  CHECK_THAT(half.high, WithinAbs(0.5 + 0.263407, 1e-6));
  // 0 of 20: center z^2/40 / (1 + z^2/20) = 0.0960365 / 1.192073 = 0.0805626, and the half width
  // is the same, so the interval is [0, 0.161125].
  const Interval none = wilson_interval(0, 20);
  CHECK(none.low == 0);
  CHECK_THAT(none.high, WithinAbs(0.161125, 1e-6));
}

TEST_CASE("ensemble statistics: means, frequencies and the selection effect from the rows") {
  // A lab world where every replicate meets the ultimatum at the threat stage.
  auto document = test::lab_json();
  auto& brussels = document["actors"][2];
  brussels["rule"] = {{"name", "scripted"}, {"params", {{"schedule", {{{"week", 1}, {"action", "ultimatum"}}}}}}};
  document["actors"][0]["rule"] = {{"name", "scripted"}, {"params", {{"schedule", {{{"week", 2}, {"action", "amnesty_large"}}}}}}};
  document["weeks"] = 6;
  const auto s = test::load(document);
  EnsembleOptions options;
  options.replicates = 50;
  const EnsembleResult result = run_ensemble(*s, options);
  const auto stats = ensemble_stats(result);
  // 100 released in week 2, in every replicate: mean 100, sd 0, every quantile 100.
  CHECK(stats["outcomes"]["gross_releases"]["mean"] == 100.0);
  CHECK(stats["outcomes"]["gross_releases"]["sd"] == 0.0);
  CHECK(stats["outcomes"]["gross_releases"]["quantiles"]["q05"] == 100.0);
  CHECK(stats["u1_outcome_frequencies"]["complied_threat"]["count"] == 50);
  CHECK(stats["selection_effect"]["threatened"] == 50);
  CHECK(stats["selection_effect"]["imposed"] == 0);
  CHECK(stats["selection_effect"]["success_at_threat_stage"]["share"] == 1.0);
  CHECK(stats["selection_effect"]["success_after_imposition"]["share"].is_null());
  // The first release week is 2 everywhere; nothing is missing.
  CHECK(stats["outcomes"]["first_release_week"]["mean"] == 2.0);
  CHECK(stats["outcomes"]["first_release_week"]["missing"] == 0);
}
