// The week-by-week stepper of a class play (viewer/data/live_run.hpp), its inputs driver and
// class_results.csv, and the equilibrium reader (viewer/data/equilibrium.hpp).
#include <catch2/catch.hpp>

#include "engine/io/run_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "viewer/data/class_play.hpp"
#include "viewer/data/equilibrium.hpp"
#include "viewer/data/live_run.hpp"
#include "viewer/data/scenario_sliders.hpp"

using namespace leverage;
using namespace leverage::viewer;

namespace {

// belarus_2024.json with no EU veto (every member's veto probability 0, so a collective act always
// passes) and Brussels's demand raised to 100,000 releases, which Minsk cannot meet.
std::shared_ptr<const Scenario> belarus_no_veto() {
  return load_scenario(
      std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json",
      {"/eu/members/0/veto_probability=0", "/eu/members/1/veto_probability=0", "/eu/members/2/veto_probability=0",
       "/eu/members/3/veto_probability=0", "/actors/2/actions/1/ultimatum/demand/count=100000"});
}

constexpr std::size_t kWarsaw = 1, kBrussels = 2;
constexpr std::size_t kHold = 0, kUltimatum = 1, kExecute = 2;  // menu indices (Warsaw: hold is 0)

}  // namespace

TEST_CASE("live run: a play whose students choose as the rules do is the plain run", "[viewer][live_run]") {
  const auto scenario = belarus_no_veto();
  const ReplicateKey key{7, 0, 0};
  const int weeks = 10;
  RunRecord plain;
  run_replicate(*scenario, key, weeks, &plain);
  LiveRun play(scenario, key, weeks, {kBrussels});
  while (!play.finished()) {
    // Before any deviation the state is the plain run's, so the rule's choice is the plain run's.
    CHECK(play.ai_choice(kBrussels) == plain.actions[static_cast<std::size_t>(play.week())].action[kBrussels]);
    REQUIRE_FALSE(play.choose(kBrussels, play.ai_choice(kBrussels)).has_value());
  }
  CHECK(trajectory_csv(*scenario, play.record()) == trajectory_csv(*scenario, plain));
  CHECK(decisions_csv(*scenario, play.record()) == decisions_csv(*scenario, plain));
  REQUIRE(play.human_decisions().size() == static_cast<std::size_t>(weeks));
  for (const HumanDecision& d : play.human_decisions()) CHECK(d.student_action == d.ai_action);
}

TEST_CASE("live run: forced choices in hot-seat order equal run_replicate with them forced", "[viewer][live_run]") {
  const auto scenario = belarus_no_veto();
  const ReplicateKey key{3, 0, 0};
  const int weeks = 14;
  // Week 1: Brussels issues its ultimatum, Warsaw holds; then both hold for the rest.
  const ForcedActions forced = [](int week, std::size_t actor) -> std::optional<std::size_t> {
    if (actor == kBrussels) return week == 1 ? kUltimatum : kHold;
    if (actor == kWarsaw) return kHold;
    return std::nullopt;
  };
  RunRecord reference;
  run_replicate(*scenario, key, weeks, &reference, &forced);

  LiveRun play(scenario, key, weeks, {kBrussels, kWarsaw});
  // The plain run's week-1 choice is the rule's in the same (initial) position.
  RunRecord plain;
  run_replicate(*scenario, key, 1, &plain);
  CHECK(play.ai_choice(kBrussels) == plain.actions[0].action[kBrussels]);

  // Out of turn: Warsaw cannot choose before Brussels.
  const auto out_of_turn = play.choose(kWarsaw, kHold);
  REQUIRE(out_of_turn.has_value());
  CHECK(*out_of_turn == "it is brussels's turn, not warsaw's");
  // Infeasible: no ultimatum of Brussels's own has passed its deadline in week 1.
  const auto infeasible = play.choose(kBrussels, kExecute);
  REQUIRE(infeasible.has_value());
  CHECK(*infeasible == "execute is not possible in week 1: it needs an own ultimatum whose deadline passed unmet");
  CHECK(play.week() == 0);
  REQUIRE_FALSE(play.choose(kBrussels, kUltimatum).has_value());
  CHECK(play.week() == 0);  // Warsaw has yet to choose
  CHECK(play.current_player() == std::optional<std::size_t>(kWarsaw));
  REQUIRE_FALSE(play.choose(kWarsaw, kHold).has_value());
  CHECK(play.week() == 1);

  // With no veto the ultimatum passed: issued in week 1 with deadline_weeks 12, its deadline is
  // week 1 + 12 = 13. The class predicts that Minsk defies.
  REQUIRE(play.predictable_ultimatums() == std::vector<int>{0});
  CHECK(play.state().ultimatums[0].deadline_week == 13);
  play.predict(0, DeadlineAnswer::defy);
  while (!play.finished()) {
    REQUIRE_FALSE(play.choose(kBrussels, kHold).has_value());
    REQUIRE_FALSE(play.choose(kWarsaw, kHold).has_value());
  }
  CHECK(trajectory_csv(*scenario, play.record()) == trajectory_csv(*scenario, reference));
  CHECK(decisions_csv(*scenario, play.record()) == decisions_csv(*scenario, reference));
  CHECK(play.human_decisions().size() == 28);  // 14 weeks x 2 students

  // 100,000 releases in 12 weeks is beyond any amnesty, far under the 0.5 partial threshold: defy.
  REQUIRE(play.deadlines().size() == 1);
  const DeadlineResult& result = play.deadlines()[0];
  CHECK(result.week == 13);
  CHECK(result.sender == kBrussels);
  CHECK(result.actual == DeadlineAnswer::defy);
  CHECK(result.predicted == std::optional<DeadlineAnswer>(DeadlineAnswer::defy));
  const std::string csv = class_results_csv(play);
  CHECK(csv.rfind("kind,week,actor,student_action,ai_action,student_value,ai_value,prediction,outcome,correct\n", 0) ==
        0);
  CHECK(csv.find("\nchoice,1,brussels,ultimatum,") != std::string::npos);
  CHECK(csv.find("\nchoice,1,warsaw,hold,") != std::string::npos);
  CHECK(csv.find("\nprediction,13,brussels,,,,,defy,defy,1\n") != std::string::npos);
}

