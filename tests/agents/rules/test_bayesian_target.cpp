// bayesian_target on the lab scenario made hand-computable: no arrests, completions or re-arrests
// (a release of n moves the stock by exactly n), Minsk weighs revenue (1 per MEUR), the prisoner
// stock (0.003 per prisoner a week: regime control) and capitulation (-1), discount 0.995. Brussels
// issues a public ultimatum: 50 gross releases within one week, or transit is suspended;
// capitulation cost 4. Minsk's menu has amnesty_large (50, which meets the demand in one week).
//
// Values (docs/MODEL.md, "bayesian_target"), in the week after the issue (tau = 0, a one-week plan):
//   release cost of 50:  0.003 * 50 * (1 + 0.995 / 0.005) = 0.15 + 29.85 = 30  (this week's stock
//                        term and its persistence)
//   comply (amnesty_large): the demand is met in the projected week, V - V_hold = -30 - K = -34
//   defy (hold):         -b * L, L = (transit income 1000 TEU * 1000 EUR = 1 MEUR + Minsk's export
//                        loss under suspension 5) * 26 expected weeks = 156
//   evade, request_aid:  defy, and +1 MEUR each (evasion 2 * 0.5 level; aid 0.5 * cap 2)
// So amnesty_large beats the best defiance iff -34 > 1 - 156 b, i.e. b > b* = 35/156 = 0.2244.
#include <catch2/catch.hpp>

#include "engine/model/valuation.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

nlohmann::json target_lab(double prior, bool resolved) {
  nlohmann::json d = test::lab_json();
  d["prisoners"]["arrests_per_week"] = 0;
  d["prisoners"]["completion_hazard"] = 0;
  d["prisoners"]["rearrest_hazard"] = 0;
  auto& minsk = d["actors"][0];
  minsk["payoff"]["params"] = {{"weights", {{"revenue", 1}, {"prisoners", 0.003}, {"capitulation", -1}}},
                               {"discount", 0.995}};
  minsk["rule"] = {{"name", "bayesian_target"}, {"params", {{"rationality", 1000}}}};
  minsk["actions"][2]["count"] = 50;  // amnesty_large
  auto& brussels = d["actors"][2];
  brussels["types"] = {{"p_resolved", resolved ? 1 : 0}, {"p_reliable", 1}, {"target_belief_resolved", prior}};
  auto& ultimatum = brussels["actions"][1]["ultimatum"];
  ultimatum["demand"] = {{"kind", "gross"}, {"count", 50}};
  ultimatum["deadline_weeks"] = 1;
  return d;
}

double value(const DecisionRecord& d, std::size_t k) { return d.value[k]; }

}  // namespace

TEST_CASE("bayesian_target: the values of complying and defying, derived by hand") {
  const auto s = test::load(target_lab(0.05, true));
  const std::size_t minsk = test::actor(*s, "minsk");
  const std::size_t hold = test::action(*s, "minsk", "hold"), large = test::action(*s, "minsk", "amnesty_large");
  const std::size_t evade = test::action(*s, "minsk", "evade"), aid = test::action(*s, "minsk", "request_aid");
  for (const double belief : {0.05, 0.5}) {
    INFO("belief " << belief);
    WorldState state = test::step_expected(*s, initial_state(*s, ReplicateKey{1, 0, 0}),
                                           test::with(*s, {{"brussels", "ultimatum"}}));
    state.actors[test::actor(*s, "brussels")].belief_resolved = belief;
    rng::Rng noise = decision_stream(ReplicateKey{1, 0, 0}, s->actors[minsk].id_hash, 2);
    DecisionRecord d;
    s->actors[minsk].rule->decide(DecisionInput{*s, state, minsk, feasible_actions(*s, state, minsk), noise, RuleMemory{}},
                                  &d);
    // comply - defy(hold) = -30 - 4 + 156 b.
    CHECK(value(d, large) - value(d, hold) == Approx(-34.0 + 156.0 * belief));
    CHECK(value(d, evade) - value(d, hold) == Approx(1.0));
    CHECK(value(d, aid) - value(d, hold) == Approx(1.0));
    // Rationality 1000: 0.05 < b* defies (amnesty_large all but never), 0.5 > b* complies.
    if (belief < 35.0 / 156.0) CHECK(d.probability[large] < 1e-9);
    if (belief > 35.0 / 156.0) CHECK(d.probability[large] > 1 - 1e-9);
  }
}

