// regret_matching on hand-built weeks of the inspection game (stage payoffs in
// tests/engine/model/test_evasion_detection.cpp: Minsk evade -4 if inspected, 2 if not, comply 0;
// Warsaw inspect 3 if Minsk evades, -1 if not, no inspection 0).
#include <catch2/catch.hpp>

#include "tests/agents/rules/inspection_support.hpp"

using namespace leverage;

namespace {
const nlohmann::json kRegret = {{"name", "regret_matching"}};
}

TEST_CASE("regret_matching: plays each action with probability proportional to its positive regret") {
  const auto s = test::inspection_game(kRegret, kRegret);
  const std::size_t minsk = test::actor(*s, "minsk");
  const std::size_t comply = test::action(*s, "minsk", "comply"), evade = test::action(*s, "minsk", "evade");
  RuleMemory memory{};
  DecisionRecord record;
  double u = 0;

  // No week observed: no positive regret, uniform play.
  test::decide_with(*s, minsk, memory, record, u);
  CHECK(record.probability[comply] == 0.5);
  CHECK(record.probability[evade] == 0.5);

  // Week 1: Minsk evaded and Warsaw inspected: evade earned -4, comply would have earned 0.
  //   regret(comply) += 0 - (-4) = 4, regret(evade) += 0.
  // Weeks 2-4: Minsk complied, Warsaw did not inspect: evade would have earned 2, comply 0.
  //   regret(evade) += 2 each week: 6 after three weeks; regret(comply) += 0.
  // Regrets (4, 6): p(comply) = 4 / 10 = 0.4, p(evade) = 6 / 10 = 0.6.
  test::observe_stage(*s, minsk, "evade", "inspect", memory);
  for (int w = 0; w < 3; ++w) test::observe_stage(*s, minsk, "comply", "no_inspection", memory);
  const std::size_t chosen = test::decide_with(*s, minsk, memory, record, u);
  CHECK(record.value[comply] == Approx(4.0));
  CHECK(record.value[evade] == Approx(6.0));
  CHECK(record.probability[comply] == Approx(0.4));
  CHECK(record.probability[evade] == Approx(0.6));
  // One uniform draw u: comply when u < 0.4.
  CHECK(chosen == (u < 0.4 ? comply : evade));

  // Week 5: Minsk evaded, Warsaw inspected again: regret(comply) += 4 -> 8; regret(evade) += 0 -> 6.
  // Week 6: Minsk evaded, Warsaw inspected: comply 12, evade 6. Probabilities 12/18 and 6/18.
  test::observe_stage(*s, minsk, "evade", "inspect", memory);
  test::observe_stage(*s, minsk, "evade", "inspect", memory);
  test::decide_with(*s, minsk, memory, record, u);
  CHECK(record.probability[comply] == Approx(2.0 / 3.0));
  CHECK(record.probability[evade] == Approx(1.0 / 3.0));
}

TEST_CASE("regret_matching: a negative regret is never played; the memory layout counts the weeks") {
  const auto s = test::inspection_game(kRegret, kRegret);
  const std::size_t warsaw = test::actor(*s, "warsaw");
  const std::size_t inspect = test::action(*s, "warsaw", "inspect"), none = test::action(*s, "warsaw", "no_inspection");
  RuleMemory memory{};
  // Two weeks where Minsk complied and Warsaw inspected: inspect earned -1, not inspecting 0.
  //   regret(no_inspection) = 2 * (0 - (-1)) = 2; regret(inspect) = 0: Warsaw stops inspecting.
  test::observe_stage(*s, warsaw, "comply", "inspect", memory);
  test::observe_stage(*s, warsaw, "comply", "inspect", memory);
  DecisionRecord record;
  double u = 0;
  CHECK(test::decide_with(*s, warsaw, memory, record, u) == none);
  CHECK(record.probability[none] == 1.0);
  CHECK(record.probability[inspect] == 0.0);
  // Layout (agents/rules/learning.hpp): S_k, N_k, C_k, T_k at 0, 16, 32, 48.
  CHECK(memory.value[0 + inspect] == Approx(-2.0));
  CHECK(memory.value[0 + none] == Approx(0.0));
  CHECK(memory.value[16 + inspect] == 2);
  CHECK(memory.value[32 + none] == Approx(-2.0));
  CHECK(memory.value[48 + inspect] == 2);
  CHECK(memory.value[48 + none] == 0);
  // One week where Minsk evaded: inspect would have earned 3: regret(inspect) = 3 - 0 = 3 (taken: none).
  //   regret(none) stays 2 (the week adds 0 - 0). p(inspect) = 3 / 5.
  test::observe_stage(*s, warsaw, "evade", "no_inspection", memory);
  test::decide_with(*s, warsaw, memory, record, u);
  CHECK(record.probability[inspect] == Approx(0.6));
}
