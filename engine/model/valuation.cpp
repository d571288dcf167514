#include "engine/model/valuation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/model/step_parts.hpp"

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

namespace {

// The parts of continuation_value that depend only on the state decided on, computed once per
// valuing actor and week and then applied to each projected state. Each product is formed in the
// same order as the formula in valuation.hpp, so the values are the same bits as term by term.
class ContinuationPlan {
 public:
  ContinuationPlan(const Scenario& scenario, const WorldState& before, std::size_t actor) : actor_(actor) {
    const PayoffModel& model = *scenario.actors[actor].payoff;
    const double delta = model.discount();
    // Levels that do not decay by themselves are valued as if the change persisted: a prisoner
    // released is a prisoner less next year too.
    const double persistence = delta < 1.0 ? delta / (1.0 - delta) : 1e6;
    for (const Term term : kPersistentTerms) {
      const double w = model.weight(term);
      if (w != 0) persistent_[persistent_count_++] = {term, persistence * w, at(before.actors[actor].terms, term)};
    }
    target_ = static_cast<int>(actor) == scenario.target;
    if (!target_) return;
    const double w_revenue = model.weight(Term::revenue);
    const int decision_week = before.week + 1;
    for (std::size_t k = 0; k < before.ultimatum_count; ++k) {
      const UltimatumState& u = before.ultimatums[k];
      if (!is_open(u.stage)) continue;
      const UltimatumSpec& spec = scenario.ultimatums[u.spec];
      // Threatened loss and lump reward, in the target's utility (revenue weight is negative-signed
      // for losses: a loss of x MEUR is w_revenue * x utility).
      const double loss = w_revenue * spec.threatened_loss_meur_per_week * spec.expected_threat_weeks;
      // Eased sanctions stay eased: the reward is valued as a lasting gain.
      const double reward = w_revenue * spec.reward_value_meur_per_week * (delta < 1.0 ? delta / (1.0 - delta) : 1e6);
      const double assurance = before.actors[u.sender].assurance;
      Open& open = open_[open_count_++];
      open.index = k;
      open.size = demand_size(spec);
      open.on_met = assurance * reward;
      if (u.stage == UltimatumStage::executed) {
        // The threat is in force: complying lifts it and still earns the promised reward.
        open.discounted = false;
        open.on_unmet = -loss;
      } else {
        const int weeks_to_deadline = std::max(0, u.deadline_week - decision_week);
        open.discounted = true;
        open.discount = std::pow(delta, weeks_to_deadline);
        open.on_unmet = -before.actors[u.sender].belief_resolved * loss;
      }
    }
    const double w_engagement = model.weight(Term::engagement);
    if (w_engagement != 0) {
      const double keep = 1.0 - scenario.engagement.recent_release_decay;
      for (const auto& summit : scenario.engagement.summits) {
        const int ahead = summit.week - (decision_week);
        if (ahead <= 0) continue;  // next week's summit is in next week's utility already
        summits_[summit_count_++] = {std::pow(keep, ahead), std::pow(delta, ahead) * w_engagement * summit.value,
                                     summit.releases_for_full_value};
      }
    }
  }

  double value(const Scenario& scenario, const WorldState& after) const {
    double value = 0;
    const TermVector& terms = after.actors[actor_].terms;
    for (std::size_t p = 0; p < persistent_count_; ++p)
      value += persistent_[p].factor * (at(terms, persistent_[p].term) - persistent_[p].before);
    if (!target_) return value;
    for (std::size_t o = 0; o < open_count_; ++o) {
      const Open& open = open_[o];
      const double progress = demand_progress(scenario, after, after.ultimatums[open.index]);
      const double met = std::clamp(progress / open.size, 0.0, 1.0);
      const double inner = open.on_unmet * (1.0 - met) + open.on_met * met;
      value += open.discounted ? open.discount * inner : inner;
    }
    for (std::size_t m = 0; m < summit_count_; ++m) {
      const double remembered = after.recent_releases * summits_[m].keep;
      value += summits_[m].scale * std::min(1.0, remembered / summits_[m].full);
    }
    return value;
  }

