// PRIM peeling on a synthetic dataset whose box is known.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "engine/analysis/condition.hpp"
#include "engine/analysis/prim.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/rng/rng.hpp"

namespace {

using namespace leverage::analysis;

}  // namespace

TEST_CASE("PRIM recovers a known box within 0.05", "[analysis][prim]") {
  // 2000 points uniform on [0, 1]^3; the cases of interest are exactly the box
  // x0 in [0.2, 0.6], x1 in [0.5, 1], x2 free (probability 0.4 * 0.5 = 0.2). Peeling 5% per step
  // removes only non-cases while the box is larger than the true one, so the first box of density
  // >= 0.95 sits just outside the true box; its limits must be within 0.05 of the truth, x2 must
  // stay unrestricted, and both restrictions must be significant.
  leverage::rng::Rng stream(42);
  std::vector<std::vector<double>> x(2000, std::vector<double>(3));
  std::vector<bool> interest;
  for (auto& point : x) {
    for (double& u : point) u = leverage::rng::uniform01(stream);
    interest.push_back(point[0] >= 0.2 && point[0] <= 0.6 && point[1] >= 0.5);
  }
  const auto trajectory = prim_peel(x, interest, {0.05, 0.05});
  REQUIRE(trajectory.size() > 1);
  CHECK(trajectory.front().coverage == 1);
  CHECK(trajectory.front().support == 1);
  // Density never falls along this trajectory and coverage never rises.
  for (std::size_t i = 1; i < trajectory.size(); ++i) {
    CHECK(trajectory[i].density >= trajectory[i - 1].density);
    CHECK(trajectory[i].coverage <= trajectory[i - 1].coverage);
  }
  const std::size_t chosen = choose_box(trajectory, 0.95);
  const PrimBox& box = trajectory[chosen];
  REQUIRE(box.density >= 0.95);
  CHECK(box.coverage > 0.9);
  CHECK(box.low[0] == Approx(0.2).margin(0.05));
  CHECK(box.high[0] == Approx(0.6).margin(0.05));
  CHECK(box.low[1] == Approx(0.5).margin(0.05));
  const auto restrictions = box_restrictions(x, interest, box);
  REQUIRE(restrictions.size() == 2);
  CHECK(restrictions[0].parameter == 0);
  CHECK(restrictions[1].parameter == 1);
  for (const auto& restriction : restrictions) CHECK(restriction.p_value < 1e-6);
}

TEST_CASE("PRIM's significance test is the binomial upper tail", "[analysis][prim]") {
  // P[Bin(4, 1/2) >= 3] = (4 + 1) / 16; P[Bin(10, 0.3) >= 0] = 1; P[Bin(5, 0.2) >= 6] = 0.
  CHECK(binomial_upper_tail(4, 0.5, 3) == Approx(5.0 / 16));
  CHECK(binomial_upper_tail(10, 0.3, 0) == 1);
  CHECK(binomial_upper_tail(5, 0.2, 6) == 0);
  // P[Bin(3, 0.1) >= 1] = 1 - 0.9^3 = 0.271.
  CHECK(binomial_upper_tail(3, 0.1, 1) == Approx(0.271));
}

TEST_CASE("PRIM on a discrete parameter peels whole values", "[analysis][prim]") {
  // x0 takes 0, 1, 2, 3 (25 points each); cases: x0 == 3. Alpha's 5% is inside the ties at 0, so the
  // first peel removes all of x0 == 0 (the lowest value), and so on up to the box x0 in [3, 3].
  std::vector<std::vector<double>> x;
  std::vector<bool> interest;
  for (int v = 0; v < 4; ++v)
    for (int i = 0; i < 25; ++i) {
      x.push_back({static_cast<double>(v)});
      interest.push_back(v == 3);
    }
  const auto trajectory = prim_peel(x, interest, {0.05, 0.05});
  REQUIRE(trajectory.size() == 4);
  CHECK(trajectory[1].low[0] == 1);
  CHECK(trajectory[3].low[0] == 3);
  CHECK(trajectory[3].density == 1);
  CHECK(choose_box(trajectory, 0.8) == 3);
}

TEST_CASE("conditions parse, and say what is wrong when they do not", "[analysis][prim]") {
  const auto condition = parse_condition("releases_net_mean >= 300 and u1_share_none<0.5");
  REQUIRE(condition.size() == 2);
  CHECK(condition[0].column == "releases_net_mean");
  CHECK(condition[0].op == CompareOp::greater_equal);
  CHECK(condition[0].value == 300);
  CHECK(condition[1].op == CompareOp::less);
  CHECK(condition[0].holds(300));
  CHECK_FALSE(condition[0].holds(299.5));
  CHECK_FALSE(condition[0].holds(std::nan("")));
  CHECK_THROWS_AS(parse_condition("releases_net >= lots"), leverage::config::ConfigError);
  CHECK_THROWS_AS(parse_condition("releases_net 300"), leverage::config::ConfigError);
  CHECK_THROWS_AS(parse_condition(">= 300"), leverage::config::ConfigError);
}
