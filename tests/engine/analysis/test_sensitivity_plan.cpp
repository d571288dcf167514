// Planning a sensitivity experiment: the shipped example's designs and their derived sweep.
#include <catch2/catch.hpp>
#include <filesystem>

#include "engine/analysis/sensitivity_plan.hpp"

namespace {
using namespace leverage::analysis;
const std::filesystem::path kExample =
    std::filesystem::path(LEVERAGE_SOURCE_DIR) / "experiments" / "examples" / "sensitivity_belarus.json";
}  // namespace

TEST_CASE("the shipped sensitivity example plans both designs", "[analysis][sensitivity]") {
  // 5 parameters; Morris: 20 trajectories of 5 + 1 points = 120; Sobol: N = 128, 128 (5 + 2) = 896.
  const SensitivityPlan morris = plan_sensitivity(kExample, SensitivityMethod::morris);
  CHECK(morris.parameters.size() == 5);
  CHECK(morris.points.size() == 120);
  CHECK(morris.name == "sensitivity_belarus-morris");
  CHECK(morris.settings.levels == 4);
  const SensitivityPlan sobol = plan_sensitivity(kExample, SensitivityMethod::sobol);
  CHECK(sobol.points.size() == 896);
  CHECK(plan_sensitivity(kExample, SensitivityMethod::sobol, {true, std::nullopt}).points.size() == 128 * 12);
  // The derived sweep reads its points from design.csv, whose header names the parameters.
  CHECK(sobol.sweep_document.at("design").at("kind") == "file");
  CHECK(!sobol.sweep_document.contains("sensitivity"));
  const std::string csv = design_csv(sobol);
  CHECK(csv.substr(0, csv.find('\n')) ==
        "deadline_weeks,capitulation_cost,minsk_rationality,warsaw_p_resolved,minsk_buffer_meur");
  // The first Saltelli row is A_1, the Sobol point (0.5, ...): every parameter at its range's middle,
  // rounded for the integer ones: deadline 4 + 0.5 16 = 12, capitulation 5 + 0.5 25 = 17.5 -> 18
  // (llround rounds halves away from zero), rationality 2.25 (the example asks for no rounding),
  // p 0.3 + 0.5 0.6 = 0.6 (to rounding: 0.6000000000000001 in binary), buffer 500.
  CHECK(csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1) ==
        "12,18,2.25,0.6000000000000001,500");
  // Unit coordinates invert the mapping.
  const auto unit = unit_coordinates(sobol, {12, 17.5, 2.25, 0.6, 500});
  for (const double u : unit) CHECK(u == Approx(0.5));
}
