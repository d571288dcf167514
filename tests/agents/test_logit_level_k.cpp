// Level-k lookahead of the `logit` rule (docs/MODEL.md, "Level-k lookahead"): at depth 1 the other
// actors are predicted to repeat last week's action; at depth k >= 2 each by its own rule at depth
// k-1 on the same state, without drawing randomness.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/model/valuation.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::WithinAbs;

namespace {

// The lab with a Minsk that only holds or evades (evading costs 0.75 MEUR and weighs revenue and
// action cost only), a Warsaw whose rule closes its crossing once migration reaches 0.5, and Minsk
// on logit at the given depth (rationality 4).
std::shared_ptr<const Scenario> evasion_lab(int depth) {
  auto document = test::lab_json();
  auto& minsk = document["actors"][0];
  minsk["payoff"]["params"]["weights"] = {{"revenue", 1}, {"action_cost", -1}};
  minsk["actions"] = nlohmann::json::array({{{"id", "hold"}, {"kind", "hold"}},
                                            {{"id", "evade"}, {"kind", "evade"}, {"level", 0.5}, {"cost_meur", 0.75}}});
  minsk["rule"] = {{"name", "logit"}, {"params", {{"rationality", 4}, {"depth", depth}}}};
  document["actors"][1]["rule"] = {
      {"name", "scripted"},
      {"params", {{"rules", {{{"if", {{"at_least", {{"migration", 0.5}}}}}, {"action", "close"}}}}, {"default", "hold"}}}};
  return test::load(document);
}

struct Decision {
  double margin;     // value of evading minus value of holding
  double p_evade;
  std::size_t chosen;
};

Decision decide_minsk(const Scenario& s, const WorldState& w) {
  const std::size_t minsk = test::actor(s, "minsk");
  rng::Rng noise(3);
  DecisionRecord record;
  const RuleMemory memory{};
  const std::size_t chosen =
      s.actors[minsk].rule->decide(DecisionInput{s, w, minsk, feasible_actions(s, w, minsk), noise, memory}, &record);
  const std::size_t evade = test::action(s, "minsk", "evade"), hold = test::action(s, "minsk", "hold");
  return {record.value[evade] - record.value[hold], record.probability[evade], chosen};
}

}  // namespace

TEST_CASE("level-k: at depth 2 Minsk foresees Warsaw's closure and stops evading; at depth 1 it does not",
          "[logit][level-k]") {
  // Migration is 0.6 and Warsaw held last week. Depth 1 predicts Warsaw holds again; depth 2 runs
  // Warsaw's rule on this state, which closes Malaszewicze (migration >= 0.5).
  //   Open corridor: 1,000 TEU flow, flowing share 1.
  //   Closure: pl's 800 TEU blocked; half of them (leak share 0.5) leak to lt and lv by weight
  //   1:1, 200 each, within their room of 300 - 100 = 200 and 200 - 100 = 100: 300 leak.
  //   Flow 100 + 100 + 300 = 500, flowing share 0.5.
  // Evading raises the evasion level from 0 to 0.5, worth 2 MEUR * 0.5 * flowing share this week,
  // at a cost of 0.75; everything else in Minsk's utility (transit fees, sanctions) is the same
  // for both alternatives, and no weighted term is persistent, so the continuation term is 0.
  //   depth 1: margin = 2 * 0.5 * 1   - 0.75 = +0.25, p(evade) = 1 / (1 + e^(-4 * 0.25)) = 0.7311
  //   depth 2: margin = 2 * 0.5 * 0.5 - 0.75 = -0.25, p(evade) = 1 / (1 + e^(+4 * 0.25)) = 0.2689
  for (int depth : {1, 2, 3}) {
    const auto s = evasion_lab(depth);
    WorldState w = initial_state(*s, {});
    w.migration = 0.6;
    const Decision d = decide_minsk(*s, w);
    const double margin = depth == 1 ? 0.25 : -0.25;
    INFO("depth " << depth);
    CHECK_THAT(d.margin, WithinAbs(margin, 1e-12));
    CHECK_THAT(d.p_evade, WithinAbs(1.0 / (1.0 + std::exp(-4 * margin)), 1e-12));
    // Warsaw's rule ignores depth, so depth 3 predicts the same closure as depth 2.
    CHECK(predicted_choices(*s, w, test::actor(*s, "minsk"), depth, nullptr).action[test::actor(*s, "warsaw")] ==
          test::action(*s, "warsaw", depth == 1 ? "hold" : "close"));
  }
  // Below the threshold Warsaw's rule holds, and both depths agree (+0.25).
  for (int depth : {1, 2}) {
    const auto s = evasion_lab(depth);
    WorldState w = initial_state(*s, {});
    w.migration = 0.4;
    CHECK_THAT(decide_minsk(*s, w).margin, WithinAbs(0.25, 1e-12));
  }
}

