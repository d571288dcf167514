// The crisis game a state implies (docs/MODEL.md, "The crisis game a state implies").
#include "engine/model/prediction.hpp"

#include <algorithm>
#include <bit>

#include "engine/model/policy.hpp"
#include "engine/model/valuation.hpp"
#include "engine/model/world.hpp"

namespace leverage {

const char* crisis_kind_name(CrisisKind kind) {
  switch (kind) {
    case CrisisKind::none:
      return "none";
    case CrisisKind::complete_information:
      return "complete_information";
    case CrisisKind::pooling:
      return "pooling";
    case CrisisKind::separating:
      return "separating";
    case CrisisKind::semi_separating:
      return "semi_separating";
    case CrisisKind::partially_pooling:
      return "partially_pooling";
  }
  return "none";
}

const char* prediction_reason_name(PredictionReason reason) {
  switch (reason) {
    case PredictionReason::no_predictor:
      return "no_predictor";
    case PredictionReason::ultimatum_on_path:
      return "first_equilibrium_with_ultimatum_on_path";
    case PredictionReason::ultimatum_off_path:
      return "ultimatum_off_path_in_every_equilibrium";
    case PredictionReason::no_equilibrium:
      return "no_equilibrium_found";
  }
  return "no_predictor";
}

namespace {

CrisisPredictor& predictor_slot() {
  static CrisisPredictor predictor = nullptr;
  return predictor;
}

// The worth of a lasting change in a persistent level, per unit, as valuation.cpp values it
// (persistent_value: delta / (1 - delta), capped for an undiscounted actor as ultimatum_stakes does).
double lasting(double delta) {
  return delta < 1.0 ? delta / (1.0 - delta) : 1e6;
}

// What meeting the demand is worth to an actor with this payoff model, in its utility: the releases
// (gross and net, once), the stock they remove (a persistent level), and the named prisoners' salience.
double demand_worth(const Scenario& scenario, const UltimatumSpec& spec, const PayoffModel& model) {
  double persons = spec.demand_count;
  double salience = 0;
  if (spec.demand == DemandKind::named) {
    persons = std::popcount(spec.demand_named_mask);
    for (std::size_t k = 0; k < scenario.prisoners.named.size(); ++k)
      if (spec.demand_named_mask >> k & 1u) salience += scenario.prisoners.named[k].salience;
  }
  return persons * (model.weight(Term::releases) + model.weight(Term::net_releases)) -
         persons * model.weight(Term::prisoners) * lasting(model.discount()) +
         salience * model.weight(Term::named_releases);
}

}  // namespace

bool register_crisis_predictor(CrisisPredictor predictor) {
  predictor_slot() = predictor;
  return true;
}

CrisisPredictor crisis_predictor() {
  return predictor_slot();
}

CrisisInputs crisis_inputs(const Scenario& scenario, std::size_t sender, std::size_t spec_index, double belief_resolved,
                           double assurance) {
  const UltimatumSpec& spec = scenario.ultimatums[spec_index];
  const ActorSpec& from = scenario.actors[sender];
  const PayoffModel& sender_model = *from.payoff;
  CrisisInputs in;
  in.prior_resolved = std::clamp(belief_resolved, 0.0, 1.0);
  // The sender (its own weights). Backing down costs the audience cost of a public ultimatum; executing
  // costs its own revenue for the weeks the threat is expected to last, plus its type's one-time cost.
  in.demand_value = demand_worth(scenario, spec, sender_model);
  in.audience_cost = spec.is_public ? -sender_model.weight(Term::audience_cost) * spec.audience_cost : 0.0;
  const double own_loss_meur_per_week = spec.threat == ThreatKind::suspend_transit
                                            ? from.economy.suspension_cost_meur_per_week
                                            : spec.threat_levels * from.economy.sanctions_cost_meur_per_level;
  const double shared = sender_model.weight(Term::revenue) * own_loss_meur_per_week * spec.expected_threat_weeks;
  const double w_action = -sender_model.weight(Term::action_cost);
  in.imposition_cost_resolved = shared + w_action * spec.imposition_cost_meur_resolved;
  in.imposition_cost_irresolute = shared + w_action * spec.imposition_cost_meur_irresolute;
  in.imposition_value = 0;
  // The target (its own weights): the threatened loss and the lump reward as bayesian_target values
  // them (ultimatum_stakes); complying costs the capitulation of a public ultimatum and the worth of the
  // prisoners released, less the reward it expects by its assurance.
  if (scenario.target >= 0) {
    const PayoffModel& target_model = *scenario.actors[scenario.target].payoff;
    const UltimatumStakes stakes = ultimatum_stakes(spec, target_model);
    const double capitulation =
        spec.is_public ? -target_model.weight(Term::capitulation) * spec.capitulation_cost : 0.0;
    in.sanction_cost = stakes.loss;
    in.concession_cost = capitulation - demand_worth(scenario, spec, target_model) - assurance * stakes.reward;
  }
  return in;
}

CrisisPrediction predict_crisis(const Scenario& scenario, const WorldState& state, std::size_t sender,
                                std::size_t spec) {
  const CrisisPredictor predictor = crisis_predictor();
  if (!predictor || scenario.target < 0) return {};
  const ActorState& about = state.actors[sender];
  return predictor(crisis_inputs(scenario, sender, spec, about.belief_resolved, about.assurance));
}

void record_prediction(const Scenario& scenario, const WorldState& state, UltimatumState& u) {
  const ActorState& about = state.actors[u.sender];
  u.belief_at_issue = about.belief_resolved;
  u.assurance_at_issue = about.assurance;
  const CrisisPrediction p =
      predict_crisis(scenario, state, static_cast<std::size_t>(u.sender), static_cast<std::size_t>(u.spec));
  u.predicted_p_comply = p.p_comply;
  u.predicted_p_execute = p.p_execute;
  u.predicted_kind = static_cast<std::uint8_t>(p.kind);
  u.predicted_reason = static_cast<std::uint8_t>(p.reason);
  u.predicted_equilibria = static_cast<std::uint8_t>(std::min<std::size_t>(p.equilibria, 255));
}

}  // namespace leverage
