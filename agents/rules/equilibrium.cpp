// Decision rule `equilibrium`: plays the solved strategy of the crisis game the state implies
// (docs/MODEL.md, "equilibrium"; engine/model/prediction.hpp), each actor its own part of it:
//   - the sender, in the first week its ultimatum is due (week >= `ultimatum_week`, none issued yet,
//     the issue feasible), solves the game on that state and issues with its type's equilibrium
//     probability; once it has decided to issue, a vetoed issue is retried in the following weeks;
//   - the target, in the first week after an ultimatum is issued, complies with the probability the
//     equilibrium recorded at issue (UltimatumState::predicted_p_comply): it plays `comply` that week
//     and every week after until the demand is met, or never;
//   - the sender, while its ultimatum awaits a decision after the deadline, executes with its type's
//     equilibrium probability of imposing (the game solved with the inputs recorded at issue) and backs
//     down otherwise (in every equilibrium of the crisis game this is pure, so each week's fresh draw
//     plays the same; on a knife edge a mixed strategy is redrawn each week of grace);
//   - everything else (no crisis, a threat in force, a target after imposition, where the game has no
//     move left, other actors) plays `neutral`.
// Exactly one uniform is drawn from the actor's decision-noise stream every week, whatever happens.
//
// Memory: value[0] = 1 once the sender's issue decision is taken, value[1] = 1 if it was to issue;
// value[2 + k] = 1 if the target decided to comply with ultimatum k.
#include <cmath>

#include "agents/rules/sender.hpp"
#include "engine/model/prediction.hpp"
#include "engine/model/valuation.hpp"

namespace leverage {
namespace {

constexpr std::initializer_list<ActionKind> kComplyKinds = {ActionKind::amnesty, ActionKind::release_named};
constexpr std::size_t kIssueDecided = 0, kIssuing = 1, kComplying = 2;

double or_zero(double p) {
  return std::isnan(p) ? 0.0 : p;
}

class Equilibrium final : public DecisionRule {
 public:
  Equilibrium(std::size_t neutral, rules::UltimatumPlan plan, std::optional<std::size_t> comply)
      : neutral_(neutral), plan_(plan), comply_(comply) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const double draw = rng::uniform01(in.noise);
    // The week's mixed move: `action` with probability p, `neutral_` otherwise.
    std::size_t action = neutral_;
    std::size_t alternative = neutral_;
    double p = 0;
    const bool is_target = static_cast<int>(in.actor) == in.scenario.target;
    if (is_target) {
      if (comply_) p = comply_probability(in), action = *comply_;
    } else if (const UltimatumState* own = rules::own_open_ultimatum(in.state, in.actor)) {
      if (own->stage == UltimatumStage::awaiting_decision && plan_.execute && plan_.back_down) {
        const CrisisPrediction solved = solve_issued(in, *own);
        p = or_zero(solved.p_impose[in.state.actors[in.actor].resolved ? 0 : 1]);
        action = *plan_.execute;
        alternative = *plan_.back_down;
      }
    } else if (issue_due(in.scenario, in.state, in.actor, in.feasible)) {
      action = *plan_.issue;
      if (in.memory.value[kIssueDecided] > 0.5) {
        p = in.memory.value[kIssuing];  // decided before, vetoed: retry
      } else {
        const CrisisPrediction solved =
            predict_crisis(in.scenario, in.state, in.actor,
                           static_cast<std::size_t>(in.scenario.actors[in.actor].menu[*plan_.issue].ultimatum));
        p = or_zero(solved.p_issue[in.state.actors[in.actor].resolved ? 0 : 1]);
      }
    }
    if (!(in.feasible >> action & 1u)) p = 0;
    if (!(in.feasible >> alternative & 1u)) alternative = hold_index(in.scenario.actors[in.actor]);
    const std::size_t chosen = draw < p ? action : alternative;
    if (record) {
      record->probability.fill(0.0);
      record->probability[alternative] += 1.0 - p;
      record->probability[action] += p;
      value_alternatives(in, record->value);
    }
    return chosen;
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    const std::size_t played = week.choices.action[week.actor];
    if (static_cast<int>(week.actor) == week.scenario.target) {
      for (std::size_t k = 0; k < week.before.ultimatum_count && k < kMaxUltimatums; ++k)
        if (first_week_of(week.before, week.before.ultimatums[k]))
          memory.value[kComplying + k] = comply_ && played == *comply_ ? 1.0 : 0.0;
      return;
    }
    if (memory.value[kIssueDecided] < 0.5 && !rules::own_open_ultimatum(week.before, week.actor) &&
        issue_due(week.scenario, week.before, week.actor, feasible_actions(week.scenario, week.before, week.actor))) {
      memory.value[kIssueDecided] = 1;
      memory.value[kIssuing] = played == *plan_.issue ? 1.0 : 0.0;
    }
  }
  bool has_memory() const override { return true; }

 private:
  // The target decides on an ultimatum in the first week after its issue.
  static bool first_week_of(const WorldState& state, const UltimatumState& u) {
    return u.stage == UltimatumStage::threat && state.week == u.issue_week;
  }

  double comply_probability(const DecisionInput& in) const {
    for (std::size_t k = 0; k < in.state.ultimatum_count; ++k) {
      const UltimatumState& u = in.state.ultimatums[k];
      if (u.stage != UltimatumStage::threat && u.stage != UltimatumStage::awaiting_decision) continue;
      if (first_week_of(in.state, u)) return or_zero(u.predicted_p_comply);
      if (k < kMaxUltimatums && in.memory.value[kComplying + k] > 0.5) return 1.0;
    }
    return 0.0;
  }

  bool issue_due(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible) const {
    (void)scenario;
    return plan_.issue && state.week + 1 >= plan_.issue_week && !rules::has_issued(state, actor) &&
           rules::feasible(feasible, plan_.issue);
  }

  // The game solved at issue again, from the beliefs recorded then (the same inputs, the same answer).
  static CrisisPrediction solve_issued(const DecisionInput& in, const UltimatumState& u) {
    const CrisisPredictor predictor = crisis_predictor();
    if (!predictor) return {};
    return predictor(crisis_inputs(in.scenario, in.actor, static_cast<std::size_t>(u.spec), u.belief_at_issue,
                                   u.assurance_at_issue));
  }

  std::size_t neutral_;
  rules::UltimatumPlan plan_;
  std::optional<std::size_t> comply_;
};

const bool registered = register_rule({
    "equilibrium",
    "Plays its part of the solved crisis game: the sender issues and executes, the target complies, with the "
    "equilibrium's probabilities; neutral outside the crisis.",
    rules::concat(
        {
            rules::neutral_param(),
            {"comply",
             ParamType::string,
             "",
             0,
             0,
             {},
             rules::action_doc("the target plays, week after week, to meet a demand it complies with", kComplyKinds,
                               false) +
                 " (ignored outside the target's slot)"},
        },
        rules::ultimatum_params()),
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const std::size_t neutral = rules::read_neutral(params, actor);
      const auto comply = rules::action_param(params, "comply", actor, kComplyKinds, false);
      const rules::UltimatumPlan plan = rules::read_ultimatum_plan(params, actor);
      params.finish();
      return std::make_shared<Equilibrium>(neutral, plan, comply);
    },
    Suits::any,
});

}  // namespace
}  // namespace leverage
