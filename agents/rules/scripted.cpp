// Decision rule `scripted`: a weekly schedule and condition-action rules, e.g. "issue the ultimatum
// in week 4; when its deadline has passed unmet, execute the threat if resolved, else back down".
// The first applicable entry wins: the schedule for this week, then the rules in order, then the
// default. With `error_rate` e a uniformly random feasible action replaces the choice (trembles).
#include <optional>
#include <string>
#include <vector>

#include "agents/rules/choice.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"
#include "engine/model/valuation.hpp"
#include "engine/model/world.hpp"

namespace leverage {
namespace {

// A named quantity a condition can compare against a threshold.
enum class Variable : std::uint8_t {
  prisoners, gross_releases, migration, sanctions_level, transit_teu, budget_stress, reroute_share,
  repression, own_pressure, own_credibility, demand_share, weeks_to_deadline, own_cost_tolerance,
  weeks_since_execution, own_revenue_meur
};

const std::vector<std::string>& variable_names() {
  static const std::vector<std::string> names{
      "prisoners", "gross_releases", "migration", "sanctions_level", "transit_teu", "budget_stress",
      "reroute_share", "repression", "own_pressure", "own_credibility", "demand_share", "weeks_to_deadline",
      "own_cost_tolerance", "weeks_since_execution", "own_revenue_meur"};
  return names;
}

struct Comparison {
  Variable variable;
  bool at_least;  // true: variable >= threshold; false: variable <= threshold
  double threshold;
};

// All present clauses must hold.
struct Condition {
  std::optional<int> week_from, week_to;
  std::optional<bool> deadline_passed, ultimatum_open, threat_executed, targeted, resolved, reliable, seals_demanded,
      suspension;
  std::vector<Comparison> comparisons;
  int after_actor = -1;
  int after_action = -1;  // menu index of after_actor's last action
  double probability = 1;
};

struct Entry {
  Condition condition;
  std::size_t action;
};

struct ScheduledAction {
  int week;
  std::size_t action;
};

// The ultimatum this actor is concerned with: its own open one, or, for the target, the oldest open
// ultimatum addressed to it.
const UltimatumState* concerned_ultimatum(const Scenario& scenario, const WorldState& state, std::size_t actor) {
  const bool is_target = static_cast<int>(actor) == scenario.target;
  for (std::size_t k = 0; k < state.ultimatum_count; ++k) {
    const UltimatumState& u = state.ultimatums[k];
    if (is_open(u.stage) && (u.sender == static_cast<int>(actor) || is_target)) return &u;
  }
  return nullptr;
}

double variable_value(Variable v, const Scenario& scenario, const WorldState& state, std::size_t actor) {
  const UltimatumState* u = concerned_ultimatum(scenario, state, actor);
  switch (v) {
    case Variable::prisoners: return state.prisoners;
    case Variable::gross_releases: return state.gross_releases;
    case Variable::migration: return state.migration;
    case Variable::sanctions_level: return state.sanctions_level;
    case Variable::transit_teu: return state.transit_teu;
    case Variable::budget_stress: return state.budget_stress;
    case Variable::reroute_share: return state.reroute_share;
    case Variable::repression: return state.repression;
    case Variable::own_pressure: return state.actors[actor].pressure;
    case Variable::own_credibility: return state.actors[actor].belief_resolved;
    case Variable::demand_share:
      return u ? demand_progress(scenario, state, *u) / demand_size(scenario.ultimatums[u->spec]) : 0.0;
    case Variable::weeks_to_deadline: return u ? u->deadline_week - (state.week + 1) : 1e9;
    case Variable::own_cost_tolerance: return state.actors[actor].cost_tolerance;
    case Variable::weeks_since_execution:
      return u && u->executed_week >= 0 ? (state.week + 1) - u->executed_week : -1.0;
    case Variable::own_revenue_meur: return state.actors[actor].revenue_meur;
  }
  return 0;
}

class Scripted final : public DecisionRule {
 public:
  Scripted(std::vector<ScheduledAction> schedule, std::vector<Entry> rules, std::size_t fallback, double error_rate)
      : schedule_(std::move(schedule)), rules_(std::move(rules)), fallback_(fallback), error_rate_(error_rate) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const std::size_t n = in.scenario.actors[in.actor].menu.size();
    // A fixed number of draws per decision (one per rule, then the tremble and its pick), so the
    // stream's use never depends on which branch was taken.
    std::array<double, kMaxMenu + 2> draws{};
    for (std::size_t k = 0; k < rules_.size() + 2; ++k) draws[k] = rng::uniform01(in.noise);
    std::size_t chosen = choose(in, draws.data());
    std::size_t feasible_count = 0;
    for (std::size_t k = 0; k < n; ++k) feasible_count += in.feasible >> k & 1u;
    if (error_rate_ > 0 && draws[rules_.size()] < error_rate_) {
      const std::size_t pick = static_cast<std::size_t>(draws[rules_.size() + 1] * static_cast<double>(feasible_count));
      if (const std::size_t k = rules::nth_feasible(in.feasible, n, pick); k < n) chosen = k;
    }
    if (record) {
      // Probabilities of the scripted choice under trembles; values from the actor's payoff model.
      const std::size_t intended = choose(in, draws.data());
      for (std::size_t k = 0; k < n; ++k) {
        const bool feasible = in.feasible >> k & 1u;
        record->probability[k] = feasible ? error_rate_ / static_cast<double>(feasible_count) : 0.0;
        if (k == intended) record->probability[k] += 1.0 - error_rate_;
      }
      value_alternatives(in, record->value);
    }
    return chosen;
  }

