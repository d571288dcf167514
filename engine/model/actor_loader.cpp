// Reading actors: their types, economies, menus (actions and ultimatums), payoff models and
// decision rules, each checked with file and JSON pointer in its errors.
#include <bit>
#include <cmath>

#include "engine/config/suggest.hpp"
#include "engine/model/loader_parts.hpp"
#include "engine/model/policy.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/model/state.hpp"
#include "engine/util/hash.hpp"

namespace leverage {

using config::Node;
using config::ObjectReader;

namespace loader {

int actor_ref(const Node& node, const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const auto& actor : scenario.actors) ids.push_back(actor.id);
  return scenario.actor_index(node.as_enum(ids));
}

namespace {

constexpr double kHuge = 1e12;

int named_ref(const Node& node, const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const auto& prisoner : scenario.prisoners.named) ids.push_back(prisoner.id);
  if (ids.empty()) node.fail("a named prisoner declared in /prisoners/named", "no named prisoners declared");
  const std::string id = node.as_enum(ids);
  for (std::size_t k = 0; k < ids.size(); ++k)
    if (ids[k] == id) return static_cast<int>(k);
  return -1;
}

UltimatumSpec read_ultimatum(const Node& node, const Scenario& scenario) {
  ObjectReader r(node);
  UltimatumSpec u;
  {
    ObjectReader d(r.required("demand"));
    const std::string kind = d.required("kind").as_enum({"gross", "net", "named"});
    if (kind == "named") {
      u.demand = DemandKind::named;
      const Node prisoners = d.required("prisoners");
      prisoners.require_array();
      if (prisoners.size() == 0) prisoners.fail("at least one named prisoner", prisoners.describe());
      for (std::size_t k = 0; k < prisoners.size(); ++k)
        u.demand_named_mask |= 1u << named_ref(prisoners.element(k), scenario);
    } else {
      u.demand = kind == "gross" ? DemandKind::gross : DemandKind::net;
      u.demand_count = std::floor(d.number("count", 1, 1e7));
    }
    d.finish();
  }
  u.deadline_weeks = static_cast<int>(r.integer("deadline_weeks", 0, 520));
  {
    ObjectReader t(r.required("threat"));
    const std::string kind = t.required("kind").as_enum({"suspend_transit", "sanctions"});
    u.threat = kind == "suspend_transit" ? ThreatKind::suspend_transit : ThreatKind::sanctions;
    if (u.threat == ThreatKind::sanctions) u.threat_levels = t.number("levels", 0, 100);
    t.finish();
  }
  if (auto reward_node = r.optional("reward")) {
    ObjectReader w(*reward_node);
    const std::string kind = w.required("kind").as_enum({"none", "ease_sanctions", "per_release"});
    if (kind == "ease_sanctions") {
      u.reward = RewardKind::ease_sanctions;
      u.reward_levels = w.number("levels", 0, 100);
    } else if (kind == "per_release") {
      u.reward = RewardKind::per_release;
      u.reward_meur_per_release = w.number("meur_per_release", 0, kHuge);
    }
    w.finish();
  }
  u.is_public = r.boolean("public", true);
  u.capitulation_cost = r.number("capitulation_cost", 0, kHuge, 0);
  u.audience_cost = r.number("audience_cost", 0, kHuge, 0);
  u.partial_threshold = r.number("partial_threshold", 0, 1, 0.5);
  u.grace_weeks = static_cast<int>(r.integer("grace_weeks", 0, 52, 2));
  u.max_extensions = static_cast<int>(r.integer("max_extensions", 0, 10, 1));
  u.expected_threat_weeks = r.number("expected_threat_weeks", 0, 520, 26);
  if (auto by_type = r.optional("imposition_cost_meur")) {
    ObjectReader t(*by_type);
    u.imposition_cost_meur_resolved = t.number("resolved", -kHuge, kHuge);
    u.imposition_cost_meur_irresolute = t.number("irresolute", -kHuge, kHuge);
    t.finish();
  }
  r.finish();
  return u;
}

ActionSpec read_action(const Node& node, Scenario& scenario, std::size_t self) {
  ObjectReader r(node);
  ActionSpec a;
  a.id = r.string("id");
  std::vector<std::string> kinds;
  for (const auto& entry : action_kind_table()) kinds.emplace_back(entry.name);
  a.kind = *action_kind_from_name(r.required("kind").as_enum(kinds));
  a.phase = info(a.kind).phase;
  a.cost_meur = r.number("cost_meur", -kHuge, kHuge, 0);
  a.collective = r.boolean("collective", false);
  switch (a.kind) {
    case ActionKind::amnesty:
      a.count = static_cast<double>(r.integer("count", 1, 10000000));
      break;
    case ActionKind::release_named:
      a.prisoner = named_ref(r.required("prisoner"), scenario);
      break;
    case ActionKind::repress:
    case ActionKind::raise_migration:
    case ActionKind::lower_migration:
    case ActionKind::evade:
    case ActionKind::press_target:
    case ActionKind::counter_pressure:
      a.level = r.number("level", 0, 100);
      break;
    case ActionKind::press_sender:
      a.level = r.number("level", 0, 100);
      a.on = actor_ref(r.required("on"), scenario);
      if (a.on == static_cast<int>(self)) r.required("on").fail("another actor", "the actor itself");
      break;
    case ActionKind::routine_control:
    case ActionKind::intensive_inspection:
      a.hours = r.number("hours", 0, 168);
      break;
    case ActionKind::issue_ultimatum:
      if (scenario.ultimatums.size() >= 64) r.node().fail("at most 64 ultimatum designs", "more");
      scenario.ultimatums.push_back(read_ultimatum(r.required("ultimatum"), scenario));
      a.ultimatum = static_cast<int>(scenario.ultimatums.size() - 1);
      break;
    case ActionKind::extend_deadline:
      a.weeks = static_cast<int>(r.integer("weeks", 1, 520));
      break;
    case ActionKind::tighten_sanctions:
    case ActionKind::ease_sanctions:
      a.levels = r.number("levels", 0, 100);
      break;
    case ActionKind::reroute:
      a.share = r.number("share", 0, 1);
      break;
    case ActionKind::subsidize:
      a.amount_meur = r.number("amount_meur", 0, kHuge);
      break;
    default:
      break;
  }
  r.finish();
  return a;
}

// A registered piece by name (`rule` or `payoff`), with its parameters validated and filled.
template <typename Entry>
const Entry& lookup(const Node& name_node, const std::map<std::string, Entry>& registry) {
  std::vector<std::string> names;
  for (const auto& [name, entry] : registry) names.push_back(name);
  return registry.at(name_node.as_enum(names));
}

// Whether a rule that suits `suits` may sit in actor i's slot.
bool slot_allowed(Suits suits, const Scenario& scenario, std::size_t i) {
  const bool is_target = static_cast<int>(i) == scenario.target;
  return suits == Suits::any || (suits == Suits::sender && !is_target) || (suits == Suits::target && is_target);
}

// Type-dependent play: one rule object per type of the actor, chosen by the type drawn for the
// replicate (state.actors[i].resolved). Types are fixed within a replicate, so only one of the two
// ever reads or writes the actor's rule memory in a run.
class TypeDependentRule final : public DecisionRule {
 public:
  TypeDependentRule(std::shared_ptr<const DecisionRule> resolved, std::shared_ptr<const DecisionRule> unresolved)
      : resolved_(std::move(resolved)), unresolved_(std::move(unresolved)) {}
  std::size_t decide(const DecisionInput& input, DecisionRecord* record) const override {
    return of(input.state.actors[input.actor].resolved).decide(input, record);
  }
  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    const DecisionRule& rule = of(week.before.actors[week.actor].resolved);
    if (rule.has_memory()) rule.observe(week, memory);
  }
  bool has_memory() const override { return resolved_->has_memory() || unresolved_->has_memory(); }