TEST_CASE("bayesian_target: without an open ultimatum it values alternatives as value_alternatives does") {
  const auto s = test::load(target_lab(0.5, true));
  const std::size_t minsk = test::actor(*s, "minsk");
  const WorldState state = initial_state(*s, ReplicateKey{1, 0, 0});
  const MenuMask feasible = feasible_actions(*s, state, minsk);
  rng::Rng noise = decision_stream(ReplicateKey{1, 0, 0}, s->actors[minsk].id_hash, 1);
  DecisionRecord d;
  s->actors[minsk].rule->decide(DecisionInput{*s, state, minsk, feasible, noise, RuleMemory{}}, &d);
  std::array<double, kMaxMenu> expected{};
  value_alternatives(*s, state, minsk, feasible, expected);
  for (std::size_t k = 0; k < s->actors[minsk].menu.size(); ++k)
    if (feasible >> k & 1u) CHECK(d.value[k] == Approx(expected[k]).epsilon(1e-12));
}

TEST_CASE("bayesian_target: deceived about resolve, it defies, and corrects after the first execution") {
  // Brussels is resolved (p_resolved 1) but Minsk's prior is 0.05 < b*. Brussels issues in week 1
  // (deadline week 2) and executes when the deadline has passed (week 3), and issues again in
  // week 6 (deadline week 7).
  nlohmann::json d = target_lab(0.05, true);
  d["actors"][2]["rule"] = {{"name", "scripted"},
                            {"params", {{"schedule", {{{"week", 1}, {"action", "ultimatum"}}, {{"week", 6}, {"action", "ultimatum"}}}},
                                        {"rules", {{{"if", {{"deadline_passed", true}}}, {"action", "execute"}}}}}}};
  const auto s = test::load(d);
  const std::size_t minsk = test::actor(*s, "minsk"), brussels = test::actor(*s, "brussels");
  const std::size_t large = test::action(*s, "minsk", "amnesty_large");
  RunRecord record;
  run_replicate(*s, ReplicateKey{1, 0, 0}, 8, &record);
  const auto chose = [&](int week) { return record.actions[week - 1].action[minsk]; };
  // Weeks 2 and 3: belief 0.05, defy is worth 1 - 7.8 against comply's -34: defies.
  CHECK(chose(2) != large);
  CHECK(chose(3) != large);
  CHECK(record.actions[2].action[brussels] == test::action(*s, "brussels", "execute"));
  // The execution is a signal (lab: p 0.9 if resolved, 0.1 if not):
  //   b' = 0.05 * 0.9 / (0.05 * 0.9 + 0.95 * 0.1) = 0.045 / 0.14 = 0.32143.
  CHECK(record.weeks[2].actors[brussels].belief_resolved == Approx(0.045 / 0.14));
  // Week 4: the threat is in force (b = 1): comply -34 against defy 1 - 156: complies.
  CHECK(chose(4) == large);
  CHECK(record.weeks[3].ultimatums[0].stage == UltimatumStage::complied_after_imposition);
  // Week 7, the second ultimatum: b = 0.32143 > b*: comply -34 against defy 1 - 50.14: complies
  // at the threat stage.
  CHECK(record.weeks[5].actors[brussels].belief_resolved == Approx(0.045 / 0.14));
  CHECK(chose(7) == large);
  CHECK(record.weeks[6].ultimatums[1].stage == UltimatumStage::complied_threat);
}