TEST_CASE("live run: an inputs file drives the play; its mistakes name the row", "[viewer][live_run]") {
  const auto scenario = belarus_no_veto();
  const ReplicateKey key{3, 0, 0};
  std::string text = "kind,week,actor,action\nchoose,1,brussels,ultimatum\nchoose,1,warsaw,hold\n";
  for (int w = 2; w <= 4; ++w)
    text += "choose," + std::to_string(w) + ",brussels,status_quo\nchoose," + std::to_string(w) + ",warsaw,hold\n";
  {
    LiveRun play(scenario, key, 4, {kBrussels, kWarsaw});
    play_inputs(play, parse_play_inputs(text, "c.csv", *scenario, 4), true);
    CHECK(play.finished());
    CHECK(play.human_decisions().size() == 8);
  }
  {  // Stopping at week 2: a screenshot of the play after two weeks.
    LiveRun play(scenario, key, 4, {kBrussels, kWarsaw});
    play_inputs(play, parse_play_inputs(text, "c.csv", *scenario, 4), false, 2);
    CHECK(play.week() == 2);
  }
  {  // A play of 5 weeks lacks week 5's choices (rows 2 to 9 cover weeks 1 to 4).
    LiveRun play(scenario, key, 5, {kBrussels, kWarsaw});
    CHECK_THROWS_WITH(play_inputs(play, parse_play_inputs(text, "c.csv", *scenario, 5), true),
                      "c.csv: no choose row for brussels in week 5 (a played capital chooses every week)");
  }
  {  // Moscow is not played.
    LiveRun play(scenario, key, 4, {kBrussels, kWarsaw});
    CHECK_THROWS_WITH(
        play_inputs(play, parse_play_inputs(text + "choose,2,moscow,status_quo\n", "c.csv", *scenario, 4), true),
        Catch::Contains("c.csv: row 10, field actor: expected a played capital (brussels, warsaw)"));
  }
  {  // Row 2 made infeasible: "execute" in week 1.
    LiveRun play(scenario, key, 4, {kBrussels, kWarsaw});
    std::string bad = text;
    bad.replace(bad.find("ultimatum"), 9, "execute");
    CHECK_THROWS_WITH(play_inputs(play, parse_play_inputs(bad, "c.csv", *scenario, 4), true),
                      Catch::Contains("c.csv: row 2, field action"));
  }
  {  // No ultimatum has its deadline in week 3 (the only one is due in week 13).
    LiveRun play(scenario, key, 4, {kBrussels, kWarsaw});
    CHECK_THROWS_WITH(
        play_inputs(play, parse_play_inputs(text + "predict,3,brussels,comply\n", "c.csv", *scenario, 4), true),
        Catch::Contains("c.csv: row 10, field week"));
  }
}

TEST_CASE("live run: players must be 1 to 5 distinct actors", "[viewer][live_run]") {
  const auto scenario = belarus_no_veto();
  CHECK_THROWS(LiveRun(scenario, ReplicateKey{}, 4, {}));
  CHECK_THROWS(LiveRun(scenario, ReplicateKey{}, 4, {kBrussels, kBrussels}));
  CHECK_THROWS(LiveRun(scenario, ReplicateKey{}, 4, {9}));
}

