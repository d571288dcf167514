// Steps 4 and 5 of the week: the ultimatum protocol's stage transitions, and the target's beliefs.
// docs/MODEL.md, "The ultimatum protocol" and "Beliefs".
#include <algorithm>

#include "engine/model/step_parts.hpp"

namespace leverage {

double bayes_update(double prior, double likelihood_if_true, double likelihood_if_false) {
  const double joint_true = prior * likelihood_if_true;
  const double evidence = joint_true + (1.0 - prior) * likelihood_if_false;
  return evidence > 0 ? joint_true / evidence : prior;
}

namespace {

void observe_assurance(const Scenario& scenario, WorldState& state, UltimatumState& u, bool delivered) {
  if (u.assurance_observed) return;
  u.assurance_observed = true;
  const AssuranceParams& a = scenario.assurance;
  double& belief = state.actors[u.sender].assurance;
  belief = delivered ? bayes_update(belief, a.delivered_if_reliable, a.delivered_if_unreliable)
                     : bayes_update(belief, 1.0 - a.delivered_if_reliable, 1.0 - a.delivered_if_unreliable);
}

// The demand is met: the stage closes as compliance; a public ultimatum costs the target its
// capitulation cost; a lump reward (eased sanctions) is delivered if the sender delivers.
// In a projection (expected) the target expects the reward's worth by its assurance.
void comply(const Scenario& scenario, WorldState& state, UltimatumState& u, UltimatumStage stage, bool expected) {
  const UltimatumSpec& spec = scenario.ultimatums[u.spec];
  const int week = state.week + 1;
  if (u.stage == UltimatumStage::executed) lift_threat(scenario, state, u);
  if (u.stage == UltimatumStage::threat) u.share_met_at_deadline = 1;  // met by the deadline
  u.stage = stage;
  u.complied_week = static_cast<std::int16_t>(week);
  u.resolved_week = static_cast<std::int16_t>(week);
  if (spec.is_public && scenario.target >= 0) state.actors[scenario.target].week_capitulation += spec.capitulation_cost;
  if (spec.reward == RewardKind::ease_sanctions) {
    const double delivered = expected ? state.actors[u.sender].assurance : (u.delivers ? 1.0 : 0.0);
    state.sanctions_level = std::max(0.0, state.sanctions_level - delivered * spec.reward_levels);
    if (!expected) observe_assurance(scenario, state, u, u.delivers);
  }
}

}  // namespace

template <class Noise>
void ultimatum_transitions(const Scenario& scenario, WorldState& state, Noise&) {
  const int week = state.week + 1;
  for (std::size_t k = 0; k < state.ultimatum_count; ++k) {
    UltimatumState& u = state.ultimatums[k];
    if (!is_open(u.stage)) continue;
    const UltimatumSpec& spec = scenario.ultimatums[u.spec];
    const double share = std::clamp(demand_progress(scenario, state, u) / demand_size(spec), 0.0, 1.0);
    // A per-release reward is observed at the first release it should have paid for.
    if (!Noise::expected && spec.reward == RewardKind::per_release && u.rewarded_units > 0)
      observe_assurance(scenario, state, u, u.delivers);
    // A gross or named demand is met once enough are released; a net demand (a cut in the stock)
    // is judged at the deadline, so that re-arrests before it count against the target.
    const bool judged_now = spec.demand != DemandKind::net || week >= u.deadline_week;
    switch (u.stage) {
      case UltimatumStage::threat:
        if (share >= 1.0 && judged_now) {
          comply(scenario, state, u, UltimatumStage::complied_threat, Noise::expected);
        } else if (week >= u.deadline_week) {
          u.stage = UltimatumStage::awaiting_decision;
          u.share_met_at_deadline = share;
        }
        break;
      case UltimatumStage::awaiting_decision:
        if (share >= 1.0) {
          comply(scenario, state, u, UltimatumStage::complied_threat, Noise::expected);
        } else if (week > u.deadline_week + spec.grace_weeks) {
          // Silence past the grace weeks is backing down, with its audience cost.
          const bool partial = share >= spec.partial_threshold;
          u.stage = partial ? UltimatumStage::partly_complied : UltimatumStage::backed_down;
          u.resolved_week = static_cast<std::int16_t>(week);
          if (spec.is_public) state.actors[u.sender].week_audience_cost += spec.audience_cost * (1.0 - share);
          // The target reads silence as it reads an explicit backdown.
          for (const Signal& signal : scenario.signals)
            if (signal.actor == u.sender && signal.kind == ActionKind::back_down)
              state.actors[u.sender].belief_resolved = bayes_update(state.actors[u.sender].belief_resolved,
                                                                    signal.p_if_resolved, signal.p_if_unresolved);
        }
        break;
      case UltimatumStage::executed:
        if (share >= 1.0) comply(scenario, state, u, UltimatumStage::complied_after_imposition, Noise::expected);
        break;
      default:
        break;
    }
  }
}

template void ultimatum_transitions<SampledNoise>(const Scenario&, WorldState&, SampledNoise&);
template void ultimatum_transitions<ExpectedNoise>(const Scenario&, WorldState&, ExpectedNoise&);

// The target observes each actor's action that took effect this week; costly acts listed in the
// scenario's `signals` are evidence about resolve (Fearon 1997: sinking costs), moved by Bayes' rule.
void update_beliefs(const Scenario& scenario, WorldState& state, const WeekChoices& choices, int only_actor) {
  const std::size_t first = only_actor >= 0 ? static_cast<std::size_t>(only_actor) : 0;
  const std::size_t end = only_actor >= 0 ? first + 1 : scenario.actors.size();
  for (std::size_t i = first; i < end; ++i) {
    if (!state.actors[i].week_effective) continue;
    const ActionKind kind = scenario.actors[i].menu[choices.action[i]].kind;
    for (const Signal& signal : scenario.signals)
      if (signal.actor == static_cast<int>(i) && signal.kind == kind)
        state.actors[i].belief_resolved =
            bayes_update(state.actors[i].belief_resolved, signal.p_if_resolved, signal.p_if_unresolved);
  }
}

}  // namespace leverage
