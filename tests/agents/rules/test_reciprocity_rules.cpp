// tit_for_tat and grim_trigger on hand-built weeks of the lab scenario. The lab has no EU members
// (no vetoes), sanctions start at level 1 of at most 5, repression decays by half a week and the
// migration index by half its gap to the baseline 0.2, so Minsk's conduct is exact:
//   repress (level 1):          repression 1 -> 2, after decay 1.5: a rise of 0.5 > 0.05, defected
//   raise_migration (0.2):      migration 0.2 -> 0.4, after decay 0.3: a rise of 0.1 > 0.05, defected
//   amnesty_small / _large:     10 / 100 releases >= 1, cooperated
//   hold:                       repression and migration fall back or stay, no release: neither
#include <catch2/catch.hpp>

#include "tests/agents/rules/sender_lab.hpp"

using namespace leverage;
using Catch::Matchers::Equals;

TEST_CASE("tit_for_tat mirrors Minsk's conduct with a one-week lag", "[rules][tit_for_tat]") {
  const nlohmann::json rule = {{"name", "tit_for_tat"}, {"params", {{"ultimatum", "none"}}}};
  // Minsk: week 2 cooperates, 3 defects (repress), 4 neither, 5 defects (migration), 6 cooperates.
  const auto document = test::sender_lab(
      "brussels", rule, {{2, "amnesty_small"}, {3, "repress"}, {5, "raise_migration"}, {6, "amnesty_large"}});
  // Brussels in week t answers Minsk's week t-1: week 1 has nothing to answer (hold), week 2 answers
  // week 1's hold (hold), week 3 the amnesty (ease: level 1 -> 0), week 4 the repression (tighten:
  // 0 -> 1), week 5 the quiet week (hold), week 6 the migration push (tighten: 1 -> 2), week 7 the
  // large amnesty (ease: 2 -> 1), week 8 the quiet week 7 (hold).
  CHECK_THAT(test::played(document, "brussels", 8),
             Equals(std::vector<std::string>{"hold", "hold", "ease", "tighten", "hold", "tighten", "ease", "hold"}));
}

TEST_CASE("tit_for_tat answers its own ultimatum's deadline by Minsk's last week", "[rules][tit_for_tat]") {
  // Ultimatum issued in week 1 (gross 50 within 4 weeks): deadline_week = 5. Minsk releases 10 in
  // week 5 only, short of the demand: at the end of week 5 the ultimatum awaits Brussels' decision,
  // and Minsk cooperated in week 5, so Brussels extends in week 6 (rather than executing). With no
  // release after, the extended deadline (week 6 + 2 = 8) passes unmet and Minsk's week 8 was
  // quiet: Brussels executes in week 9. Weeks 2-4 answer quiet weeks: hold; week 7 answers the
  // quiet week 6: hold; week 8 answers week 7: hold.
  const nlohmann::json rule = {{"name", "tit_for_tat"}};
  const auto document = test::sender_lab("brussels", rule, {{5, "amnesty_small"}});
  CHECK_THAT(test::played(document, "brussels", 9),
             Equals(std::vector<std::string>{"ultimatum", "hold", "hold", "hold", "hold", "extend", "hold", "hold",
                                             "execute"}));
}

TEST_CASE("grim_trigger never forgives", "[rules][grim_trigger]") {
  const nlohmann::json rule = {{"name", "grim_trigger"}, {"params", {{"ultimatum", "none"}}}};
  // Minsk represses in week 2 and then releases 100 prisoners every week from week 3 on.
  std::map<int, std::string> schedule{{2, "repress"}};
  for (int week = 3; week <= 20; ++week) schedule[week] = "amnesty_large";
  RunRecord record;
  const auto actions = test::played(test::sender_lab("brussels", rule, schedule), "brussels", 20, &record);
  // Weeks 1-2: not yet fired (week 1 quiet; week 2's repression is seen in week 3): hold. Weeks 3-6:
  // tighten, 1 -> 5. Weeks 7-20: tightening is infeasible at the maximum, so hold keeps 5 in force;
  // the releases are never rewarded.
  std::vector<std::string> expected{"hold", "hold", "tighten", "tighten", "tighten", "tighten"};
  expected.resize(20, "hold");
  CHECK_THAT(actions, Equals(expected));
  CHECK(record.weeks.back().sanctions_level == 5);
}

TEST_CASE("grim_trigger fires on its own missed deadline and executes", "[rules][grim_trigger]") {
  // Ultimatum in week 1 (deadline week 5); Minsk holds throughout. Weeks 2-5: Minsk quiet, not
  // fired: hold. End of week 5: deadline passed unmet, fired. Week 6: execute. Weeks 7-10: tighten
  // 1 -> 5; then hold.
  const nlohmann::json rule = {{"name", "grim_trigger"}};
  std::vector<std::string> expected{"ultimatum", "hold", "hold", "hold", "hold", "execute",
                                    "tighten", "tighten", "tighten", "tighten", "hold", "hold"};
  CHECK_THAT(test::played(test::sender_lab("brussels", rule, {}), "brussels", 12), Equals(expected));
}