TEST_CASE("deadline answer: met, partly met (at or above the threshold) or defied", "[viewer][live_run]") {
  const auto scenario = belarus_no_veto();
  UltimatumState u;
  u.spec = 0;  // Brussels's ultimatum: partial_threshold 0.5
  u.share_met_at_deadline = 0.49;
  CHECK(deadline_answer(*scenario, u) == DeadlineAnswer::defy);
  u.share_met_at_deadline = 0.5;
  CHECK(deadline_answer(*scenario, u) == DeadlineAnswer::partly);
  u.share_met_at_deadline = 1;
  CHECK(deadline_answer(*scenario, u) == DeadlineAnswer::comply);
  u.share_met_at_deadline = 0;
  u.complied_week = 4;  // met before the deadline
  CHECK(deadline_answer(*scenario, u) == DeadlineAnswer::comply);
}

TEST_CASE("equilibrium reader: the summary's prediction when present, nothing otherwise", "[viewer][equilibrium]") {
  const auto summary = nlohmann::json::parse(R"({
    "ultimatums": [
      {"sender": "brussels", "issue_week": 3,
       "prediction": {"p_comply": 0.25, "p_execute": 0.75, "kind": "perfect_bayesian"}},
      {"sender": "warsaw", "issue_week": 9},
      {"sender": "brussels", "issue_week": 20, "prediction": {"p_comply": 1.5, "p_execute": 0.1}},
      {"sender": "brussels", "issue_week": 30, "prediction": {"p_comply": "high", "p_execute": 0.1}}
    ]})");
  const auto predictions = read_equilibrium(summary);
  REQUIRE(predictions.size() == 4);
  REQUIRE(predictions[0].has_value());
  CHECK(predictions[0]->p_comply == 0.25);
  CHECK(predictions[0]->p_execute == 0.75);
  CHECK(predictions[0]->kind == "perfect_bayesian");
  CHECK_FALSE(predictions[1].has_value());  // no prediction
  CHECK_FALSE(predictions[2].has_value());  // 1.5 is not a probability
  CHECK_FALSE(predictions[3].has_value());  // not a number
  CHECK(find_prediction(predictions, "brussels", 3) == &*predictions[0]);
  CHECK(find_prediction(predictions, "brussels", 4) == nullptr);
  CHECK(describe(&*predictions[0]) == "p(comply) 0.25, p(execute) 0.75 (perfect_bayesian)");
  CHECK(describe(nullptr) == "-");
  CHECK(read_equilibrium(nlohmann::json::object()).empty());
}

TEST_CASE("parameter sliders: read off the scenario, applied as --set overrides", "[viewer][sliders]") {
  const auto scenario = load_scenario(std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json");
  auto sliders = key_parameters(*scenario);
  // belarus_2024.json: Brussels (actor 2) issues the ultimatum (its action 1): deadline 12 weeks,
  // demand 300, capitulation cost 15, audience cost 20; Brussels's p_resolved 0.4; Beijing (actor 3)
  // presses Minsk with its action 1 at level 1; Moscow's aid cap 5 to 15 MEUR; HU vetoes with 0.15.
  REQUIRE(sliders.size() == 8);
  CHECK(sliders[0].pointer == "/actors/2/actions/1/ultimatum/deadline_weeks");
  CHECK(sliders[0].label == "Brussels's deadline (weeks)");
  CHECK(sliders[0].original == 12);
  CHECK(sliders[0].integer);
  CHECK(sliders[1].original == 300);
  CHECK(sliders[2].original == 15);
  CHECK(sliders[3].original == 20);
  CHECK(sliders[4].pointer == "/actors/2/types/p_resolved");
  CHECK(sliders[4].original == 0.4);
  CHECK(sliders[5].pointer == "/actors/3/actions/1/level");
  CHECK(sliders[5].original == 1);
  CHECK(sliders[6].pointer == "/economy/aid_cap_max_meur");
  CHECK(sliders[6].min == 5);  // never below the cap's minimum
  CHECK(sliders[6].original == 15);
  CHECK(sliders[7].label == "HU's veto probability");
  CHECK(sliders[7].original == 0.15);
  CHECK(slider_overrides(sliders).empty());

  sliders[0].value = 20;
  sliders[4].value = 0.75;
  CHECK(slider_overrides(sliders) ==
        std::vector<std::string>{"/actors/2/actions/1/ultimatum/deadline_weeks=20", "/actors/2/types/p_resolved=0.75"});
  const auto moved = apply_sliders(*scenario, sliders);
  CHECK(moved->ultimatums[0].deadline_weeks == 20);
  CHECK(moved->actors[2].types.p_resolved == 0.75);
  CHECK(scenario->ultimatums[0].deadline_weeks == 12);  // the base is untouched

  sliders[4].value = 1.5;  // not a probability: refused as a scenario file would be
  CHECK_THROWS_WITH(apply_sliders(*scenario, sliders), Catch::Contains("/actors/2/types/p_resolved"));
}
