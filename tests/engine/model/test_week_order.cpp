// The documented order of one week (docs/MODEL.md, "One week"), pinned: decisions are simultaneous
// on last week's state; effects apply by phase before the dynamics; the dynamics before the
// ultimatum transitions; the transitions before the belief updates.
#include <catch2/catch.hpp>

#include "tests/support/lab.hpp"

using namespace leverage;

TEST_CASE("one week's order is pinned") {
  const auto s = test::lab();
  const std::size_t minsk = test::actor(*s, "minsk"), brussels = test::actor(*s, "brussels");

  SECTION("decisions are simultaneous: nobody sees this week's moves") {
    // A Minsk rule that amnesties whenever an ultimatum is open: in week 1 it cannot see the
    // ultimatum Brussels issues in week 1, so it first reacts in week 2.
    auto document = test::lab_json();
    document["actors"][0]["rule"] = {
        {"name", "scripted"},
        {"params", {{"rules", {{{"if", {{"targeted", true}}}, {"action", "amnesty_small"}}}}}}};
    const auto t = test::load(document);
    RunRecord record;
    const ForcedActions forced = test::force(*t, {{1, {{"brussels", "ultimatum"}}}});
    run_replicate(*t, ReplicateKey{1, 0, 0}, 2, &record, &forced);
    CHECK(t->actors[minsk].menu[record.actions[0].action[minsk]].id == "hold");
    CHECK(t->actors[minsk].menu[record.actions[1].action[minsk]].id == "amnesty_small");
  }

  SECTION("effects by phase: an ultimatum (diplomacy) is in place before a same-week amnesty (prisoners) counts") {
    // Issued in week 1 before the prisoners phase, so the 100 released in the same week count
    // toward its gross demand of 50: complied in week 1.
    WorldState w = initial_state(*s, {});
    w = test::step_expected(*s, w, test::with(*s, {{"brussels", "ultimatum"}, {"minsk", "amnesty_large"}}));
    CHECK(w.ultimatums[0].stage == UltimatumStage::complied_threat);
    CHECK(w.ultimatums[0].complied_week == 1);
  }

  SECTION("effects and dynamics before transitions: releases in the deadline week count") {
    WorldState w = initial_state(*s, {});
    w = test::step_expected(*s, w, test::with(*s, {{"brussels", "ultimatum"}}));  // deadline week 5
    for (int week = 2; week <= 4; ++week) w = test::step_expected(*s, w, test::holds(*s));
    w = test::step_expected(*s, w, test::with(*s, {{"minsk", "amnesty_large"}}));  // week 5
    CHECK(w.ultimatums[0].stage == UltimatumStage::complied_threat);
  }

  SECTION("transitions before beliefs: silence past the grace weeks moves the belief the same week") {
    WorldState w = initial_state(*s, {});
    w = test::step_expected(*s, w, test::with(*s, {{"brussels", "ultimatum"}}));
    for (int week = 2; week <= 7; ++week) w = test::step_expected(*s, w, test::holds(*s));
    CHECK(w.ultimatums[0].stage == UltimatumStage::awaiting_decision);
    CHECK(w.actors[brussels].belief_resolved == 0.5);
    w = test::step_expected(*s, w, test::holds(*s));  // week 8: 5 + 2 grace weeks passed
    CHECK(w.ultimatums[0].stage == UltimatumStage::backed_down);
    // Back-down likelihoods 0.2 / 0.8: 0.5 * 0.2 / (0.1 + 0.4) = 0.2, in week 8 itself.
    CHECK(w.actors[brussels].belief_resolved == Approx(0.2).margin(1e-15));
  }

  SECTION("payoffs last: the week's terms see the week's flows") {
    WorldState w = initial_state(*s, {});
    w = test::step_expected(*s, w, test::with(*s, {{"minsk", "amnesty_small"}}));
    CHECK(at(w.actors[minsk].terms, Term::releases) == 10);
    CHECK(w.week == 1);
  }
}
