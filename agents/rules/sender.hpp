#pragma once
// Shared by the sender rules (tit_for_tat, grim_trigger, graduated_escalation, conditional_reward,
// appease, case_by_case; docs/MODEL.md 7.9.7): what the target's conduct in one week was, menu
// actions named by parameter and resolved at build time, the common ultimatum steps, and a
// deterministic choice with a tremble that fills the decision record.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "agents/rules/choice.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/model/action.hpp"
#include "engine/model/policy.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"
#include "engine/model/world.hpp"

namespace leverage::rules {

// The target's conduct in one week, as a sender reads it from the state before and after the week.
enum class Conduct : std::uint8_t { neither = 0, cooperated = 1, defected = 2 };

// Thresholds of the classification (parameters of every sender rule that reads conduct):
//   defected   if repression rose by more than defect_repression_rise (levels) in the week,
//              or migration pressure rose by more than defect_migration_rise (index units);
//   cooperated otherwise, if the week's releases reached cooperate_releases: gross = releases the
//              target chose (amnesties, named releases), net = the fall of the stock in the week;
//   neither    otherwise.
struct ConductThresholds {
  double cooperate_releases = 1;
  bool net = false;
  double defect_repression_rise = 0.05;
  double defect_migration_rise = 0.05;
};

std::vector<ParamSpec> conduct_params();
ConductThresholds read_conduct(config::ObjectReader& params);
Conduct classify(const WorldState& before, const WorldState& after, const ConductThresholds& thresholds);

// A menu action named by parameter `name`: an action id of the actor's menu (a near miss gets a
// did-you-mean); "" picks the first action of the first of `kinds` found on the menu; "none" means
// no action (refused when `required`). With "" and none of `kinds` on the menu, a required parameter
// is a config error naming the kinds looked for, an optional one resolves to no action.
std::optional<std::size_t> action_param(config::ObjectReader& params, const std::string& name, const ActorSpec& actor,
                                        std::initializer_list<ActionKind> kinds, bool required);
// The doc text of such a parameter: "ID of the menu action that ...; \"\": the first of kind A, B".
std::string action_doc(const std::string& what, std::initializer_list<ActionKind> kinds, bool required);
// First menu index of `kind`, if any.
std::optional<std::size_t> first_of_kind(const ActorSpec& actor, ActionKind kind);

// The `neutral` parameter (what the rule plays when nothing calls for action) and `error_rate`.
ParamSpec neutral_param();
ParamSpec error_rate_param();
std::size_t read_neutral(config::ObjectReader& params, const ActorSpec& actor);

// The ultimatum steps of the escalating rules: issue the `ultimatum` action in week `ultimatum_week`
// or the first feasible week after, while this actor has issued none (a vetoed issue is retried);
// once the deadline of its own ultimatum has passed unmet, answer with execute, extend or back down.
struct UltimatumPlan {
  std::optional<std::size_t> issue;  // the issue_ultimatum action (none: never issues)
  int issue_week = 1;
  std::optional<std::size_t> execute, extend, back_down;  // first of their kinds on the menu
};
std::vector<ParamSpec> ultimatum_params();
UltimatumPlan read_ultimatum_plan(config::ObjectReader& params, const ActorSpec& actor);

enum class DeadlineAnswer : std::uint8_t { execute, extend, back_down };
// The actor's own open ultimatum (null if none).
const UltimatumState* own_open_ultimatum(const WorldState& state, std::size_t actor);
bool has_issued(const WorldState& state, std::size_t actor);
// The ultimatum move this week, if any: the answer when the own ultimatum awaits a decision
// (execute falls back to back down when the menu has no execute action; extend falls back to back
// down once the extensions are used up), else the issue when it is due and feasible.
std::optional<std::size_t> ultimatum_move(const DecisionInput& in, const UltimatumPlan& plan, DeadlineAnswer answer);

inline bool feasible(MenuMask mask, std::optional<std::size_t> k) { return k && (mask >> *k & 1u); }

// Plays `intended` (a feasible menu index; the neutral action is used if it is not). Draws exactly
// two uniforms from the noise stream, whatever happens: with probability error_rate the choice is
// replaced by a uniformly drawn feasible action (a tremble). Records probability 1 - e + e/n for the
// intended action and e/n for every other feasible one, and the logit valuation's values (7.9.3),
// for the record only.
std::size_t deterministic_choice(const DecisionInput& in, std::size_t intended, std::size_t neutral, double error_rate,
                                 DecisionRecord* record);

std::vector<ParamSpec> concat(std::vector<ParamSpec> first, const std::vector<ParamSpec>& second);

// What the escalating rules (tit_for_tat, grim_trigger, graduated_escalation) share: `neutral`,
// `error_rate`, the ultimatum steps and the conduct thresholds, read in this order after the rule's
// own parameters.
struct EscalationCommon {
  std::size_t neutral = 0;
  double error_rate = 0;
  UltimatumPlan plan;
  ConductThresholds conduct;
};
std::vector<ParamSpec> escalation_params(std::vector<ParamSpec> own);
EscalationCommon read_escalation_common(config::ObjectReader& params, const ActorSpec& actor);


}  // namespace leverage::rules
