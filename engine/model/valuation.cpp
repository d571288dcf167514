#include "engine/model/valuation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace leverage {

WeekChoices predicted_choices(const Scenario& scenario, const WorldState& state) {
  WeekChoices choices;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    // Only last week's action needs checking, not the whole menu (feasible_actions).
    const std::uint8_t last = state.actors[i].last_action;
    const bool repeatable = action_feasible(scenario, state, i, scenario.actors[i].menu[last]);
    choices.action[i] = repeatable ? last : static_cast<std::uint8_t>(hold_index(scenario.actors[i]));
  }
  return choices;
}

double continuation_value(const Scenario& scenario, const WorldState& before, const WorldState& after,
                          std::size_t actor) {
  const PayoffModel& model = *scenario.actors[actor].payoff;
  const double delta = model.discount();
  // Levels that do not decay by themselves are valued as if the change persisted: a prisoner
  // released is a prisoner less next year too.
  double value = 0;
  const double persistence = delta < 1.0 ? delta / (1.0 - delta) : 1e6;
  for (const Term term : kPersistentTerms) {
    const double w = model.weight(term);
    if (w != 0) value += persistence * w * (at(after.actors[actor].terms, term) - at(before.actors[actor].terms, term));
  }
  if (static_cast<int>(actor) != scenario.target) return value;
  const double w_revenue = model.weight(Term::revenue);
  const int decision_week = before.week + 1;
  for (std::size_t k = 0; k < before.ultimatum_count; ++k) {
    const UltimatumState& u = before.ultimatums[k];
    if (!is_open(u.stage)) continue;
    const UltimatumSpec& spec = scenario.ultimatums[u.spec];
    const double met = std::clamp(demand_progress(scenario, after, after.ultimatums[k]) / demand_size(spec), 0.0, 1.0);
    // Threatened loss and lump reward, in the target's utility (revenue weight is negative-signed
    // for losses: a loss of x MEUR is w_revenue * x utility).
    const double loss = w_revenue * spec.threatened_loss_meur_per_week * spec.expected_threat_weeks;
    // Eased sanctions stay eased: the reward is valued as a lasting gain.
    const double reward = w_revenue * spec.reward_value_meur_per_week * (delta < 1.0 ? delta / (1.0 - delta) : 1e6);
    if (u.stage == UltimatumStage::executed) {
      // The threat is in force: complying lifts it and still earns the promised reward.
      const double assurance = before.actors[u.sender].assurance;
      value += -loss * (1.0 - met) + assurance * reward * met;
    } else {
      const int weeks_to_deadline = std::max(0, u.deadline_week - decision_week);
      const double belief = before.actors[u.sender].belief_resolved;
      const double assurance = before.actors[u.sender].assurance;
      value += std::pow(delta, weeks_to_deadline) * (-belief * loss * (1.0 - met) + assurance * reward * met);
    }
  }
  const double w_engagement = model.weight(Term::engagement);
  if (w_engagement != 0) {
    const double keep = 1.0 - scenario.engagement.recent_release_decay;
    for (const auto& summit : scenario.engagement.summits) {
      const int ahead = summit.week - (decision_week);
      if (ahead <= 0) continue;  // next week's summit is in next week's utility already
      const double remembered = after.recent_releases * std::pow(keep, ahead);
      value += std::pow(delta, ahead) * w_engagement * summit.value *
               std::min(1.0, remembered / summit.releases_for_full_value);
    }
  }
  return value;
}

namespace {

// `next` is scratch for the projected state. Only the live actors are copied into it (see
// copy_live_state): the step never reads the unused slots.
double project(const Scenario& scenario, const WorldState& state, const WeekChoices& choices, std::size_t actor,
               ExpectedNoise noise, WorldState& next) {
  copy_live_state(state, next, scenario.actors.size());
  step_week(scenario, next, choices, noise);
  const PayoffModel& model = *scenario.actors[actor].payoff;
  const ActorState& projected = next.actors[actor];
  return model.weekly_utility(projected.terms, projected.reference) + continuation_value(scenario, state, next, actor);
}

}  // namespace

