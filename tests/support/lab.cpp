#include "tests/support/lab.hpp"

#include <stdexcept>

#include "engine/model/scenario_loader.hpp"

namespace leverage::test {

nlohmann::json lab_json() {
  return nlohmann::json::parse(R"JSON({
  "schema_version": 1,
  "name": "lab",
  "weeks": 20,
  "target": "minsk",
  "patron": "moscow",
  "prisoners": {"initial_stock": 1000, "arrests_per_week": 10, "completion_hazard": 0.01, "rearrest_hazard": 0.05,
                "pool_exit_rate": 0.1, "repression_decay": 0.5, "repression_max": 3,
                "named": [{"id": "journalist", "salience": 2}, {"id": "laureate", "salience": 3}]},
  "transit": {"eu_transit_teu_per_week": 1000, "bilateral_teu_per_week": 100, "leak_share": 0.5,
              "reroute_max_share": 0.8, "flight_per_blocked_week": 0, "return_weeks": 4,
              "shock_persistence": 0, "shock_sd": 0,
              "crossings": [
                {"id": "pl", "controller": "warsaw", "baseline_share": 0.8, "capacity_teu_per_week": 2000, "leak_weight": 0},
                {"id": "lt", "controller": null, "baseline_share": 0.1, "capacity_teu_per_week": 300, "leak_weight": 1},
                {"id": "lv", "controller": null, "baseline_share": 0.1, "capacity_teu_per_week": 200, "leak_weight": 1}]},
  "economy": {"evasion_revenue_meur_per_week": 2, "evasion_decay": 0, "seals_evasion_cut": 0.75,
              "sanctions_loss_meur_per_level": 1, "suspension_export_loss_meur_per_week": 5, "buffer_meur": 100,
              "aid_cap_min_meur": 2, "aid_cap_max_meur": 2, "request_share": 0.5, "max_sanctions_level": 5,
              "initial_sanctions_level": 1},
  "migration": {"baseline": 0.2, "decay": 0.5, "max": 1},
  "pressure": {"decay": 0.5, "veto_boost_per_level": 0, "relief_per_release": 0.01},
  "eu": {"members": []},
  "engagement": {"recent_release_decay": 0.5, "summits": []},
  "signals": [
    {"actor": "warsaw", "action": "intensive_inspection", "p_if_resolved": 0.6, "p_if_unresolved": 0.2},
    {"actor": "brussels", "action": "execute_threat", "p_if_resolved": 0.9, "p_if_unresolved": 0.1},
    {"actor": "brussels", "action": "back_down", "p_if_resolved": 0.2, "p_if_unresolved": 0.8}
  ],
  "assurance": {"delivered_if_reliable": 1, "delivered_if_unreliable": 0},
  "actors": [
    {"id": "minsk", "economy": {"fee_eur_per_teu_transit": 1000},
     "payoff": {"model": "weighted", "params": {"weights": {"revenue": 1, "prisoners": 0.01}}},
     "rule": {"name": "scripted"},
     "actions": [
       {"id": "hold", "kind": "hold"},
       {"id": "amnesty_small", "kind": "amnesty", "count": 10},
       {"id": "amnesty_large", "kind": "amnesty", "count": 100},
       {"id": "release_journalist", "kind": "release_named", "prisoner": "journalist"},
       {"id": "repress", "kind": "repress", "level": 1},
       {"id": "raise_migration", "kind": "raise_migration", "level": 0.2},
       {"id": "lower_migration", "kind": "lower_migration", "level": 0.2},
       {"id": "request_aid", "kind": "request_aid"},
       {"id": "evade", "kind": "evade", "level": 0.5}]},
    {"id": "warsaw", "types": {"p_resolved": 0.5}, "economy": {"fee_eur_per_teu_at": {"pl": 500}},
     "payoff": {"model": "weighted", "params": {"weights": {"revenue": 1, "migration": -1}}},
     "rule": {"name": "scripted"},
     "actions": [
       {"id": "hold", "kind": "hold"},
       {"id": "routine_control", "kind": "routine_control", "hours": 2},
       {"id": "intensive_inspection", "kind": "intensive_inspection", "hours": 33},
       {"id": "close", "kind": "close_crossing"},
       {"id": "demand_seals", "kind": "demand_seals"},
       {"id": "lift", "kind": "lift_measures"}]},
    {"id": "brussels", "types": {"p_resolved": 1, "p_reliable": 1, "target_belief_resolved": 0.5},
     "economy": {"suspension_cost_meur_per_week": 3},
     "payoff": {"model": "weighted", "params": {"weights": {"releases": 1, "audience_cost": -1, "revenue": 1}}},
     "rule": {"name": "scripted"},
     "actions": [
       {"id": "hold", "kind": "hold"},
       {"id": "ultimatum", "kind": "issue_ultimatum", "collective": true,
        "ultimatum": {"demand": {"kind": "gross", "count": 50}, "deadline_weeks": 4,
                      "threat": {"kind": "suspend_transit"}, "audience_cost": 10, "capitulation_cost": 4,
                      "partial_threshold": 0.5, "grace_weeks": 2, "max_extensions": 1}},
       {"id": "execute", "kind": "execute_threat", "collective": true},
       {"id": "extend", "kind": "extend_deadline", "weeks": 2},
       {"id": "back_down", "kind": "back_down"},
       {"id": "tighten", "kind": "tighten_sanctions", "levels": 1, "collective": true},
       {"id": "ease", "kind": "ease_sanctions", "levels": 1, "collective": true}]},
    {"id": "beijing", "economy": {"cost_eur_per_teu_lost": 1000},
     "payoff": {"model": "weighted", "params": {"weights": {"revenue": 1}}},
     "rule": {"name": "scripted"},
     "actions": [
       {"id": "hold", "kind": "hold"},
       {"id": "press_minsk", "kind": "press_target", "level": 1},
       {"id": "press_warsaw", "kind": "press_sender", "on": "warsaw", "level": 1},
       {"id": "accept_seals", "kind": "accept_seals"},
       {"id": "reroute", "kind": "reroute", "share": 0.4}]},
    {"id": "moscow", "economy": {"fee_eur_per_teu_transit": 200},
     "payoff": {"model": "weighted", "params": {"weights": {"revenue": 1, "budget_stress": -10}}},
     "rule": {"name": "scripted"},
     "actions": [
       {"id": "hold", "kind": "hold"},
       {"id": "subsidize", "kind": "subsidize", "amount_meur": 2},
       {"id": "counter_pressure", "kind": "counter_pressure", "level": 1}]}
  ]
})JSON");
}

