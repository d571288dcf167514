// Beliefs move by Bayes' rule on costly signals, and a logit Minsk weighs an open ultimatum by its
// belief in the sender's resolve and by how near the deadline is.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "engine/model/valuation.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::WithinAbs;

TEST_CASE("the posterior after one intensive inspection equals the hand computation") {
  const auto s = test::lab();
  const std::size_t warsaw = test::actor(*s, "warsaw");
  WorldState w = initial_state(*s, {});
  CHECK(w.actors[warsaw].belief_resolved == 0.5);
  // Likelihoods 0.6 if resolved, 0.2 if not: 0.5 * 0.6 / (0.5 * 0.6 + 0.5 * 0.2) = 0.3 / 0.4 = 0.75.
  w = test::step_expected(*s, w, test::with(*s, {{"warsaw", "intensive_inspection"}}));
  CHECK_THAT(w.actors[warsaw].belief_resolved, WithinAbs(0.75, 1e-15));
  // A second one: 0.75 * 0.6 / (0.75 * 0.6 + 0.25 * 0.2) = 0.45 / 0.5 = 0.9.
  w = test::step_expected(*s, w, test::with(*s, {{"warsaw", "intensive_inspection"}}));
  CHECK_THAT(w.actors[warsaw].belief_resolved, WithinAbs(0.9, 1e-15));
  // Routine control is not a listed signal: no update.
  w = test::step_expected(*s, w, test::with(*s, {{"warsaw", "routine_control"}}));
  CHECK_THAT(w.actors[warsaw].belief_resolved, WithinAbs(0.9, 1e-15));
}

TEST_CASE("the default scenario's first inspection moves Minsk's belief in Warsaw as computed by hand") {
  const auto s = test::load(nlohmann::json::parse(std::ifstream(test::source_path("scenarios/belarus_2024.json"))));
  const std::size_t warsaw = test::actor(*s, "warsaw");
  WorldState w = initial_state(*s, {});
  // Prior 0.5 (types.target_belief_resolved), likelihoods 0.6 and 0.2: posterior 0.75.
  w = test::step_expected(*s, w, test::with(*s, {{"warsaw", "intensive_inspection"}}));
  CHECK_THAT(w.actors[warsaw].belief_resolved, WithinAbs(0.75, 1e-15));
}

namespace {

struct Choice {
  double p_large;       // logit probability of the large amnesty
  double value_margin;  // its value minus the value of holding
};

// Minsk on logit (rationality 0.05 per unit of utility) facing the lab's open ultimatum (50 gross
// releases, suspension threatened) with a given belief in Brussels' resolve and weeks to the deadline.
Choice large_amnesty(double belief, int weeks_to_deadline) {
  auto document = test::lab_json();
  document["actors"][0]["rule"] = {{"name", "logit"}, {"params", {{"rationality", 0.05}}}};
  const auto s = test::load(document);
  const std::size_t minsk = test::actor(*s, "minsk"), brussels = test::actor(*s, "brussels");
  WorldState w = initial_state(*s, {});
  w = test::step_expected(*s, w, test::with(*s, {{"brussels", "ultimatum"}}));
  w.ultimatums[0].deadline_week = static_cast<std::int16_t>(w.week + 1 + weeks_to_deadline);
  w.actors[brussels].belief_resolved = belief;
  const MenuMask feasible = feasible_actions(*s, w, minsk);
  rng::Rng noise(1);
  DecisionRecord record;
  const RuleMemory memory{};
  s->actors[minsk].rule->decide(DecisionInput{*s, w, minsk, feasible, noise, memory}, &record);
  const std::size_t large = test::action(*s, "minsk", "amnesty_large"), hold = test::action(*s, "minsk", "hold");
  return {record.probability[large], record.value[large] - record.value[hold]};
}

}  // namespace

TEST_CASE("a logit Minsk sees the deadline: a large amnesty is likelier at belief 0.8 than 0.2, and 2 weeks before it than 10") {
  // The continuation term gives hold -b * L * delta^tau (nothing met) and the large amnesty 0 (100
  // >= 50 met), with L = revenue weight 1 * threatened loss (transit fees 1 + export loss 5 = 6
  // MEUR a week) * 26 expected weeks = 156. So the large amnesty's margin over hold rises by
  // (0.8 - 0.2) * 156 * 0.995^tau between the two beliefs, and every other alternative gains less
  // (it meets less of the demand), which is why its probability rises.
  const double delta = 0.995;
  for (int tau : {2, 10}) {
    const Choice low = large_amnesty(0.2, tau), high = large_amnesty(0.8, tau);
    CHECK_THAT(high.value_margin - low.value_margin, WithinAbs(0.6 * 156 * std::pow(delta, tau), 1e-9));
    CHECK(high.p_large > low.p_large);
  }
  for (double belief : {0.2, 0.8}) {
    const Choice near = large_amnesty(belief, 2), far = large_amnesty(belief, 10);
    // Closer deadline: the same loss discounted over 8 weeks less.
    CHECK_THAT(near.value_margin - far.value_margin,
               WithinAbs(belief * 156 * (std::pow(delta, 2) - std::pow(delta, 10)), 1e-9));
    CHECK(near.p_large > far.p_large);
  }
}