void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        std::array<double, kMaxMenu>& values) {
  WeekChoices choices = predicted_choices(scenario, state);
  const auto& menu = scenario.actors[actor].menu;
  // Scratch for the projected states, left uninitialized: zeroing its 4,264 bytes cost as much as
  // two projections' copies, and each projection copies in every byte it reads (copy_live_state).
  union Scratch {
    Scratch() {}
    WorldState state;
  } scratch;
  WorldState& next = scratch.state;
  for (std::size_t k = 0; k < menu.size(); ++k) {
    if (!(feasible >> k & 1u)) {
      values[k] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    choices.action[actor] = static_cast<std::uint8_t>(k);
    // The others' predicted actions are feasible by construction; when this one is too (always,
    // unless a caller passes a wider mask), the step need not check all of them again.
    const bool all_feasible = action_feasible(scenario, state, actor, menu[k]);
    const double passes =
        project(scenario, state, choices, actor, ExpectedNoise(static_cast<int>(actor), false, all_feasible), next);
    if (menu[k].collective && !scenario.eu_members.empty()) {
      // A collective act passes only without a veto: its value is the expectation over both.
      const double p = pass_probability(scenario, state, actor);
      const double vetoed =
          project(scenario, state, choices, actor, ExpectedNoise(static_cast<int>(actor), true, all_feasible), next);
      values[k] = p * passes + (1.0 - p) * vetoed;
    } else {
      values[k] = passes;
    }
  }
}

double persistent_value(const PayoffModel& model, const TermVector& before, const TermVector& after) {
  const double delta = model.discount();
  const double persistence = delta < 1.0 ? delta / (1.0 - delta) : 1e6;
  double value = 0;
  for (const Term term : kPersistentTerms) value += persistence * model.weight(term) * (at(after, term) - at(before, term));
  return value;
}

double summits_value(const Scenario& scenario, const PayoffModel& model, int decision_week, double recent_releases_after) {
  const double w_engagement = model.weight(Term::engagement);
  if (w_engagement == 0) return 0;
  const double keep = 1.0 - scenario.engagement.recent_release_decay;
  double value = 0;
  for (const auto& summit : scenario.engagement.summits) {
    const int ahead = summit.week - decision_week;
    if (ahead <= 0) continue;
    value += std::pow(model.discount(), ahead) * w_engagement * summit.value *
             std::min(1.0, recent_releases_after * std::pow(keep, ahead) / summit.releases_for_full_value);
  }
  return value;
}

UltimatumStakes ultimatum_stakes(const UltimatumSpec& spec, const PayoffModel& model) {
  const double delta = model.discount();
  const double w_revenue = model.weight(Term::revenue);
  return {w_revenue * spec.threatened_loss_meur_per_week * spec.expected_threat_weeks,
          w_revenue * spec.reward_value_meur_per_week * (delta < 1.0 ? delta / (1.0 - delta) : 1e6)};
}

void project_expected(const Scenario& scenario, const WorldState& state, const WeekChoices& choices,
                      std::size_t actor, bool vetoed, bool choices_feasible, WorldState& next) {
  copy_live_state(state, next, scenario.actors.size());
  ExpectedNoise noise(static_cast<int>(actor), vetoed, choices_feasible);
  step_week(scenario, next, choices, noise);
}

void value_alternatives_against(const Scenario& scenario, const WorldState& state, const WeekChoices& others,
                                std::size_t actor, MenuMask feasible, std::array<double, kMaxMenu>& values) {
  WeekChoices choices = others;
  const auto& menu = scenario.actors[actor].menu;
  union Scratch {
    Scratch() {}
    WorldState state;
  } scratch;
  // The others' given actions may have become infeasible on this state only when they were forced
  // from outside; the step then checks every choice (choices_feasible false), as the world does.
  bool others_feasible = true;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    if (i != actor) others_feasible = others_feasible && action_feasible(scenario, state, i, scenario.actors[i].menu[others.action[i]]);
  for (std::size_t k = 0; k < menu.size(); ++k) {
    if (!(feasible >> k & 1u)) {
      values[k] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    choices.action[actor] = static_cast<std::uint8_t>(k);
    const bool all_feasible = others_feasible && action_feasible(scenario, state, actor, menu[k]);
    const auto value = [&](bool vetoed) {
      project_expected(scenario, state, choices, actor, vetoed, all_feasible, scratch.state);
      const ActorState& projected = scratch.state.actors[actor];
      return scenario.actors[actor].payoff->weekly_utility(projected.terms, projected.reference) +
             continuation_value(scenario, state, scratch.state, actor);
    };
    const double passes = value(false);
    if (menu[k].collective && !scenario.eu_members.empty()) {
      const double p = pass_probability(scenario, state, actor);
      values[k] = p * passes + (1.0 - p) * value(true);
    } else {
      values[k] = passes;
    }
  }
}

}  // namespace leverage
