// Every action of every actor, against `hold`, from three fixed states, moves the state variables
// and payoff terms that docs/MODEL.md's action table says it moves, in the stated direction.
#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <set>

#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

struct Check {
  const char* what;
  std::function<bool(const WorldState& acted, const WorldState& held, const Scenario& s, std::size_t actor)> holds;
};

// The action table, one entry per kind: what moves, and which way (acted vs held, same state).
std::map<ActionKind, std::vector<Check>> action_table() {
  const auto target = [](const Scenario& s) { return static_cast<std::size_t>(s.target); };
  const auto revenue = [](const WorldState& w, std::size_t i) { return at(w.actors[i].terms, Term::revenue); };
  return {
      {ActionKind::amnesty,
       {{"prisoners down", [](auto& a, auto& h, auto&, auto) { return a.prisoners < h.prisoners; }},
        {"releases up", [](auto& a, auto& h, auto&, auto) { return a.releases_week > h.releases_week; }},
        {"release pool up", [](auto& a, auto& h, auto&, auto) { return a.release_pool > h.release_pool; }}}},
      {ActionKind::release_named,
       {{"prisoners down", [](auto& a, auto& h, auto&, auto) { return a.prisoners < h.prisoners; }},
        {"named salience up", [](auto& a, auto& h, auto&, auto) { return a.named_salience_week > h.named_salience_week; }},
        {"named released", [](auto& a, auto& h, auto&, auto) { return a.named_released != h.named_released; }}}},
      {ActionKind::repress, {{"repression up", [](auto& a, auto& h, auto&, auto) { return a.repression > h.repression; }}}},
      {ActionKind::raise_migration, {{"migration up", [](auto& a, auto& h, auto&, auto) { return a.migration > h.migration; }}}},
      {ActionKind::lower_migration, {{"migration down", [](auto& a, auto& h, auto&, auto) { return a.migration < h.migration; }}}},
      {ActionKind::request_aid,
       {{"aid up", [](auto& a, auto& h, auto&, auto) { return a.aid_week_meur > h.aid_week_meur; }},
        {"target revenue up", [=](auto& a, auto& h, auto& s, auto) { return revenue(a, target(s)) > revenue(h, target(s)); }},
        {"patron revenue down",
         [=](auto& a, auto& h, auto& s, auto) { return revenue(a, s.patron) < revenue(h, s.patron); }}}},
      {ActionKind::evade, {{"evasion up", [](auto& a, auto& h, auto&, auto) { return a.evasion_level > h.evasion_level; }}}},
      {ActionKind::routine_control,
       {{"inspection hours up", [](auto& a, auto& h, auto&, auto) { return a.inspection_hours[0] > h.inspection_hours[0]; }}}},
      {ActionKind::intensive_inspection,
       {{"inspection hours up", [](auto& a, auto& h, auto&, auto) { return a.inspection_hours[0] > h.inspection_hours[0]; }},
        {"target's belief in resolve up",
         [](auto& a, auto& h, auto&, auto i) { return a.actors[i].belief_resolved > h.actors[i].belief_resolved; }}}},
      {ActionKind::close_crossing,
       {{"crossing closed", [](auto& a, auto& h, auto&, auto) { return a.closed[0] && !h.closed[0]; }},
        // ...unless a suspension already stops every crossing (nothing left to lose).
        {"own terminal revenue down",
         [=](auto& a, auto& h, auto&, auto i) { return revenue(a, i) < revenue(h, i) || h.suspension; }}}},
      {ActionKind::lift_measures, {{"crossing open", [](auto& a, auto& h, auto&, auto) { return !a.closed[0] && h.closed[0]; }}}},
      {ActionKind::demand_seals, {{"seals demanded", [](auto& a, auto& h, auto&, auto) { return a.seals_demanded && !h.seals_demanded; }}}},
      {ActionKind::accept_seals, {{"seals in force", [](auto& a, auto& h, auto&, auto) { return a.seals_in_force && !h.seals_in_force; }}}},
      {ActionKind::issue_ultimatum,
       {{"ultimatum issued", [](auto& a, auto& h, auto&, auto) { return a.ultimatum_count > h.ultimatum_count; }}}},
      {ActionKind::execute_threat,
       {{"suspension in force", [](auto& a, auto& h, auto&, auto) { return a.suspension && !h.suspension; }},
        {"transit down", [](auto& a, auto& h, auto&, auto) { return a.transit_teu < h.transit_teu; }},
        {"target's belief in resolve up",
         [](auto& a, auto& h, auto&, auto i) { return a.actors[i].belief_resolved > h.actors[i].belief_resolved; }}}},
      {ActionKind::extend_deadline,
       {{"deadline later",
         [](auto& a, auto& h, auto&, auto) { return a.ultimatums[0].deadline_week > h.ultimatums[0].deadline_week; }}}},
      {ActionKind::back_down,
       {{"audience cost up", [](auto& a, auto& h, auto&, auto i) { return a.actors[i].audience_cost > h.actors[i].audience_cost; }},
        {"target's belief in resolve down",
         [](auto& a, auto& h, auto&, auto i) { return a.actors[i].belief_resolved < h.actors[i].belief_resolved; }}}},
      {ActionKind::tighten_sanctions, {{"sanctions up", [](auto& a, auto& h, auto&, auto) { return a.sanctions_level > h.sanctions_level; }}}},
      {ActionKind::ease_sanctions, {{"sanctions down", [](auto& a, auto& h, auto&, auto) { return a.sanctions_level < h.sanctions_level; }}}},
      {ActionKind::press_target,
       {{"pressure on target up",
         [=](auto& a, auto& h, auto& s, auto) { return a.actors[target(s)].pressure > h.actors[target(s)].pressure; }}}},
      {ActionKind::press_sender,
       {{"pressure on that actor up", [](auto& a, auto& h, auto& s, auto i) {
          const int on = s.actors[i].menu[a.actors[i].last_action].on;
          return a.actors[on].pressure > h.actors[on].pressure;
        }}}},
      {ActionKind::reroute,
       {{"reroute share up", [](auto& a, auto& h, auto&, auto) { return a.reroute_share > h.reroute_share; }},
        {"own revenue down (lost transit)",
         [=](auto& a, auto& h, auto&, auto i) { return revenue(a, i) < revenue(h, i) || h.suspension; }}}},
      {ActionKind::subsidize,
       {{"aid up", [](auto& a, auto& h, auto&, auto) { return a.aid_week_meur > h.aid_week_meur; }},
        {"own revenue down", [=](auto& a, auto& h, auto&, auto i) { return revenue(a, i) < revenue(h, i); }}}},
      {ActionKind::counter_pressure,
       {{"counter-pressure up", [](auto& a, auto& h, auto&, auto) { return a.counter_pressure > h.counter_pressure; }}}},
  };
}

