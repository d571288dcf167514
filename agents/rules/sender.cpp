#include "agents/rules/sender.hpp"

#include "engine/model/valuation.hpp"
#include "engine/model/world.hpp"

namespace leverage::rules {

std::vector<ParamSpec> conduct_params() {
  return {
      {"cooperate_releases", ParamType::number, 1.0, 0.0, 1e7, {},
       "the target cooperated in a week when its releases reached this many (and it did not defect)"},
      {"releases", ParamType::choice, "gross", 0, 0, {"gross", "net"},
       "how releases are counted for cooperation: gross (the releases the target chose) or net (the fall of the stock "
       "in the week, so re-arrests, new arrests and completed sentences count)"},
      {"defect_repression_rise", ParamType::number, 0.05, 0.0, 100.0, {},
       "the target defected in a week when repression rose by more than this (levels, after decay)"},
      {"defect_migration_rise", ParamType::number, 0.05, 0.0, 100.0, {},
       "the target defected in a week when migration pressure rose by more than this (index units, after decay)"},
  };
}

ConductThresholds read_conduct(config::ObjectReader& params) {
  ConductThresholds t;
  t.cooperate_releases = params.number("cooperate_releases", 0.0, 1e7);
  t.net = params.required("releases").as_enum({"gross", "net"}) == "net";
  t.defect_repression_rise = params.number("defect_repression_rise", 0.0, 100.0);
  t.defect_migration_rise = params.number("defect_migration_rise", 0.0, 100.0);
  return t;
}

Conduct classify(const WorldState& before, const WorldState& after, const ConductThresholds& t) {
  if (after.repression - before.repression > t.defect_repression_rise) return Conduct::defected;
  if (after.migration - before.migration > t.defect_migration_rise) return Conduct::defected;
  const double released = t.net ? before.prisoners - after.prisoners : after.releases_week;
  return released >= t.cooperate_releases ? Conduct::cooperated : Conduct::neither;
}

std::optional<std::size_t> first_of_kind(const ActorSpec& actor, ActionKind kind) {
  for (std::size_t k = 0; k < actor.menu.size(); ++k)
    if (actor.menu[k].kind == kind) return k;
  return std::nullopt;
}

namespace {
std::string kind_list(std::initializer_list<ActionKind> kinds) {
  std::string out;
  for (const ActionKind kind : kinds) {
    if (!out.empty()) out += ", ";
    out += info(kind).name;
  }
  return out;
}
}  // namespace

std::string action_doc(const std::string& what, std::initializer_list<ActionKind> kinds, bool required) {
  std::string doc = "id of the menu action ";
  doc += what;
  doc += "; \"\": the first action of kind ";
  doc += kind_list(kinds);
  doc += required ? " (whichever the menu has first in this order)" : " (in this order), or none if the menu has none";
  if (!required) doc += "; \"none\": no action";
  return doc;
}

std::optional<std::size_t> action_param(config::ObjectReader& params, const std::string& name, const ActorSpec& actor,
                                        std::initializer_list<ActionKind> kinds, bool required) {
  const config::Node node = params.required(name);
  const std::string id = node.as_string();
  if (id.empty()) {
    for (const ActionKind kind : kinds)
      if (const auto k = first_of_kind(actor, kind)) return k;
    if (!required) return std::nullopt;
    std::string expected = "an action of kind ";
    expected += kind_list(kinds);
    expected += " on the menu of ";
    expected += actor.id;
    expected += " (or the id of the action to use)";
    node.fail(expected, "none on the menu");
  }
  if (id == "none" && !required) return std::nullopt;
  std::vector<std::string> ids;
  for (const auto& action : actor.menu) ids.push_back(action.id);
  const std::string chosen = node.as_enum(ids);
  for (std::size_t k = 0; k < ids.size(); ++k)
    if (ids[k] == chosen) return k;
  return std::nullopt;
}

ParamSpec neutral_param() {
  return {"neutral", ParamType::string, "", 0, 0, {},
          "id of the menu action played when nothing calls for action; \"\": the first hold"};
}

ParamSpec error_rate_param() {
  return {"error_rate", ParamType::number, 0.0, 0.0, 1.0, {},
          "probability of a uniformly random feasible action instead (implementation noise)"};
}

std::size_t read_neutral(config::ObjectReader& params, const ActorSpec& actor) {
  const config::Node node = params.required("neutral");
  if (node.as_string().empty()) return hold_index(actor);
  std::vector<std::string> ids;
  for (const auto& action : actor.menu) ids.push_back(action.id);
  const std::string chosen = node.as_enum(ids);
  for (std::size_t k = 0; k < ids.size(); ++k)
    if (ids[k] == chosen) return k;
  return hold_index(actor);
}

std::vector<ParamSpec> ultimatum_params() {
  return {
      {"ultimatum", ParamType::string, "", 0, 0, {},
       action_doc("that issues the ultimatum", {ActionKind::issue_ultimatum}, false)},
      {"ultimatum_week", ParamType::integer, 1, 1, 10000, {},
       "first week in which the ultimatum is issued (retried every week until one passes)"},
  };
}

UltimatumPlan read_ultimatum_plan(config::ObjectReader& params, const ActorSpec& actor) {
  UltimatumPlan plan;
  plan.issue = action_param(params, "ultimatum", actor, {ActionKind::issue_ultimatum}, false);
  if (plan.issue && actor.menu[*plan.issue].kind != ActionKind::issue_ultimatum)
    params.required("ultimatum").fail("an action of kind issue_ultimatum", "an action of kind " +
                                                                                std::string(info(actor.menu[*plan.issue].kind).name));
  plan.issue_week = static_cast<int>(params.integer("ultimatum_week", 1, 10000));
  plan.execute = first_of_kind(actor, ActionKind::execute_threat);
  plan.extend = first_of_kind(actor, ActionKind::extend_deadline);
  plan.back_down = first_of_kind(actor, ActionKind::back_down);
  return plan;
}

const UltimatumState* own_open_ultimatum(const WorldState& state, std::size_t actor) {
  for (std::size_t k = 0; k < state.ultimatum_count; ++k) {
    const UltimatumState& u = state.ultimatums[k];
    if (u.sender == static_cast<int>(actor) && is_open(u.stage)) return &u;
  }
  return nullptr;
}

bool has_issued(const WorldState& state, std::size_t actor) {
  for (std::size_t k = 0; k < state.ultimatum_count; ++k)
    if (state.ultimatums[k].sender == static_cast<int>(actor)) return true;
  return false;
}

std::optional<std::size_t> ultimatum_move(const DecisionInput& in, const UltimatumPlan& plan, DeadlineAnswer answer) {
  const UltimatumState* u = own_open_ultimatum(in.state, in.actor);
  if (u && u->stage == UltimatumStage::awaiting_decision) {
    if (answer == DeadlineAnswer::execute && feasible(in.feasible, plan.execute)) return plan.execute;
    if (answer == DeadlineAnswer::extend && feasible(in.feasible, plan.extend)) return plan.extend;
    if (feasible(in.feasible, plan.back_down)) return plan.back_down;
    return std::nullopt;
  }
  if (!u && plan.issue && in.state.week + 1 >= plan.issue_week && !has_issued(in.state, in.actor) &&
      feasible(in.feasible, plan.issue))
    return plan.issue;
  return std::nullopt;
}

std::size_t deterministic_choice(const DecisionInput& in, std::size_t intended, std::size_t neutral, double error_rate,
                                 DecisionRecord* record) {
  const std::size_t n = in.scenario.actors[in.actor].menu.size();
  if (!(in.feasible >> intended & 1u)) intended = neutral;
  if (!(in.feasible >> intended & 1u)) intended = hold_index(in.scenario.actors[in.actor]);
  const double tremble = rng::uniform01(in.noise);
  const double pick_draw = rng::uniform01(in.noise);
  std::size_t feasible_count = 0;
  for (std::size_t k = 0; k < n; ++k) feasible_count += in.feasible >> k & 1u;
  std::size_t chosen = intended;
  if (error_rate > 0 && tremble < error_rate && feasible_count > 0) {
    const std::size_t k =
        nth_feasible(in.feasible, n, static_cast<std::size_t>(pick_draw * static_cast<double>(feasible_count)));
    if (k < n) chosen = k;
  }
  if (record) {
    for (std::size_t k = 0; k < n; ++k) {
      const bool ok = in.feasible >> k & 1u;
      record->probability[k] = ok ? error_rate / static_cast<double>(feasible_count) : 0.0;
      if (k == intended) record->probability[k] += 1.0 - error_rate;
    }
    value_alternatives(in, record->value);
  }
  return chosen;
}

std::vector<ParamSpec> concat(std::vector<ParamSpec> first, const std::vector<ParamSpec>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

std::vector<ParamSpec> escalation_params(std::vector<ParamSpec> own) {
  own.push_back(neutral_param());
  own.push_back(error_rate_param());
  return concat(concat(std::move(own), ultimatum_params()), conduct_params());
}

EscalationCommon read_escalation_common(config::ObjectReader& params, const ActorSpec& actor) {
  EscalationCommon common;
  common.neutral = read_neutral(params, actor);
  common.error_rate = params.number("error_rate", 0.0, 1.0);
  common.plan = read_ultimatum_plan(params, actor);
  common.conduct = read_conduct(params);
  return common;
}

}  // namespace leverage::rules