 private:
  const DecisionRule& of(bool resolved) const { return resolved ? *resolved_ : *unresolved_; }
  std::shared_ptr<const DecisionRule> resolved_, unresolved_;
};

// `params` overlaid with the keys of a per-type object (`params_resolved` or `params_unresolved`),
// each validated against the spec; errors name the per-type object's keys.
nlohmann::json overlay_params(nlohmann::json filled, const Node& overlay, const std::vector<ParamSpec>& specs) {
  ObjectReader r(overlay);
  for (const auto& spec : specs)
    if (const auto node = r.optional(spec.name)) filled[spec.name] = validate_param_value(spec, *node);
  r.finish();
  return filled;
}

// `{"name": RULE, "params": {...}, "params_resolved": {...}, "params_unresolved": {...}}`: the rule
// built from `params`, or, with a per-type object, one rule per type (docs/MODEL.md 7.9).
std::shared_ptr<const DecisionRule> read_rule(const Node& rule_node, Scenario& scenario, std::size_t i) {
  ObjectReader p(rule_node);
  const Node name = p.required("name");
  const RuleEntry& entry = lookup(name, rule_registry());
  if (!slot_allowed(entry.suits, scenario, i)) {
    std::string expected = "a rule that suits this actor (\"";
    expected.append(entry.name).append("\" suits ").append(suits_name(entry.suits)).append(")");
    std::string found = "\"";
    found.append(entry.name).append("\" in the slot of ").append(scenario.actors[i].id);
    name.fail(expected, found);
  }
  scenario.actors[i].rule_name = entry.name;
  const auto params_node = p.optional("params");
  const nlohmann::json filled = validate_params(params_node ? &*params_node : nullptr, p.node(), entry.params);
  const auto build = [&](const nlohmann::json& params, const std::string& key) {
    const Node node(params, p.node().shared_file(), p.node().pointer() + "/" + key);
    return entry.factory(BuildContext{scenario, i, node});
  };
  const auto resolved_node = p.optional("params_resolved");
  const auto unresolved_node = p.optional("params_unresolved");
  p.finish();
  if (!resolved_node && !unresolved_node) return build(filled, "params");
  const nlohmann::json resolved = resolved_node ? overlay_params(filled, *resolved_node, entry.params) : filled;
  const nlohmann::json unresolved = unresolved_node ? overlay_params(filled, *unresolved_node, entry.params) : filled;
  auto resolved_rule = build(resolved, resolved_node ? "params_resolved" : "params");
  auto unresolved_rule = build(unresolved, unresolved_node ? "params_unresolved" : "params");
  return std::make_shared<TypeDependentRule>(std::move(resolved_rule), std::move(unresolved_rule));
}

}  // namespace