TEST_CASE("level-k: a logit other is predicted by its own valuation, not by its last action", "[logit][level-k]") {
  // Moscow (logit, depth 1 as the level-2 Minsk runs it) subsidized last week. Subsidizing again
  // costs it the 2 MEUR it pays out (aid cap 2), and buys it nothing it weighs (Minsk's buffer is
  // full, so budget stress stays 0); counter-pressure has no effect it weighs either (no EU
  // members): hold and counter-pressure tie at the top, and the tie goes to the lower menu index,
  // hold. So depth 1 expects the subsidy again and depth 2 does not: Minsk's value of holding
  // falls by exactly the 2 MEUR of aid it no longer expects (its weights: revenue 1, prisoners
  // 0.01, and the subsidy does not move the prisoners).
  std::array<double, 3> hold_value{};
  for (int depth : {1, 2}) {
    auto document = test::lab_json();
    document["actors"][0]["rule"] = {{"name", "logit"}, {"params", {{"rationality", 1}, {"depth", depth}}}};
    document["actors"][4]["rule"] = {{"name", "logit"}};
    const auto s = test::load(document);
    const std::size_t minsk = test::actor(*s, "minsk"), moscow = test::actor(*s, "moscow");
    WorldState w = initial_state(*s, {});
    w.actors[moscow].last_action = static_cast<std::uint8_t>(test::action(*s, "moscow", "subsidize"));
    CHECK(predicted_choices(*s, w, minsk, depth, nullptr).action[moscow] ==
          test::action(*s, "moscow", depth == 1 ? "subsidize" : "hold"));
    rng::Rng noise(5);
    DecisionRecord record;
    const RuleMemory memory{};
    s->actors[minsk].rule->decide(DecisionInput{*s, w, minsk, feasible_actions(*s, w, minsk), noise, memory}, &record);
    hold_value[static_cast<std::size_t>(depth)] = record.value[test::action(*s, "minsk", "hold")];
  }
  CHECK_THAT(hold_value[1] - hold_value[2], WithinAbs(2.0, 1e-9));
}

TEST_CASE("level-k: predicting the others draws nothing from the decision stream", "[logit][level-k]") {
  // A logit decision takes exactly one uniform from its stream at every depth: the draw after the
  // decision is the second draw of a fresh copy of the stream.
  for (int depth : {1, 2, 3}) {
    const auto s = evasion_lab(depth);
    WorldState w = initial_state(*s, {});
    w.migration = 0.6;
    const std::size_t minsk = test::actor(*s, "minsk");
    rng::Rng noise(11), copy(11);
    const RuleMemory memory{};
    s->actors[minsk].rule->decide(DecisionInput{*s, w, minsk, feasible_actions(*s, w, minsk), noise, memory}, nullptr);
    (void)rng::uniform01(copy);
    CHECK(rng::uniform01(noise) == rng::uniform01(copy));
  }
}

TEST_CASE("level-k: the depth parameter is validated (1 to 4)", "[logit][level-k]") {
  for (int depth : {0, 5}) {
    auto document = test::lab_json();
    document["actors"][0]["rule"] = {{"name", "logit"}, {"params", {{"depth", depth}}}};
    CHECK_THROWS(test::load(document));
  }
}
