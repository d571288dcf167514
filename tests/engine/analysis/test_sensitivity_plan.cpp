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
  // Every value lies in its range, and the integer targets (the deadline, the capitulation cost and
  // the buffer; the rationality asks for fractions, the prior is a float) hold integers.
  for (const auto& point : sobol.points) {
    for (std::size_t k = 0; k < 5; ++k) {
      CHECK(point[k].get<double>() >= sobol.parameters[k].min);
      CHECK(point[k].get<double>() <= sobol.parameters[k].max);
    }
    CHECK(point[0].is_number_integer());
    CHECK(point[1].is_number_integer());
    CHECK(point[2].is_number_float());
    CHECK(point[4].is_number_integer());
  }
  // Unit coordinates invert the mapping x = min + u (max - min): the middle of every range is u = 0.5
  // (deadline 4 + 0.5 16 = 12, capitulation 5 + 0.5 25 = 17.5, rationality 0.5 + 0.5 3.5 = 2.25,
  // prior 0.3 + 0.5 0.6 = 0.6, buffer 200 + 0.5 600 = 500).
  const auto unit = unit_coordinates(sobol, {12, 17.5, 2.25, 0.6, 500});
  for (const double u : unit) CHECK(u == Approx(0.5));
}