void read_actor_headers(const Node& actors, Scenario& scenario, const std::vector<std::string>& crossing_ids) {
  actors.require_array();
  if (actors.size() < 1 || actors.size() > kMaxActors)
    actors.fail("1 to " + std::to_string(kMaxActors) + " actors", actors.describe());
  for (std::size_t i = 0; i < actors.size(); ++i) {
    ObjectReader r(actors.element(i));
    ActorSpec actor;
    actor.id = r.string("id");
    if (actor.id.empty()) r.required("id").fail("a non-empty actor id", "an empty string");
    for (const auto& other : scenario.actors)
      if (other.id == actor.id) r.required("id").fail("a unique actor id", "\"" + actor.id + "\" again");
    actor.name = r.string("name", actor.id);
    actor.id_hash = fnv1a64(actor.id);
    if (auto types = r.optional("types")) {
      ObjectReader t(*types);
      actor.types.p_resolved = t.number("p_resolved", 0, 1, 0.5);
      actor.types.p_reliable = t.number("p_reliable", 0, 1, 0.5);
      actor.types.target_belief_resolved = t.number("target_belief_resolved", 0, 1, actor.types.p_resolved);
      actor.types.target_belief_reliable = t.number("target_belief_reliable", 0, 1, actor.types.p_reliable);
      actor.types.cost_tolerance_a = t.number("cost_tolerance_a", 0.01, 1000, 1);
      actor.types.cost_tolerance_b = t.number("cost_tolerance_b", 0.01, 1000, 1);
      t.finish();
    }
    if (auto economy = r.optional("economy")) {
      ObjectReader e(*economy);
      ActorEconomy& a = actor.economy;
      a.fee_eur_per_teu_transit = e.number("fee_eur_per_teu_transit", 0, kHuge, 0);
      a.fee_eur_per_teu_bilateral = e.number("fee_eur_per_teu_bilateral", 0, kHuge, 0);
      a.cost_eur_per_teu_lost = e.number("cost_eur_per_teu_lost", 0, kHuge, 0);
      a.suspension_cost_meur_per_week = e.number("suspension_cost_meur_per_week", 0, kHuge, 0);
      a.sanctions_cost_meur_per_level = e.number("sanctions_cost_meur_per_level", 0, kHuge, 0);
      if (auto fees = e.optional("fee_eur_per_teu_at")) {
        ObjectReader f(*fees);
        for (std::size_t c = 0; c < crossing_ids.size(); ++c)
          if (auto fee = f.optional(crossing_ids[c])) a.fee_eur_per_teu_at[c] = fee->as_double(0, kHuge);
        f.finish();
      }
      e.finish();
    }
    // Menus, payoff and rule are read in the second pass; mark them asked so finish() accepts them.
    (void)r.required("actions");
    (void)r.required("payoff");
    (void)r.required("rule");
    r.finish();
    scenario.actors.push_back(std::move(actor));
  }
}