// Three fixed states of the lab scenario: the start; an ultimatum past its deadline with the
// Polish crossing closed, seals demanded, sanctions tightened and evasion under way; and the week
// after the threat was executed, with cargo rerouted.
std::vector<WorldState> fixed_states(const Scenario& s) {
  std::vector<WorldState> states;
  WorldState w = initial_state(s, ReplicateKey{7, 0, 0});
  states.push_back(w);
  w = test::step_expected(s, w, test::with(s, {{"brussels", "ultimatum"}, {"warsaw", "close"}}));
  w = test::step_expected(s, w, test::with(s, {{"warsaw", "demand_seals"}, {"minsk", "raise_migration"}}));
  w = test::step_expected(s, w, test::with(s, {{"brussels", "tighten"}, {"minsk", "evade"}}));
  w = test::step_expected(s, w, test::with(s, {{"minsk", "repress"}}));
  w = test::step_expected(s, w, test::with(s, {{"moscow", "counter_pressure"}}));
  REQUIRE(w.ultimatums[0].stage == UltimatumStage::awaiting_decision);  // deadline week 5 passed unmet
  states.push_back(w);
  w = test::step_expected(s, w, test::with(s, {{"brussels", "execute"}, {"warsaw", "lift"}, {"beijing", "reroute"}}));
  REQUIRE(w.ultimatums[0].stage == UltimatumStage::executed);
  states.push_back(w);
  return states;
}

}  // namespace

TEST_CASE("every action moves what the action table says, against hold, from three states") {
  const auto scenario = test::lab();
  const Scenario& s = *scenario;
  const auto table = action_table();
  std::set<ActionKind> exercised;
  int state_index = 0;
  for (const WorldState& state : fixed_states(s)) {
    ++state_index;
    const WorldState held = test::step_expected(s, state, test::holds(s));
    for (std::size_t i = 0; i < s.actors.size(); ++i) {
      const MenuMask feasible = feasible_actions(s, state, i);
      for (std::size_t k = 0; k < s.actors[i].menu.size(); ++k) {
        const ActionSpec& a = s.actors[i].menu[k];
        if (a.kind == ActionKind::hold || !(feasible >> k & 1u)) continue;
        WeekChoices choices = test::holds(s);
        choices.action[i] = static_cast<std::uint8_t>(k);
        const WorldState acted = test::step_expected(s, state, choices);
        const auto entry = table.find(a.kind);
        REQUIRE(entry != table.end());
        for (const Check& check : entry->second) {
          INFO("state " << state_index << ", " << s.actors[i].id << " " << a.id << ": " << check.what);
          CHECK(check.holds(acted, held, s, i));
        }
        exercised.insert(a.kind);
      }
    }
  }
  // Every kind but hold was feasible in at least one of the three states.
  for (const auto& info : action_kind_table()) {
    if (info.kind == ActionKind::hold) continue;
    INFO("action kind never exercised: " << info.name);
    CHECK(exercised.count(info.kind) == 1);
  }
}
