#pragma once
// The parts of one week, in the order world.cpp calls them. Internal to engine/model: each part is
// a template over the noise source (SampledNoise for simulation, ExpectedNoise for projections)
// and is explicitly instantiated for both in its own source file.
#include "engine/model/transit_memo.hpp"
#include "engine/model/world.hpp"

namespace leverage {

// Clears this week's flows and scratch values.
void begin_week(const Scenario& scenario, WorldState& state);

// Step 2: effects of the chosen actions, by phase, then actor order (effects.cpp).
template <class Noise>
void apply_effects(const Scenario& scenario, WorldState& state, const WeekChoices& choices, Noise& noise);

// Step 3: prisoners, transit, per-release rewards, economy, migration, pressure, engagement (dynamics.cpp).
template <class Noise>
void run_dynamics(const Scenario& scenario, WorldState& state, Noise& noise);

// Step 3 under expected dynamics, reusing `memo`'s transit outputs when the transit inputs equal
// the memo's (bit for bit), else computing them and, if the memo is empty, filling it. The week's
// other inputs of transit (the week, the scenario) must be the memo's: one memo per decided week.
void run_dynamics_memo(const Scenario& scenario, WorldState& state, ExpectedNoise& noise, TransitMemo& memo);

// Steps 2 to 6 of an expected week on a state that begin_week() has already reset (world.cpp): the
// logit rule resets the decided state once and then projects each alternative from a copy of it.
void project_begun_week(const Scenario& scenario, WorldState& state, const WeekChoices& choices,
                        ExpectedNoise& noise, TransitMemo& memo);

// Step 4: ultimatum stage transitions (protocol.cpp).
template <class Noise>
void ultimatum_transitions(const Scenario& scenario, WorldState& state, Noise& noise);

// Step 5: the target's beliefs in resolve and assurance, by Bayes' rule (protocol.cpp).
// `only_actor` >= 0 updates the belief in that actor alone: a projection scores one actor, and its
// terms read only that actor's belief (the continuation reads the beliefs before the step).
void update_beliefs(const Scenario& scenario, WorldState& state, const WeekChoices& choices, int only_actor = -1);

// Step 6: payoff terms, weekly utility, discounted payoff; last actions recorded; week advanced.
// `only_actor` >= 0 settles that actor's terms alone (a projection reads nothing else: it values
// the terms itself, so the discounted payoff and the cumulative costs are left as they were).
void settle_payoffs(const Scenario& scenario, WorldState& state, const WeekChoices& choices, int only_actor = -1);

// Relative rise of every member's veto probability against `actor`'s collective acts: Moscow's
// counter-pressure and third-party pressure on the actor, times the scenario's boost per level.
double veto_boost(const Scenario& scenario, const WorldState& state, std::size_t actor);

// Bayes' rule for a binary type: posterior of "resolved" after an observation with these likelihoods.
double bayes_update(double prior, double likelihood_if_true, double likelihood_if_false);

// Lifts an executed threat (compliance after imposition, or the sender backing down).
void lift_threat(const Scenario& scenario, WorldState& state, const UltimatumState& u);

// Terms of one actor for the week just stepped.
TermVector compute_terms(const Scenario& scenario, const WorldState& state, std::size_t actor);

}  // namespace leverage
