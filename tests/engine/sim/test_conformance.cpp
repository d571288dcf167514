// Conformance over every scenario in scenarios/: it loads, runs to its horizon from several seeds,
// the stock never goes negative, payoffs stay finite, and every decision row is complete.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

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
      const std::size_t n = s->actors.size();
      for (std::size_t w = 0; w < record.weeks.size(); ++w) {
        const WorldState& state = record.weeks[w];
        CHECK(state.prisoners >= 0);
        CHECK(state.transit_teu >= 0);
        CHECK(state.budget_stress >= 0);
        CHECK(state.budget_stress <= 1);
        for (std::size_t i = 0; i < n; ++i) {
          CHECK(std::isfinite(state.actors[i].payoff));
          const DecisionRecord& d = record.decisions[w * n + i];
          CHECK(d.menu_size == s->actors[i].menu.size());
          CHECK((d.feasible >> d.chosen & 1u));
          double total = 0;
          for (std::size_t k = 0; k < d.menu_size; ++k) {
            const bool feasible = d.feasible >> k & 1u;
            if (feasible) CHECK(std::isfinite(d.value[k]));
            if (!feasible) CHECK(d.probability[k] == 0);
            total += d.probability[k];
          }
          CHECK(total == Approx(1.0).epsilon(1e-12));
        }
      }
    }
  }
}
