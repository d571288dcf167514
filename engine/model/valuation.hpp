#pragma once
#include <array>

#include "engine/model/policy.hpp"
#include "engine/model/transit_memo.hpp"
#include "engine/model/world.hpp"

// How an actor values its alternatives (docs/MODEL.md, "Valuing an alternative"): next week's
// utility under expected dynamics, with the other actors predicted to repeat last week's action
// (hold if that is no longer feasible), plus a continuation term for what lies past next week.
namespace leverage {

// Others repeat last week's action if it is still feasible, else hold.
WeekChoices predicted_choices(const Scenario& scenario, const WorldState& state);

// Level-k prediction (docs/MODEL.md, "Level-k lookahead"): the other actors' actions as `actor`
// predicts them when it reasons at `depth`. Depth 1 is predicted_choices above. At depth k >= 2
// every other actor j is predicted by its own rule at depth k-1 on the same state (the others
// decide simultaneously, on the state `actor` decides on): DecisionRule::predict, its most
// probable action, with j's memory from `memories` (null: zeroed) and a scratch stream, so no
// stream of the run is drawn from. The entry of `actor` itself is predicted_choices'.
WeekChoices predicted_choices(const Scenario& scenario, const WorldState& state, std::size_t actor, int depth,
                              const RuleMemories* memories);

// Terms that are levels with no decay of their own; their change is valued as persisting.
inline constexpr Term kPersistentTerms[] = {Term::prisoners, Term::budget_stress, Term::sanctions, Term::credibility};

// Continuation term for `actor` between the state it decides on and the projected state:
//   every actor: sum over persistent terms k of  delta/(1-delta) * w_k * (x_k(after) - x_k(before))
//   target, for each open ultimatum u:
//     delta^tau_u * [ -b_u * L_u * (1 - m_u) + a_u * R_u * m_u ]   (threat stage or awaiting decision)
//     -L_u * (1 - m_u) + a_u * R_u * m_u                             (threat executed)
//   with b_u the belief in the sender's resolve, a_u the assurance, m_u the share of the demand met
//   in the projected state, L_u the threatened loss and R_u the lump reward in utility, and tau_u
//   the weeks from the decision week to the deadline; plus, for each summit still ahead, its value
//   discounted to now given the releases remembered by then.
//   Other actors: the persistent terms only.
double continuation_value(const Scenario& scenario, const WorldState& before, const WorldState& after,
                          std::size_t actor);

// The parts of continuation_value, for rules that assemble their own valuation (bayesian_target):
// the persistent terms' change valued as lasting; the summits still ahead, discounted to now, given
// the releases remembered by then; and the target's stakes in an ultimatum in its utility, the
// threatened loss L_u and the lump reward R_u (eased sanctions valued as lasting).
double persistent_value(const PayoffModel& model, const TermVector& before, const TermVector& after);
double summits_value(const Scenario& scenario, const PayoffModel& model, int decision_week, double recent_releases_after);
struct UltimatumStakes {
  double loss = 0;    // L_u
  double reward = 0;  // R_u
};
UltimatumStakes ultimatum_stakes(const UltimatumSpec& spec, const PayoffModel& model);

// One projection: `state` stepped a week with expected dynamics and these choices into `next`,
// scoring `actor`; a collective act of `actor`'s own passes, or is vetoed when `vetoed`.
// `choices_feasible`: the caller vouches that every choice is feasible on `state`.
void project_expected(const Scenario& scenario, const WorldState& state, const WeekChoices& choices,
                      std::size_t actor, bool vetoed, bool choices_feasible, WorldState& next);

// Values every feasible alternative against the others' given choices (their entries in
// `others`; the actor's own is replaced): value_alternatives with the others' actions given
// instead of predicted. The learners value the actions they did not take this way, against what
// the others actually did.
void value_alternatives_against(const Scenario& scenario, const WorldState& state, const WeekChoices& others,
                                std::size_t actor, MenuMask feasible, std::array<double, kMaxMenu>& values);

// Values every feasible alternative (infeasible ones get NaN), the others predicted at depth 1.
void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        std::array<double, kMaxMenu>& values);

// What the depth-1 valuations of one decided week have in common, worked out once for all the actors
// that value their alternatives that week instead of once per actor: the others' predicted actions
// (predicted_choices), the decided state reset for the week, the transit memo, and the projection of the
// predicted profile itself. That projection is the same world whichever actor values it: with its own
// action at its prediction, each actor projects the predicted profile, and an expected step computes
// every actor's terms independently of the others' (a projection scoring one actor leaves the others'
// unsettled; this one settles them all). decide_week makes one per week and hands it to the rules
// (DecisionInput::week). Filled on first use; one thread's.
class WeekValuation {
 public:
  WeekValuation(const Scenario& scenario, const WorldState& state) : scenario_(scenario), state_(state) {}
  WeekValuation(const WeekValuation&) = delete;
  WeekValuation& operator=(const WeekValuation&) = delete;

  const WorldState& state() const { return state_; }
  const WeekChoices& predicted();   // predicted_choices(scenario, state)
  const WorldState& begun();        // the state, its live part copied, after begin_week
  TransitMemo& transit_memo() { return memo_; }
  // The predicted profile projected a week (no collective act vetoed), every actor settled.
  const WorldState& profile_projection();

 private:
  // Left uninitialized until first use: every byte read is copied in first.
  union Scratch {
    Scratch() {}
    WorldState state;
  };
  const Scenario& scenario_;
  const WorldState& state_;
  bool have_predicted_ = false, have_begun_ = false, have_profile_ = false;
  WeekChoices predicted_{};
  TransitMemo memo_;
  Scratch begun_, profile_;
};

// value_alternatives at depth 1 with the week's shared work (`week` made on `state`): the same bits.
void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        WeekValuation& week, std::array<double, kMaxMenu>& values);

// A rule's depth-1 valuation of its feasible alternatives: with the week's shared work when the caller
// passed it (DecisionInput::week), else on its own; the same values.
void value_alternatives(const DecisionInput& input, std::array<double, kMaxMenu>& values);

// The same with the others' actions given (`others`; its entry for `actor` is ignored), e.g. from
// the level-k predicted_choices; `others_feasible` false when they may be infeasible on `state`
// (forced from outside): the step then checks every choice.
void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        const WeekChoices& others, std::array<double, kMaxMenu>& values,
                        bool others_feasible = true);

}  // namespace leverage
