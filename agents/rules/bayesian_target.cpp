// Decision rule `bayesian_target`: the target weighs compliance with each open ultimatum against
// its beliefs about the sender (docs/MODEL.md, "bayesian_target"). Each feasible action k is a plan,
// "take k every week until the earliest deadline", and is worth
//   V_k = A_H * (W_k + P_k) + S_k + sum over open ultimatums u of E_u(k)
// where W_k is next week's utility under expected dynamics (others repeat last week's action)
// without the capitulation term, P_k the persistent terms' change valued as lasting, A_H =
// sum_{j<H} delta^j over the H weeks of the plan, S_k the summits ahead, and E_u(k) the expected
// utility of the posture the plan takes towards u: comply, partly comply or defy, by the share s
// of u's demand it would have met by the deadline (the projected week's progress repeated):
//   comply  (s >= 1):          delta^tau * (a * R - K)
//   partly  (theta <= s < 1):  -delta^tau * b * L * (1 - s)
//   defy    (s < theta):       -delta^tau * b * L
// with b the target's belief that the sender is resolved, a its assurance that the sender delivers,
// L and R the threatened loss and the lump reward in utility (ultimatum_stakes), tau the weeks to
// the deadline, theta the partial threshold, and K the capitulation cost: capitulation_cost for a
// public ultimatum, private_capitulation_factor times it for a private channel, in utility. Once a
// threat is executed it is in force: b = 1 and tau = 0. Beliefs b and a move by Bayes' rule in
// engine/model/protocol.cpp, so a deceived target corrects itself after an execution or a backdown.
// The choice is a logit over V_k with a tremble, one uniform draw from the noise stream.
#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/rules/choice.hpp"
#include "engine/model/valuation.hpp"

namespace leverage {
namespace {

bool complied(UltimatumStage stage) {
  return stage == UltimatumStage::complied_threat || stage == UltimatumStage::complied_after_imposition;
}

class BayesianTarget final : public DecisionRule {
 public:
  BayesianTarget(double rationality, double tremble, double private_factor)
      : rationality_(rationality), tremble_(tremble), private_factor_(private_factor) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const std::size_t n = in.scenario.actors[in.actor].menu.size();
    std::array<double, kMaxMenu> values{};
    std::array<double, kMaxMenu> probabilities{};
    value_plans(in, values);
    rules::logit_probabilities(values, in.feasible, n, rationality_, probabilities);
    if (tremble_ > 0) {
      double feasible_count = 0;
      for (std::size_t k = 0; k < n; ++k) feasible_count += in.feasible >> k & 1u;
      for (std::size_t k = 0; k < n; ++k)
        if (in.feasible >> k & 1u) probabilities[k] = (1.0 - tremble_) * probabilities[k] + tremble_ / feasible_count;
    }
    const std::size_t chosen = rules::sample_index(probabilities, n, in.noise);
    if (record) {
      record->value = values;
      record->probability = probabilities;
    }
    return chosen;
  }

