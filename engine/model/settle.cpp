// Step 6 of the week: payoff terms, utilities and discounted payoffs (docs/MODEL.md, "Payoffs").
#include "engine/model/step_parts.hpp"

namespace leverage {

TermVector compute_terms(const Scenario& scenario, const WorldState& state, std::size_t i) {
  const ActorState& actor = state.actors[i];
  TermVector terms{};
  at(terms, Term::releases) = state.releases_week;
  at(terms, Term::net_releases) = state.prisoners_at_week_start - state.prisoners;
  at(terms, Term::prisoners) = state.prisoners;
  at(terms, Term::rearrests) = state.rearrests_week;
  at(terms, Term::named_releases) = state.named_salience_week;
  at(terms, Term::revenue) = actor.week_revenue;
  at(terms, Term::action_cost) = actor.week_action_cost;
  at(terms, Term::migration) = state.migration;
  at(terms, Term::transit) = state.transit_teu / 1000.0;
  at(terms, Term::transit_lost) = state.transit_lost_teu / 1000.0;
  at(terms, Term::budget_stress) = state.budget_stress;
  at(terms, Term::audience_cost) = actor.week_audience_cost;
  at(terms, Term::credibility) = actor.belief_resolved;
  at(terms, Term::engagement) = static_cast<int>(i) == scenario.target ? state.engagement_week : 0.0;
  at(terms, Term::capitulation) = actor.week_capitulation;
  at(terms, Term::pressure_received) = actor.pressure;
  at(terms, Term::sanctions) = state.sanctions_level;
  at(terms, Term::repression) = state.repression - 1.0;
  at(terms, Term::vetoed) = actor.week_vetoed;
  return terms;
}

void settle_payoffs(const Scenario& scenario, WorldState& state, const WeekChoices& choices, int only_actor) {
  const int week = state.week + 1;
  bool issued_this_week = false;
  for (std::size_t k = 0; k < state.ultimatum_count; ++k)
    issued_this_week = issued_this_week || state.ultimatums[k].issue_week == week;
  const std::size_t first = only_actor >= 0 ? static_cast<std::size_t>(only_actor) : 0;
  const std::size_t end = only_actor >= 0 ? first + 1 : scenario.actors.size();
  for (std::size_t i = first; i < end; ++i) {
    ActorState& actor = state.actors[i];
    // The reference point of the reference-dependent model is the state when an ultimatum is
    // issued: the terms of the week before the issue.
    if (issued_this_week) actor.reference = actor.terms;
    actor.terms = compute_terms(scenario, state, i);
    actor.last_action = choices.action[i];
    if (only_actor >= 0) continue;  // a projection values the terms itself
    const PayoffModel& model = *scenario.actors[i].payoff;
    actor.payoff += actor.discount_weight * model.weekly_utility(actor.terms, actor.reference);
    actor.discount_weight *= model.discount();
    actor.action_cost_meur += actor.week_action_cost;
    actor.audience_cost += actor.week_audience_cost;
  }
  state.week = week;
}

}  // namespace leverage