 private:
  std::size_t choose(const DecisionInput& in, const double* draws) const {
    const int week = in.state.week + 1;
    for (const auto& entry : schedule_)
      if (entry.week == week && (in.feasible >> entry.action & 1u)) return entry.action;
    for (std::size_t r = 0; r < rules_.size(); ++r)
      if ((in.feasible >> rules_[r].action & 1u) && holds(rules_[r].condition, in, draws[r])) return rules_[r].action;
    if (in.feasible >> fallback_ & 1u) return fallback_;
    return hold_index(in.scenario.actors[in.actor]);
  }

  static bool holds(const Condition& c, const DecisionInput& in, double draw) {
    const Scenario& scenario = in.scenario;
    const WorldState& state = in.state;
    const std::size_t actor = in.actor;
    const int week = state.week + 1;
    if (c.week_from && week < *c.week_from) return false;
    if (c.week_to && week > *c.week_to) return false;
    const UltimatumState* u = concerned_ultimatum(scenario, state, actor);
    const auto check = [](const std::optional<bool>& want, bool actual) { return !want || *want == actual; };
    if (!check(c.ultimatum_open, u != nullptr)) return false;
    if (!check(c.deadline_passed, u && u->stage == UltimatumStage::awaiting_decision)) return false;
    if (!check(c.threat_executed, u && u->stage == UltimatumStage::executed)) return false;
    if (!check(c.targeted, u && static_cast<int>(actor) == scenario.target)) return false;
    if (!check(c.resolved, state.actors[actor].resolved)) return false;
    if (!check(c.reliable, state.actors[actor].reliable)) return false;
    if (!check(c.seals_demanded, state.seals_demanded)) return false;
    if (!check(c.suspension, state.suspension)) return false;
    for (const auto& comparison : c.comparisons) {
      const double value = variable_value(comparison.variable, scenario, state, actor);
      if (comparison.at_least ? value < comparison.threshold : value > comparison.threshold) return false;
    }
    if (c.after_actor >= 0 && state.actors[c.after_actor].last_action != c.after_action) return false;
    return draw < c.probability;
  }

