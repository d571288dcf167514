// graduated_escalation and appease on hand-built weeks of the lab scenario (see
// test_reciprocity_rules.cpp for how Minsk's conduct is read there).
#include <catch2/catch.hpp>

#include "tests/agents/rules/sender_lab.hpp"

using namespace leverage;
using Catch::Matchers::Equals;

TEST_CASE("graduated_escalation climbs exactly at its thresholds", "[rules][graduated_escalation]") {
  // Warsaw's ladder: intensive inspection, then closure. The defiance score s before week t's
  // decision is the number of consecutive quiet weeks before t. Minsk holds in weeks 1-6 and
  // releases 10 in week 7, then holds again.
  //   thresholds [2, 4]: t = 1, 2 (s = 0, 1): hold; t = 3, 4 (s = 2, 3): inspect; t = 5 (s = 4):
  //   close; t = 6, 7: closing is infeasible on a closed crossing, hold keeps it closed; week 7's
  //   release resets s to 0, so t = 8 relents (lift); t = 9 (s = 1): hold; t = 10 (s = 2): inspect.
  const nlohmann::json ladder = {"intensive_inspection", "close"};
  const auto run = [&](const nlohmann::json& thresholds) {
    const nlohmann::json rule = {{"name", "graduated_escalation"},
                                 {"params", {{"ladder", ladder}, {"thresholds", thresholds}}}};
    return test::played(test::sender_lab("warsaw", rule, {{7, "amnesty_small"}}), "warsaw", 10);
  };
  CHECK_THAT(run({2, 4}), Equals(std::vector<std::string>{"hold", "hold", "intensive_inspection",
                                                          "intensive_inspection", "close", "hold", "hold", "lift",
                                                          "hold", "intensive_inspection"}));
  //   thresholds [3, 5]: t = 1-3 (s = 0-2): hold; t = 4, 5 (s = 3, 4): inspect; t = 6 (s = 5): close;
  //   t = 7: hold (closed); t = 8: lift; t = 9, 10 (s = 1, 2): hold.
  CHECK_THAT(run({3, 5}), Equals(std::vector<std::string>{"hold", "hold", "hold", "intensive_inspection",
                                                          "intensive_inspection", "close", "hold", "lift", "hold",
                                                          "hold"}));
}

TEST_CASE("graduated_escalation executes its ultimatum only once the execute rung is active",
          "[rules][graduated_escalation]") {
  // Brussels' ladder: tighten from s = 2, execute from s = 6. Ultimatum in week 1, deadline week 5;
  // Minsk holds. t = 2 (s = 1): hold; t = 3, 4, 5 (s = 2, 3, 4): tighten 1 -> 4. At t = 6 the
  // deadline has passed and s = 5 < 6: extend (deadline 6 + 2 = 8). t = 7 (s = 6): the execute rung
  // is the highest active one but execution is infeasible before the deadline: hold. t = 8: hold.
  // t = 9: the extended deadline has passed, s = 8 >= 6: execute.
  const nlohmann::json rule = {{"name", "graduated_escalation"},
                               {"params", {{"ladder", {"tighten", "execute"}}, {"thresholds", {2, 6}}}}};
  CHECK_THAT(test::played(test::sender_lab("brussels", rule, {}), "brussels", 9),
             Equals(std::vector<std::string>{"ultimatum", "hold", "tighten", "tighten", "tighten", "extend", "hold",
                                             "hold", "execute"}));
}

TEST_CASE("appease never escalates", "[rules][appease]") {
  // Minsk represses every week it can and pushes migrants when it cannot: defection all along.
  // Appease eases every 4th week while sanctions are above 0 (3 -> 2 -> 1 -> 0 in weeks 4, 8, 12)
  // and holds otherwise; it never tightens, issues, executes or inspects.
  std::map<int, std::string> schedule;
  for (int week = 1; week <= 20; ++week) schedule[week] = week % 2 ? "repress" : "raise_migration";
  const nlohmann::json rule = {{"name", "appease"}};
  RunRecord record;
  const auto actions = test::played(test::sender_lab("brussels", rule, schedule, 3), "brussels", 20, &record);
  std::vector<std::string> expected(20, "hold");
  expected[3] = expected[7] = expected[11] = "ease";
  CHECK_THAT(actions, Equals(expected));
  for (const auto& week : record.weeks) CHECK(week.sanctions_level <= 3);
}

TEST_CASE("appease backs down from an ultimatum it finds itself with", "[rules][appease]") {
  // A replay forces the ultimatum in week 1 (deadline week 5); Minsk holds. Appease cannot back down
  // while the threat stands (weeks 2-5: hold; week 4 would ease, but sanctions are 0), and does so
  // at the first chance, week 6; the ultimatum ends backed down and is never executed.
  const auto scenario = test::load(test::sender_lab("brussels", {{"name", "appease"}}, {}, 0));
  const ForcedActions forced = test::force(*scenario, {{1, {{"brussels", "ultimatum"}}}});
  RunRecord record;
  const WorldState end = run_replicate(*scenario, ReplicateKey{1, 0, 0}, 8, &record, &forced);
  const std::size_t brussels = test::actor(*scenario, "brussels");
  CHECK(record.actions[5].action[brussels] == test::action(*scenario, "brussels", "back_down"));
  for (int w = 1; w < 8; ++w)
    if (w != 5) CHECK(record.actions[w].action[brussels] == test::action(*scenario, "brussels", "hold"));
  REQUIRE(end.ultimatum_count == 1);
  CHECK(end.ultimatums[0].stage == UltimatumStage::backed_down);
  CHECK(end.ultimatums[0].executed_week == -1);
}