 private:
  struct Persistent {
    Term term;
    double factor;  // delta/(1-delta) * w
    double before;  // the term on the state decided on
  };
  struct Open {
    std::size_t index;
    double size;      // demand_size
    double on_unmet;  // -L (executed) or -b * L (threat stage or awaiting decision)
    double on_met;    // a * R
    bool discounted;
    double discount;  // delta^tau
  };
  struct Summit {
    double keep;   // (1 - decay)^ahead
    double scale;  // delta^ahead * w_engagement * value
    double full;   // releases for full value
  };
  std::size_t actor_;
  bool target_ = false;
  std::array<Persistent, std::size(kPersistentTerms)> persistent_{};
  std::size_t persistent_count_ = 0;
  std::array<Open, kMaxUltimatums> open_{};
  std::size_t open_count_ = 0;
  std::array<Summit, kMaxSummits> summits_{};
  std::size_t summit_count_ = 0;
};

// Projects the week once per alternative of one valuing actor. The week's reset state (begin_week)
// and transit memo come from the WeekValuation; each projection copies the reset state (only the
// valuing actor's term vectors among the actors': copy_projection_state), runs the rest of an expected
// week and reuses the transit dynamics of an earlier projection with the same transit inputs
// (TransitMemo). With `shared`, the alternative that projects the predicted profile (unvetoed) reads the
// week's one projection of it instead.
class Projector {
 public:
  Projector(const Scenario& scenario, const WorldState& state, std::size_t actor, WeekValuation& week, bool shared)
      : scenario_(scenario),
        actor_(actor),
        live_(scenario.actors.size()),
        plan_(scenario, state, actor),
        week_(week),
        begun_(week.begun()),
        shared_(shared) {}

  double value(const WeekChoices& choices, ExpectedNoise noise) {
    const WorldState* projected_state;
    if (shared_ && !noise.forced_veto() && choices.action[actor_] == week_.predicted().action[actor_]) {
      projected_state = &week_.profile_projection();
    } else {
      WorldState& next = next_.state;
      copy_projection_state(begun_, next, live_, actor_);
      project_begun_week(scenario_, next, choices, noise, week_.transit_memo());
      projected_state = &next;
    }
    const PayoffModel& model = *scenario_.actors[actor_].payoff;
    const ActorState& projected = projected_state->actors[actor_];
    return model.weekly_utility(projected.terms, projected.reference) + plan_.value(scenario_, *projected_state);
  }

