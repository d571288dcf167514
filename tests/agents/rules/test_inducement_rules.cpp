// conditional_reward and case_by_case: rewards for releases, on hand-built states and weeks.
#include <catch2/catch.hpp>

#include "engine/model/policy.hpp"
#include "tests/agents/rules/sender_lab.hpp"

using namespace leverage;
using Catch::Matchers::Equals;

namespace {

// Brussels' choice on `state` with `memory`, for the lab with Brussels playing `rule`.
std::string brussels_choice(const Scenario& scenario, const WorldState& state, const RuleMemory& memory) {
  const std::size_t brussels = test::actor(scenario, "brussels");
  rng::Rng noise = decision_stream(ReplicateKey{1, 0, 0}, scenario.actors[brussels].id_hash, state.week + 1);
  const std::size_t k = scenario.actors[brussels].rule->decide(
      DecisionInput{scenario, state, brussels, feasible_actions(scenario, state, brussels), noise, memory}, nullptr);
  return scenario.actors[brussels].menu[k].id;
}

}  // namespace

TEST_CASE("conditional_reward: a gross count pays the revolving door, a net count does not",
          "[rules][conditional_reward]") {
  const auto make = [](const char* count) {
    return test::load(test::sender_lab(
        "brussels", {{"name", "conditional_reward"}, {"params", {{"per_releases", 100}, {"count", count}}}}, {}, 3));
  };
  const auto gross = make("gross");
  const auto net = make("net");
  WorldState state = initial_state(*gross, ReplicateKey{1, 0, 0});
  state.week = 5;
  RuleMemory memory{};
  // Minsk released 100: earned floor(100 / 100) = 1 > 0 paid, under either count: ease.
  state.gross_releases = 100;
  CHECK(brussels_choice(*gross, state, memory) == "ease");
  CHECK(brussels_choice(*net, state, memory) == "ease");
  // That reward paid (memory 1), the 100 are re-arrested and released again: 200 gross releases,
  // 100 re-arrests. Gross: floor(200 / 100) = 2 > 1, ease again: the re-arrests paid. Net:
  // floor((200 - 100) / 100) = 1, not above 1: hold.
  memory.value[0] = 1;
  state.gross_releases = 200;
  state.rearrests_total = 100;
  CHECK(brussels_choice(*gross, state, memory) == "ease");
  CHECK(brussels_choice(*net, state, memory) == "hold");
  // A net count still pays for new releases beyond the re-arrests: 300 - 100 = 200, floor 2 > 1.
  state.gross_releases = 300;
  CHECK(brussels_choice(*net, state, memory) == "ease");
}

TEST_CASE("conditional_reward pays once per block of releases in a run", "[rules][conditional_reward]") {
  // Minsk releases 100 in week 2 and 10 in week 5. per_releases 100: one reward, in week 3 (earned
  // 1 > 0 paid); week 5's 10 more make 110, floor 1: nothing more. Sanctions 3 -> 2.
  const nlohmann::json rule = {{"name", "conditional_reward"}, {"params", {{"per_releases", 100}}}};
  RunRecord record;
  const auto actions =
      test::played(test::sender_lab("brussels", rule, {{2, "amnesty_large"}, {5, "amnesty_small"}}, 3), "brussels", 8,
                   &record);
  std::vector<std::string> expected(8, "hold");
  expected[2] = "ease";
  CHECK_THAT(actions, Equals(expected));
  CHECK(record.weeks.back().sanctions_level == 2);
}

TEST_CASE("case_by_case trades one concession per named release", "[rules][case_by_case]") {
  // Minsk releases the journalist in week 2 and the laureate in week 5, and 100 others in week 3
  // (not named: no concession). Brussels eases once after each named release: weeks 3 and 6
  // (sanctions 3 -> 2 -> 1), and holds otherwise.
  const nlohmann::json rule = {{"name", "case_by_case"}};
  RunRecord record;
  const auto actions = test::played(
      test::sender_lab("brussels", rule, {{2, "release_journalist"}, {3, "amnesty_large"}, {5, "release_laureate"}}, 3),
      "brussels", 9, &record);
  std::vector<std::string> expected(9, "hold");
  expected[2] = expected[5] = "ease";
  CHECK_THAT(actions, Equals(expected));
  CHECK(record.weeks.back().sanctions_level == 1);
}

TEST_CASE("case_by_case bargains only for its listed prisoners", "[rules][case_by_case]") {
  // Brussels bargains for the laureate only: the journalist's release (week 2) earns nothing, the
  // laureate's (week 4) is paid in week 5 (sanctions 3 -> 2).
  const nlohmann::json rule = {{"name", "case_by_case"}, {"params", {{"prisoners", {"laureate"}}}}};
  const auto actions = test::played(
      test::sender_lab("brussels", rule, {{2, "release_journalist"}, {4, "release_laureate"}}, 3), "brussels", 7);
  std::vector<std::string> expected(7, "hold");
  expected[4] = "ease";
  CHECK_THAT(actions, Equals(expected));
}