std::shared_ptr<const Scenario> load(const nlohmann::json& document, const std::string& label) {
  return load_scenario_document(document, label);
}

std::shared_ptr<const Scenario> lab() { return load(lab_json()); }

std::size_t actor(const Scenario& scenario, const std::string& id) {
  const int i = scenario.actor_index(id);
  if (i < 0) throw std::invalid_argument("no actor " + id);
  return static_cast<std::size_t>(i);
}

std::size_t action(const Scenario& scenario, const std::string& actor_id, const std::string& action_id) {
  const auto& menu = scenario.actors[actor(scenario, actor_id)].menu;
  for (std::size_t k = 0; k < menu.size(); ++k)
    if (menu[k].id == action_id) return k;
  throw std::invalid_argument("no action " + action_id + " for " + actor_id);
}

WeekChoices holds(const Scenario& scenario) {
  WeekChoices choices;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    choices.action[i] = static_cast<std::uint8_t>(hold_index(scenario.actors[i]));
  return choices;
}

WeekChoices with(const Scenario& scenario, std::initializer_list<std::pair<std::string, std::string>> acts) {
  WeekChoices choices = holds(scenario);
  for (const auto& [who, what] : acts) choices.action[actor(scenario, who)] = static_cast<std::uint8_t>(action(scenario, who, what));
  return choices;
}

WorldState step_expected(const Scenario& scenario, WorldState state, const WeekChoices& choices) {
  ExpectedNoise noise;
  step_week(scenario, state, choices, noise);
  return state;
}

ForcedActions force(const Scenario& scenario, std::map<int, std::map<std::string, std::string>> table) {
  std::map<int, std::map<std::size_t, std::size_t>> resolved;
  for (const auto& [week, acts] : table)
    for (const auto& [who, what] : acts) resolved[week][actor(scenario, who)] = action(scenario, who, what);
  return [resolved](int week, std::size_t i) -> std::optional<std::size_t> {
    const auto w = resolved.find(week);
    if (w == resolved.end()) return std::nullopt;
    const auto a = w->second.find(i);
    if (a == w->second.end()) return std::nullopt;
    return a->second;
  };
}

std::string source_path(const std::string& relative) { return std::string(LEVERAGE_SOURCE_DIR) + "/" + relative; }

}  // namespace leverage::test
