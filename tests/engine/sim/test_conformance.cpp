// Conformance over every scenario in scenarios/: it loads, runs to its horizon from several seeds,
// the stock never goes negative, payoffs stay finite, and every decision row is complete.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"
#include "tests/support/run_checks.hpp"

using namespace leverage;

TEST_CASE("every shipped scenario loads, runs and keeps its invariants") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("scenarios")))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 3);
  for (const auto& file : files) {
    const auto s = load_scenario(file);
    for (std::uint64_t seed : {1, 2, 3}) {
      INFO(file.filename().string() << ", seed " << seed);
      RunRecord record;
      run_replicate(*s, ReplicateKey{seed, 0, 0}, s->weeks, &record);
      REQUIRE(record.weeks.size() == static_cast<std::size_t>(s->weeks));
      for (const WorldState& state : record.weeks) {
        CHECK(state.prisoners >= 0);
        CHECK(state.transit_teu >= 0);
        CHECK(state.budget_stress >= 0);
        CHECK(state.budget_stress <= 1);
      }
      test::check_decision_log(*s, record);
    }
  }
}
