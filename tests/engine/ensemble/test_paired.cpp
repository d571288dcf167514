// Paired ensembles on common random numbers, and replay files kept from an ensemble.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/ensemble/paired.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

TEST_CASE("a scenario paired with itself differs by exactly zero in every replicate") {
  // Same scenario, same replicate keys: every stream is the same, so every outcome is the same.
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  EnsembleOptions options;
  options.replicates = 40;
  options.bands = false;
  const EnsembleResult a = run_ensemble(*s, options), b = run_ensemble(*s, options);
  const PairedDifferences paired = paired_differences(a, b);
  REQUIRE(!paired.names.empty());
  for (double d : paired.rows) CHECK((d == 0 || std::isnan(d)));
}

TEST_CASE("pairing the ultimatum with its no-ultimatum baseline isolates the ultimatum's effect") {
  // In the lab, the baseline never issues the ultimatum and Minsk releases only when one is open,
  // so the paired difference in gross releases is exactly the 100 released under the ultimatum.
  auto document = test::lab_json();
  document["weeks"] = 6;
  document["actors"][0]["rule"] = {{"name", "scripted"},
                                   {"params", {{"rules", {{{"if", {{"targeted", true}, {"week_to", 2}}}, {"action", "amnesty_large"}}}}}}};
  const auto baseline = test::load(document);
  document["actors"][2]["rule"] = {{"name", "scripted"}, {"params", {{"schedule", {{{"week", 1}, {"action", "ultimatum"}}}}}}};
  const auto with_ultimatum = test::load(document);
  EnsembleOptions options;
  options.replicates = 30;
  options.bands = false;
  const auto paired = paired_differences(run_ensemble(*baseline, options), run_ensemble(*with_ultimatum, options));
  std::size_t gross = paired.names.size();
  for (std::size_t k = 0; k < paired.names.size(); ++k)
    if (paired.names[k] == "gross_releases") gross = k;
  REQUIRE(gross < paired.names.size());
  for (std::uint64_t r = 0; r < paired.replicates; ++r) CHECK(paired.rows[r * paired.names.size() + gross] == 100);
}

TEST_CASE("leverage ensemble --keep writes replay files that leverage replay verifies; --paired writes paired.csv") {
  test::TempDir scratch("leverage-keep");
  const auto out = scratch.path / "ens";
  const std::string scenario = test::source_path("scenarios/belarus_2024.json");
  const auto ran = test::run_leverage({"ensemble", scenario, "-n", "20", "--keep", "2", "--paired",
                                       test::source_path("scenarios/baseline_no_ultimatum.json"), "--out", out.string(), "-q"},
                                      scratch.path);
  REQUIRE(ran.exit_code == 0);
  CHECK(std::filesystem::exists(out / "paired.csv"));
  CHECK(std::filesystem::exists(out / "paired_stats.json"));
  CHECK_FALSE(std::filesystem::exists(out / "replays" / "replicate-000002.lvr"));
  for (const char* name : {"replicate-000000.lvr", "replicate-000001.lvr"}) {
    const auto replayed = test::run_leverage({"replay", (out / "replays" / name).string()}, scratch.path);
    INFO(replayed.err);
    CHECK(replayed.exit_code == 0);
  }
  // 20 replicates: a header and 20 rows.
  const std::string csv = test::read_file(out / "paired.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 21);
}