 private:
  void value_plans(const DecisionInput& in, std::array<double, kMaxMenu>& values) const {
    const Scenario& scenario = in.scenario;
    const WorldState& state = in.state;
    const std::size_t actor = in.actor;
    const PayoffModel& model = *scenario.actors[actor].payoff;
    const double delta = model.discount();
    const int decision_week = state.week + 1;
    const bool is_target = static_cast<int>(actor) == scenario.target;
    // The plan lasts until the earliest deadline still ahead (one week when none is).
    int horizon = 1;
    bool first = true;
    for (std::size_t u = 0; is_target && u < state.ultimatum_count; ++u) {
      const UltimatumState& ultimatum = state.ultimatums[u];
      if (ultimatum.stage != UltimatumStage::threat) continue;
      const int weeks = 1 + std::max(0, ultimatum.deadline_week - decision_week);
      horizon = first ? weeks : std::min(horizon, weeks);
      first = false;
    }
    double annuity = 0;
    for (int j = 0; j < horizon; ++j) annuity += std::pow(delta, j);

    WeekChoices choices = predicted_choices(scenario, state);
    union Scratch {
      Scratch() {}
      WorldState state;
    } scratch;
    WorldState& next = scratch.state;
    for (std::size_t k = 0; k < scenario.actors[actor].menu.size(); ++k) {
      if (!(in.feasible >> k & 1u)) {
        values[k] = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      choices.action[actor] = static_cast<std::uint8_t>(k);
      project_expected(scenario, state, choices, actor, false, true, next);
      // The capitulation cost is valued with the posture below, public or private.
      TermVector terms = next.actors[actor].terms;
      at(terms, Term::capitulation) = 0;
      const double week_utility = model.weekly_utility(terms, next.actors[actor].reference);
      values[k] = annuity * (week_utility + persistent_value(model, state.actors[actor].terms, terms)) +
                  summits_value(scenario, model, decision_week, next.recent_releases);
      if (is_target) values[k] += postures_value(scenario, state, next, model);
    }
  }

  double postures_value(const Scenario& scenario, const WorldState& state, const WorldState& next,
                        const PayoffModel& model) const {
    const double delta = model.discount();
    const int decision_week = state.week + 1;
    double value = 0;
    for (std::size_t u = 0; u < state.ultimatum_count; ++u) {
      const UltimatumState& now = state.ultimatums[u];
      if (!is_open(now.stage)) continue;
      const UltimatumSpec& spec = scenario.ultimatums[now.spec];
      const UltimatumStakes stakes = ultimatum_stakes(spec, model);
      const double capitulation = -model.weight(Term::capitulation) * spec.capitulation_cost *
                                  (spec.is_public ? 1.0 : private_factor_);
      const double assurance = state.actors[now.sender].assurance;
      const UltimatumState& projected = next.ultimatums[u];
      if (complied(projected.stage)) {  // the plan's first week meets the demand
        value += assurance * stakes.reward - capitulation;
        continue;
      }
      const bool executed = now.stage == UltimatumStage::executed;
      const int tau = now.stage == UltimatumStage::threat ? std::max(0, now.deadline_week - decision_week) : 0;
      const double belief = executed ? 1.0 : state.actors[now.sender].belief_resolved;
      const double size = demand_size(spec);
      const double met_now = std::clamp(demand_progress(scenario, state, now) / size, 0.0, 1.0);
      const double met_next = std::clamp(demand_progress(scenario, next, projected) / size, 0.0, 1.0);
      const double share = std::clamp(met_now + (tau + 1) * (met_next - met_now), 0.0, 1.0);
      const double discount = std::pow(delta, tau);
      if (share >= 1.0) {
        value += discount * (assurance * stakes.reward - capitulation);
      } else if (share >= spec.partial_threshold) {
        value -= discount * belief * stakes.loss * (1.0 - share);
      } else {
        value -= discount * belief * stakes.loss;
      }
    }
    return value;
  }

  double rationality_;
  double tremble_;
  double private_factor_;
};

const bool registered = register_rule({
    "bayesian_target",
    "The target weighs complying, partly complying or defying each open ultimatum against its beliefs in the "
    "sender's resolve and assurance, the threatened loss, its capitulation cost and its summits.",
    {
        {"rationality", ParamType::number, 1.0, 0.0, 1e6, {},
         "lambda of the logit over the plans' values, per unit of utility: 0 plays uniformly, large values "
         "choose the best plan"},
        {"tremble", ParamType::number, 0.0, 0.0, 1.0, {},
         "probability of a uniformly random feasible action instead (implementation noise)"},
        {"private_capitulation_factor", ParamType::number, 0.0, 0.0, 1.0, {},
         "share of an ultimatum's capitulation_cost the target feels when complying with a private (not public) "
         "one; the world books none (docs/MODEL.md 7.5)"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      return std::make_shared<BayesianTarget>(param_number(context.params, "rationality"),
                                              param_number(context.params, "tremble"),
                                              param_number(context.params, "private_capitulation_factor"));
    },
});

}  // namespace
}  // namespace leverage