 private:
  // Left uninitialized: every byte a projection reads is copied in first.
  union Scratch {
    Scratch() {}
    WorldState state;
  };
  const Scenario& scenario_;
  std::size_t actor_;
  std::size_t live_;
  ContinuationPlan plan_;
  WeekValuation& week_;
  const WorldState& begun_;
  bool shared_;
  Scratch next_;
};

void value_with(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                const WeekChoices& others, std::array<double, kMaxMenu>& values, bool others_feasible,
                WeekValuation& week, bool shared) {
  WeekChoices choices = others;
  const auto& menu = scenario.actors[actor].menu;
  Projector projector(scenario, state, actor, week, shared);
  double pass = -1;  // pass_probability, computed at the first collective alternative
  for (std::size_t k = 0; k < menu.size(); ++k) {
    if (!(feasible >> k & 1u)) {
      values[k] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    choices.action[actor] = static_cast<std::uint8_t>(k);
    // The others' predicted actions are feasible by construction; when this one is too (always,
    // unless a caller passes a wider mask), the step need not check all of them again.
    const bool all_feasible = others_feasible && action_feasible(scenario, state, actor, menu[k]);
    const double passes = projector.value(choices, ExpectedNoise(static_cast<int>(actor), false, all_feasible));
    if (menu[k].collective && !scenario.eu_members.empty()) {
      // A collective act passes only without a veto: its value is the expectation over both.
      if (pass < 0) pass = pass_probability(scenario, state, actor);
      const double vetoed = projector.value(choices, ExpectedNoise(static_cast<int>(actor), true, all_feasible));
      values[k] = pass * passes + (1.0 - pass) * vetoed;
    } else {
      values[k] = passes;
    }
  }
}

}  // namespace

WeekChoices predicted_choices(const Scenario& scenario, const WorldState& state, std::size_t actor, int depth,
                              const RuleMemories* memories) {
  WeekChoices choices = predicted_choices(scenario, state);
  if (depth <= 1) return choices;
  static const RuleMemory kEmptyMemory{};
  for (std::size_t j = 0; j < scenario.actors.size(); ++j) {
    if (j == actor) continue;
    // A scratch stream, fresh for each prediction and never one of the replicate's: whatever a
    // predicted rule draws, no stream of the run moves, and no prediction depends on another's.
    rng::Rng scratch(kPredictionScratchSeed);
    const RuleMemory& memory = memories ? (*memories)[j] : kEmptyMemory;
    const MenuMask feasible = feasible_actions(scenario, state, j);
    const DecisionInput input{scenario, state, j, feasible, scratch, memory, memories};
    const std::size_t predicted = scenario.actors[j].rule->predict(input, depth - 1);
    // Rules choose feasible actions; an infeasible one would be a hold in the step, so predict that.
    choices.action[j] = static_cast<std::uint8_t>(
        predicted < scenario.actors[j].menu.size() && (feasible >> predicted & 1u) ? predicted
                                                                                   : hold_index(scenario.actors[j]));
  }
  return choices;
}

double continuation_value(const Scenario& scenario, const WorldState& before, const WorldState& after,
                          std::size_t actor) {
  return ContinuationPlan(scenario, before, actor).value(scenario, after);
}

const WeekChoices& WeekValuation::predicted() {
  if (!have_predicted_) {
    predicted_ = predicted_choices(scenario_, state_);
    have_predicted_ = true;
  }
  return predicted_;
}

const WorldState& WeekValuation::begun() {
  if (!have_begun_) {
    copy_live_state(state_, begun_.state, scenario_.actors.size());
    begin_week(scenario_, begun_.state);
    have_begun_ = true;
  }
  return begun_.state;
}

const WorldState& WeekValuation::profile_projection() {
  if (!have_profile_) {
    const WorldState& from = begun();
    copy_live_state(from, profile_.state, scenario_.actors.size());
    // Every actor scored (-1), none vetoed; the predicted actions are feasible by construction.
    ExpectedNoise noise(-1, false, true);
    project_begun_week(scenario_, profile_.state, predicted(), noise, memo_);
    have_profile_ = true;
  }
  return profile_.state;
}

void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        std::array<double, kMaxMenu>& values) {
  WeekValuation week(scenario, state);
  value_with(scenario, state, actor, feasible, week.predicted(), values, true, week, false);
}

void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        WeekValuation& week, std::array<double, kMaxMenu>& values) {
  // One decision's own alternatives share the profile's projection only when the week is shared: alone,
  // the profile projected with every actor settled would cost more than the one alternative it replaces.
  value_with(scenario, state, actor, feasible, week.predicted(), values, true, week, true);
}

void value_alternatives(const DecisionInput& input, std::array<double, kMaxMenu>& values) {
  if (input.week && &input.week->state() == &input.state)
    value_alternatives(input.scenario, input.state, input.actor, input.feasible, *input.week, values);
  else
    value_alternatives(input.scenario, input.state, input.actor, input.feasible, values);
}

void value_alternatives(const Scenario& scenario, const WorldState& state, std::size_t actor, MenuMask feasible,
                        const WeekChoices& others, std::array<double, kMaxMenu>& values, bool others_feasible) {
  WeekValuation week(scenario, state);
  value_with(scenario, state, actor, feasible, others, values, others_feasible, week, false);
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
  // The others' given actions may have become infeasible on this state only when they were forced
  // from outside; the step then checks every choice, as the world does.
  bool others_feasible = true;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    if (i != actor) others_feasible = others_feasible && action_feasible(scenario, state, i, scenario.actors[i].menu[others.action[i]]);
  value_alternatives(scenario, state, actor, feasible, others, values, others_feasible);
}

}  // namespace leverage
