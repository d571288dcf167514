// fictitious_play on hand-built weeks of the inspection game (stage payoffs in
// tests/engine/model/test_evasion_detection.cpp). Against Warsaw's empirical frequency of
// inspecting p, Minsk's evade is worth 2(1 - p) - 4p = 2 - 6p, comply 0: it evades iff p < 1/3.
// Against Minsk's frequency of evading q, Warsaw's inspect is worth 3q - (1 - q) = 4q - 1, not
// inspecting 0: it inspects iff q > 1/4.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/agents/rules/inspection_support.hpp"

using namespace leverage;

TEST_CASE("fictitious_play: best-responds to the counts of the others' actions") {
  const auto s = test::inspection_game({{"name", "fictitious_play"}}, {{"name", "fictitious_play"}});
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  const std::size_t comply = test::action(*s, "minsk", "comply"), evade = test::action(*s, "minsk", "evade");
  const std::size_t inspect = test::action(*s, "warsaw", "inspect"), none = test::action(*s, "warsaw", "no_inspection");
  DecisionRecord record;
  double u = 0;

  RuleMemory m{};
  // Before any week: uniform.
  test::decide_with(*s, minsk, m, record, u);
  CHECK(record.probability[evade] == 0.5);

  // Warsaw inspected 1 week in 4: p = 1/4 < 1/3; evade is worth 2 - 6/4 = 0.5 > 0: evade.
  test::observe_stage(*s, minsk, "comply", "inspect", m);
  for (int w = 0; w < 3; ++w) test::observe_stage(*s, minsk, "comply", "no_inspection", m);
  CHECK(test::decide_with(*s, minsk, m, record, u) == evade);
  CHECK(record.value[evade] == Approx(0.5));
  CHECK(record.value[comply] == Approx(0.0).margin(1e-12));
  CHECK(record.probability[evade] == 1.0);

  // Two more inspections: p = 3/6 = 1/2; evade is worth 2 - 3 = -1: comply.
  test::observe_stage(*s, minsk, "evade", "inspect", m);
  test::observe_stage(*s, minsk, "evade", "inspect", m);
  CHECK(test::decide_with(*s, minsk, m, record, u) == comply);
  CHECK(record.value[evade] == Approx(-1.0));

  // One more week without: p = 3/9 = 1/3, evade worth 2 - 2 = 0: a tie, split evenly (one draw).
  test::observe_stage(*s, minsk, "comply", "no_inspection", m);
  test::observe_stage(*s, minsk, "comply", "no_inspection", m);
  test::observe_stage(*s, minsk, "comply", "no_inspection", m);
  const std::size_t tied = test::decide_with(*s, minsk, m, record, u);
  CHECK(record.value[evade] == Approx(0.0).margin(1e-12));
  CHECK(record.probability[evade] == 0.5);
  CHECK(tied == (u < 0.5 ? comply : evade));

  // Warsaw: Minsk evaded 1 week in 5: q = 1/5 < 1/4, inspect worth 4/5 - 1 = -0.2: no inspection.
  RuleMemory w{};
  test::observe_stage(*s, warsaw, "evade", "no_inspection", w);
  for (int k = 0; k < 4; ++k) test::observe_stage(*s, warsaw, "comply", "no_inspection", w);
  CHECK(test::decide_with(*s, warsaw, w, record, u) == none);
  CHECK(record.value[inspect] == Approx(-0.2));
  // One more evasion: q = 2/6 = 1/3 > 1/4, inspect worth 4/3 - 1 = 1/3: inspect.
  test::observe_stage(*s, warsaw, "evade", "inspect", w);
  CHECK(test::decide_with(*s, warsaw, w, record, u) == inspect);
  CHECK(record.value[inspect] == Approx(1.0 / 3.0));
}

TEST_CASE("fictitious_play: smoothing plays a logit of the average payoffs") {
  // smoothing tau = 1: after p = 1/4 (evade worth 0.5, comply 0),
  // p(evade) = exp(0.5) / (exp(0) + exp(0.5)) = 1 / (1 + exp(-0.5)).
  const auto s = test::inspection_game({{"name", "fictitious_play"}, {"params", {{"smoothing", 1.0}}}},
                                       {{"name", "fictitious_play"}});
  const std::size_t minsk = test::actor(*s, "minsk");
  RuleMemory m{};
  test::observe_stage(*s, minsk, "comply", "inspect", m);
  for (int w = 0; w < 3; ++w) test::observe_stage(*s, minsk, "comply", "no_inspection", m);
  DecisionRecord record;
  double u = 0;
  test::decide_with(*s, minsk, m, record, u);
  CHECK(record.probability[test::action(*s, "minsk", "evade")] == Approx(1.0 / (1.0 + std::exp(-0.5))));
}