TEST_CASE("bayesian_target: deceived the other way, it corrects after the first backdown") {
  // Brussels is not resolved (p_resolved 0) but Minsk's prior is 0.95. The first ultimatum demands
  // the laureate, whom Minsk cannot release (not on its menu): it defies whatever it believes, and
  // Brussels backs down when the deadline has passed (week 3). A backdown is a signal, here with
  // likelihoods 0.01 if resolved and 0.99 if not:
  //   b' = 0.95 * 0.01 / (0.95 * 0.01 + 0.05 * 0.99) = 0.0095 / 0.059 = 0.16102 < b*.
  // The second ultimatum (50 releases, issued week 5, deadline week 6): with b = 0.95 Minsk would
  // comply (-34 > 1 - 148.2); with 0.161 it defies (-34 < 1 - 25.1).
  const auto build = [](bool first_ultimatum) {
    nlohmann::json d = target_lab(0.95, false);
    d["signals"][2] = {{"actor", "brussels"}, {"action", "back_down"}, {"p_if_resolved", 0.01}, {"p_if_unresolved", 0.99}};
    nlohmann::json laureate = d["actors"][2]["actions"][1];
    laureate["id"] = "ultimatum_laureate";
    laureate["ultimatum"]["demand"] = {{"kind", "named"}, {"prisoners", {"laureate"}}};
    d["actors"][2]["actions"].push_back(laureate);
    nlohmann::json schedule = {{{"week", 5}, {"action", "ultimatum"}}};
    if (first_ultimatum) schedule.push_back({{"week", 1}, {"action", "ultimatum_laureate"}});
    d["actors"][2]["rule"] = {{"name", "scripted"},
                              {"params", {{"schedule", schedule},
                                          {"rules", {{{"if", {{"deadline_passed", true}}}, {"action", "back_down"}}}}}}};
    return test::load(d);
  };
  const auto s = build(true);
  const std::size_t minsk = test::actor(*s, "minsk"), brussels = test::actor(*s, "brussels");
  const std::size_t large = test::action(*s, "minsk", "amnesty_large");
  RunRecord record;
  run_replicate(*s, ReplicateKey{1, 0, 0}, 6, &record);
  CHECK(record.actions[2].action[brussels] == test::action(*s, "brussels", "back_down"));
  CHECK(record.weeks[2].actors[brussels].belief_resolved == Approx(0.0095 / 0.059));
  CHECK(record.actions[5].action[minsk] != large);
  CHECK(record.weeks[5].ultimatums[1].stage == UltimatumStage::awaiting_decision);
  // Without the first episode the prior stands and Minsk complies with the same ultimatum.
  const auto control = build(false);
  RunRecord control_record;
  run_replicate(*control, ReplicateKey{1, 0, 0}, 6, &control_record);
  CHECK(control_record.weeks[4].actors[brussels].belief_resolved == Approx(0.95));
  CHECK(control_record.actions[5].action[minsk] == large);
}

TEST_CASE("bayesian_target: a private channel costs the target only its private share of the capitulation cost") {
  // The same ultimatum sent privately ("public": false), private_capitulation_factor 0.5:
  // K = 0.5 * 4 = 2, so comply - defy(hold) = -30 - 2 + 156 b; with factor 0 (the default) -30 + 156 b.
  for (const double factor : {0.0, 0.5}) {
    INFO("factor " << factor);
    nlohmann::json d = target_lab(0.05, true);
    d["actors"][2]["actions"][1]["ultimatum"]["public"] = false;
    d["actors"][0]["rule"]["params"]["private_capitulation_factor"] = factor;
    const auto s = test::load(d);
    const std::size_t minsk = test::actor(*s, "minsk");
    const WorldState state = test::step_expected(*s, initial_state(*s, ReplicateKey{1, 0, 0}),
                                                 test::with(*s, {{"brussels", "ultimatum"}}));
    rng::Rng noise = decision_stream(ReplicateKey{1, 0, 0}, s->actors[minsk].id_hash, 2);
    DecisionRecord record;
    s->actors[minsk].rule->decide(
        DecisionInput{*s, state, minsk, feasible_actions(*s, state, minsk), noise, RuleMemory{}}, &record);
    const double gap = record.value[test::action(*s, "minsk", "amnesty_large")] -
                       record.value[test::action(*s, "minsk", "hold")];
    CHECK(gap == Approx(-30.0 - 4.0 * factor + 156.0 * 0.05));
  }
}