  std::vector<ScheduledAction> schedule_;
  std::vector<Entry> rules_;
  std::size_t fallback_;
  double error_rate_;
};

std::size_t menu_index(const config::Node& node, const ActorSpec& actor) {
  std::vector<std::string> ids;
  for (const auto& action : actor.menu) ids.push_back(action.id);
  const std::string id = node.as_enum(ids);
  for (std::size_t k = 0; k < ids.size(); ++k)
    if (ids[k] == id) return k;
  return 0;
}

Condition read_condition(const config::Node& node, const Scenario& scenario) {
  config::ObjectReader reader(node);
  Condition c;
  if (auto v = reader.optional("week_from")) c.week_from = static_cast<int>(v->as_int(1, 10000));
  if (auto v = reader.optional("week_to")) c.week_to = static_cast<int>(v->as_int(1, 10000));
  const auto flag = [&](const char* key, std::optional<bool>& out) {
    if (auto v = reader.optional(key)) out = v->as_bool();
  };
  flag("deadline_passed", c.deadline_passed);
  flag("ultimatum_open", c.ultimatum_open);
  flag("threat_executed", c.threat_executed);
  flag("targeted", c.targeted);
  flag("resolved", c.resolved);
  flag("reliable", c.reliable);
  flag("seals_demanded", c.seals_demanded);
  flag("suspension", c.suspension);
  const auto comparisons = [&](const char* key, bool at_least) {
    if (auto v = reader.optional(key)) {
      // Asking for every known variable makes finish() report any other name with a did-you-mean.
      config::ObjectReader bounds(*v);
      const auto& names = variable_names();
      for (std::size_t k = 0; k < names.size(); ++k)
        if (auto threshold = bounds.optional(names[k]))
          c.comparisons.push_back({static_cast<Variable>(k), at_least, threshold->as_double(-1e12, 1e12)});
      bounds.finish();
    }
  };
  comparisons("at_least", true);
  comparisons("at_most", false);
  if (auto v = reader.optional("after")) {
    config::ObjectReader after(*v);
    std::vector<std::string> ids;
    for (const auto& a : scenario.actors) ids.push_back(a.id);
    const std::string who = after.required("actor").as_enum(ids);
    c.after_actor = scenario.actor_index(who);
    c.after_action = static_cast<int>(menu_index(after.required("action"), scenario.actors[c.after_actor]));
    after.finish();
  }
  c.probability = reader.number("probability", 0.0, 1.0, 1.0);
  reader.finish();
  return c;
}

const bool registered = register_rule({
    "scripted",
    "A weekly schedule and condition-action rules; the first applicable entry wins.",
    {
        {"schedule", ParamType::array, nlohmann::json::array(), 0, 0, {},
         "[{\"week\": W, \"action\": ID}]: take action ID in week W (if feasible)"},
        {"rules", ParamType::array, nlohmann::json::array(), 0, 0, {},
         "[{\"if\": CONDITION, \"action\": ID}]: the first rule whose condition holds and whose action is "
         "feasible decides. CONDITION keys (all must hold): week_from, week_to, deadline_passed, "
         "ultimatum_open, threat_executed, targeted, resolved, reliable, seals_demanded, suspension "
         "(booleans); at_least / at_most: {VARIABLE: threshold} over prisoners, gross_releases, migration, "
         "sanctions_level, transit_teu, budget_stress, reroute_share, repression, own_pressure, "
         "own_credibility, demand_share, weeks_to_deadline, own_cost_tolerance (the type drawn per replicate), "
         "weeks_since_execution (-1 before), own_revenue_meur (cumulative); after: {\"actor\": ID, \"action\": ID} (that "
         "actor's last action); probability (the rule fires with this probability)"},
        {"default", ParamType::string, "", 0, 0, {}, "action when nothing else applies (\"\": the first hold)"},
        {"error_rate", ParamType::number, 0.0, 0.0, 1.0, {},
         "probability of a uniformly random feasible action instead (implementation noise)"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      std::vector<ScheduledAction> schedule;
      const config::Node schedule_node = params.required("schedule");
      schedule_node.require_array();
      for (std::size_t k = 0; k < schedule_node.size(); ++k) {
        config::ObjectReader item(schedule_node.element(k));
        const int week = static_cast<int>(item.integer("week", 1, 10000));
        schedule.push_back({week, menu_index(item.required("action"), actor)});
        item.finish();
      }
      std::vector<Entry> rules;
      const config::Node rules_node = params.required("rules");
      rules_node.require_array();
      if (rules_node.size() > kMaxMenu) rules_node.fail("at most 16 rules", std::to_string(rules_node.size()) + " rules");
      for (std::size_t k = 0; k < rules_node.size(); ++k) {
        config::ObjectReader item(rules_node.element(k));
        Condition condition = read_condition(item.required("if"), context.scenario);
        rules.push_back({condition, menu_index(item.required("action"), actor)});
        item.finish();
      }
      const config::Node fallback_node = params.required("default");
      const std::size_t fallback =
          fallback_node.as_string().empty() ? hold_index(actor) : menu_index(fallback_node, actor);
      const double error_rate = params.number("error_rate", 0.0, 1.0);
      params.finish();
      return std::make_shared<Scripted>(std::move(schedule), std::move(rules), fallback, error_rate);
    },
});

}  // namespace
}  // namespace leverage