void read_actor_menus_and_policies(const Node& actors, Scenario& scenario) {
  for (std::size_t i = 0; i < actors.size(); ++i) {
    ObjectReader r(actors.element(i));
    ActorSpec& actor = scenario.actors[i];
    const Node menu = r.required("actions");
    menu.require_array();
    if (menu.size() < 1 || menu.size() > kMaxMenu)
      menu.fail("1 to " + std::to_string(kMaxMenu) + " actions", menu.describe());
    for (std::size_t k = 0; k < menu.size(); ++k) {
      ActionSpec action = read_action(menu.element(k), scenario, i);
      for (const auto& other : actor.menu)
        if (other.id == action.id)
          menu.element(k).fail("a unique action id within the actor's menu", "\"" + action.id + "\" again");
      actor.menu.push_back(std::move(action));
    }
    (void)r.string("id");
    (void)r.optional("name");
    (void)r.optional("types");
    (void)r.optional("economy");
    {
      ObjectReader p(r.required("payoff"));
      const Node name = p.required("model");
      const PayoffEntry& entry = lookup(name, payoff_registry());
      actor.payoff_name = entry.name;
      const auto params_node = p.optional("params");
      const nlohmann::json filled = validate_params(params_node ? &*params_node : nullptr, p.node(), entry.params);
      const Node filled_node(filled, p.node().shared_file(), p.node().pointer() + "/params");
      actor.payoff = entry.factory(BuildContext{scenario, i, filled_node});
      p.finish();
    }
    actor.rule = read_rule(r.required("rule"), scenario, i);
    r.finish();
  }
}

}  // namespace loader

nlohmann::json validate_params(const Node* params, const Node& parent, const std::vector<ParamSpec>& specs) {
  nlohmann::json filled = nlohmann::json::object();
  if (!params) {
    for (const auto& spec : specs) {
      if (spec.required()) parent.fail("a key \"params\" with \"" + spec.name + "\"", "no such key");
      filled[spec.name] = spec.default_value;
    }
    return filled;
  }
  ObjectReader r(*params);
  for (const auto& spec : specs) {
    const auto node = r.optional(spec.name);
    if (!node) {
      if (spec.required()) r.required(spec.name);  // throws: missing required parameter
      filled[spec.name] = spec.default_value;
      continue;
    }
    filled[spec.name] = validate_param_value(spec, *node);
  }
  r.finish();
  return filled;
}

nlohmann::json validate_param_value(const ParamSpec& spec, const Node& node) {
  switch (spec.type) {
    case ParamType::number: return node.as_double(spec.min, spec.max);
    case ParamType::integer:
      return node.as_int(static_cast<std::int64_t>(spec.min), static_cast<std::int64_t>(spec.max));
    case ParamType::boolean: return node.as_bool();
    case ParamType::string: return node.as_string();
    case ParamType::choice: return node.as_enum(spec.choices);
    case ParamType::weights: {
      ObjectReader weights(node);
      nlohmann::json out = nlohmann::json::object();
      for (const auto& info : term_table())
        if (auto w = weights.optional(info.name)) out[std::string(info.name)] = w->as_double(-1e12, 1e12);
      weights.finish();
      return out;
    }
    case ParamType::array:
      node.require_array();
      return node.json();
  }
  return nullptr;
}

}  // namespace leverage
