// Step 2 of the week: what each chosen action does (docs/MODEL.md, "Action table").
#include <algorithm>
#include <bit>

#include "engine/model/prediction.hpp"
#include "engine/model/step_parts.hpp"

namespace leverage {

void begin_week(const Scenario& scenario, WorldState& state) {
  state.prisoners_at_week_start = state.prisoners;
  state.arrests_week = state.completions_week = state.releases_week = state.rearrests_week = 0;
  state.named_salience_week = 0;
  state.inspection_hours.fill(0);
  state.aid_requested = false;
  state.aid_week_meur = 0;
  state.reward_week_meur = 0;
  state.rerouting_this_week = false;
  state.engagement_week = 0;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    ActorState& actor = state.actors[i];
    actor.week_action_cost = actor.week_audience_cost = actor.week_capitulation = actor.week_vetoed = 0;
    actor.week_revenue = actor.week_aid_offer_meur = 0;
    actor.week_effective = false;
  }
}

double veto_boost(const Scenario& scenario, const WorldState& state, std::size_t actor) {
  return scenario.pressure.veto_boost_per_level * (state.counter_pressure + state.actors[actor].pressure);
}

void lift_threat(const Scenario& scenario, WorldState& state, const UltimatumState& u) {
  const UltimatumSpec& spec = scenario.ultimatums[u.spec];
  if (spec.threat == ThreatKind::sanctions) {
    state.sanctions_level = std::max(0.0, state.sanctions_level - u.threat_levels_applied);
    return;
  }
  // A suspension stays while any other executed suspension threat is in force.
  for (std::size_t k = 0; k < state.ultimatum_count; ++k) {
    const UltimatumState& other = state.ultimatums[k];
    if (&other != &u && other.stage == UltimatumStage::executed &&
        scenario.ultimatums[other.spec].threat == ThreatKind::suspend_transit)
      return;
  }
  state.suspension = false;
}

namespace {

UltimatumState* own_open_ultimatum(WorldState& state, std::size_t actor) {
  for (std::size_t u = 0; u < state.ultimatum_count; ++u)
    if (state.ultimatums[u].sender == static_cast<int>(actor) && is_open(state.ultimatums[u].stage))
      return &state.ultimatums[u];
  return nullptr;
}

void release(WorldState& state, double persons) {
  const double released = std::min(persons, state.prisoners);
  state.prisoners -= released;
  state.releases_week += released;
  state.release_pool += released;
}

// Crossings an action applies to: its own controlled crossings.
template <class F>
void for_controlled_crossings(const Scenario& scenario, std::size_t actor, F&& f) {
  const std::uint32_t mask = scenario.actors[actor].controlled_crossings;
  for (std::size_t c = 0; c < scenario.transit.crossings.size(); ++c)
    if (mask >> c & 1u) f(c);
}

template <class Noise>
void issue_ultimatum(const Scenario& scenario, WorldState& state, std::size_t actor, const ActionSpec& action,
                     Noise& noise) {
  if (state.ultimatum_count >= kMaxUltimatums) return;  // two senders in one week at the cap
  const UltimatumSpec& spec = scenario.ultimatums[action.ultimatum];
  UltimatumState& u = state.ultimatums[state.ultimatum_count++];
  u = UltimatumState{};
  u.sender = static_cast<std::int8_t>(actor);
  u.spec = static_cast<std::int8_t>(action.ultimatum);
  u.stage = UltimatumStage::threat;
  u.issue_week = static_cast<std::int16_t>(state.week + 1);
  u.deadline_week = static_cast<std::int16_t>(state.week + 1 + spec.deadline_weeks);
  u.stock_at_issue = state.prisoners_at_week_start;
  u.gross_at_issue = state.gross_releases;
  u.named_released_at_issue = state.named_released;
  // The benchmark: the crisis game this state implies, solved once per issue in the world (never in
  // a projection, which has no use for it); it draws nothing.
  if constexpr (!Noise::expected) record_prediction(scenario, state, u);
  // Whether the sender will deliver the promised reward: reliable senders usually do, unreliable
  // ones rarely (the assurance likelihoods), drawn once at issue.
  if (spec.reward != RewardKind::none) {
    const double p = state.actors[actor].reliable ? scenario.assurance.delivered_if_reliable
                                                   : scenario.assurance.delivered_if_unreliable;
    u.delivers = noise.bernoulli_protocol(p);
  }
}

template <class Noise>
void apply_one(const Scenario& scenario, WorldState& state, std::size_t i, const ActionSpec& action, Noise& noise) {
  ActorState& actor = state.actors[i];
  actor.week_action_cost += action.cost_meur;
  if (action.collective && !scenario.eu_members.empty() &&
      noise.collective_vetoed(i, scenario.actors[i].id_hash, scenario.eu_members, veto_boost(scenario, state, i))) {
    actor.week_vetoed += 1;
    state.vetoes_total += 1;
    return;
  }
  actor.week_effective = true;
  // A conciliatory move lifts third-party pressure on the actor that makes it.
  if (action.kind == ActionKind::lift_measures || action.kind == ActionKind::back_down ||
      action.kind == ActionKind::ease_sanctions || action.kind == ActionKind::accept_seals)
    actor.pressure = 0;
  switch (action.kind) {
    case ActionKind::hold:
      break;
    case ActionKind::amnesty:
      release(state, action.count);
      break;
    case ActionKind::release_named:
      state.named_released |= 1u << action.prisoner;
      state.named_salience_week += scenario.prisoners.named[action.prisoner].salience;
      release(state, 1);
      break;
    case ActionKind::repress:
      state.repression = std::min(scenario.prisoners.repression_max, state.repression + action.level);
      break;
    case ActionKind::raise_migration:
      state.migration = std::min(scenario.migration.max, state.migration + action.level);
      break;
    case ActionKind::lower_migration:
      state.migration = std::max(0.0, state.migration - action.level);
      break;
    case ActionKind::request_aid:
      state.aid_requested = true;
      break;
    case ActionKind::evade:
      state.evasion_level = std::min(1.0, state.evasion_level + action.level);
      break;
    case ActionKind::routine_control:
    case ActionKind::intensive_inspection:
      for_controlled_crossings(scenario, i, [&](std::size_t c) { state.inspection_hours[c] += action.hours; });
      break;
    case ActionKind::close_crossing:
      for_controlled_crossings(scenario, i, [&](std::size_t c) { state.closed[c] = true; });
      break;
    case ActionKind::lift_measures:
      for_controlled_crossings(scenario, i, [&](std::size_t c) { state.closed[c] = false; });
      break;
    case ActionKind::demand_seals:
      state.seals_demanded = true;
      break;
    case ActionKind::accept_seals:
      state.seals_in_force = true;
      break;
    case ActionKind::issue_ultimatum:
      issue_ultimatum(scenario, state, i, action, noise);
      break;
    case ActionKind::execute_threat: {
      UltimatumState* u = own_open_ultimatum(state, i);
      const UltimatumSpec& spec = scenario.ultimatums[u->spec];
      if (spec.threat == ThreatKind::suspend_transit) {
        state.suspension = true;
      } else {
        const double before = state.sanctions_level;
        state.sanctions_level = std::min(scenario.economy.max_sanctions_level, before + spec.threat_levels);
        u->threat_levels_applied = state.sanctions_level - before;
      }
      u->stage = UltimatumStage::executed;
      u->executed_week = static_cast<std::int16_t>(state.week + 1);
      actor.week_action_cost +=
          actor.resolved ? spec.imposition_cost_meur_resolved : spec.imposition_cost_meur_irresolute;
      break;
    }
    case ActionKind::extend_deadline: {
      UltimatumState* u = own_open_ultimatum(state, i);
      u->deadline_week = static_cast<std::int16_t>(state.week + 1 + action.weeks);
      u->stage = UltimatumStage::threat;
      u->extensions += 1;
      break;
    }
    case ActionKind::back_down: {
      UltimatumState* u = own_open_ultimatum(state, i);
      const UltimatumSpec& spec = scenario.ultimatums[u->spec];
      const double share = std::clamp(demand_progress(scenario, state, *u) / demand_size(spec), 0.0, 1.0);
      if (u->stage == UltimatumStage::executed) lift_threat(scenario, state, *u);
      // Accepting a partial compliance costs the sender only the unmet share of its audience cost.
      const bool partial = u->stage == UltimatumStage::awaiting_decision && share >= spec.partial_threshold;
      u->stage = partial ? UltimatumStage::partly_complied : UltimatumStage::backed_down;
      u->resolved_week = static_cast<std::int16_t>(state.week + 1);
      // Audience costs come from public commitments (Fearon 1994): a private ultimatum has none.
      if (spec.is_public) actor.week_audience_cost += spec.audience_cost * (1.0 - share);
      break;
    }
    case ActionKind::tighten_sanctions:
      state.sanctions_level = std::min(scenario.economy.max_sanctions_level, state.sanctions_level + action.levels);
      break;
    case ActionKind::ease_sanctions:
      state.sanctions_level = std::max(0.0, state.sanctions_level - action.levels);
      break;
    case ActionKind::press_target:
      state.actors[scenario.target].pressure += action.level;
      break;
    case ActionKind::press_sender:
      state.actors[action.on].pressure += action.level;
      break;
    case ActionKind::reroute:
      state.reroute_share = std::min(scenario.transit.reroute_max_share, state.reroute_share + action.share);
      state.rerouting_this_week = true;
      break;
    case ActionKind::subsidize:
      actor.week_aid_offer_meur += action.amount_meur;
      break;
    case ActionKind::counter_pressure:
      state.counter_pressure += action.level;
      break;
    case ActionKind::count_:
      break;
  }
}

}  // namespace

template <class Noise>
void apply_effects(const Scenario& scenario, WorldState& state, const WeekChoices& choices, Noise& noise) {
  // Feasibility is judged on the state every actor saw (last week's), before any effect applies;
  // an infeasible choice (possible only when actions are forced from outside) is a hold.
  // The chosen actions are looked up once and sorted into their phases as bit sets of actors, so
  // the phase loop below visits only the actors with an effect in that phase, in actor order (it
  // used to test every actor in each of the six phases, reloading its action from the scenario).
  static_assert(kMaxActors <= 32 && static_cast<std::size_t>(EffectPhase::routing) == 5);
  const std::size_t n = scenario.actors.size();
  std::array<const ActionSpec*, kMaxActors> chosen{};
  std::array<std::uint32_t, 6> in_phase{};  // bit i: actor i's feasible action has this phase
  for (std::size_t i = 0; i < n; ++i) {
    const ActionSpec& action = scenario.actors[i].menu[choices.action[i]];
    if (!noise.choices_feasible() && !action_feasible(scenario, state, i, action)) continue;  // no effect
    chosen[i] = &action;
    in_phase[static_cast<std::size_t>(action.phase)] |= std::uint32_t{1} << i;
  }
  // Phases in the order of EffectPhase: diplomacy, prisoners, border, economy, pressure, routing.
  for (std::uint32_t actors : in_phase) {
    for (; actors != 0; actors &= actors - 1) {
      const auto i = static_cast<std::size_t>(std::countr_zero(actors));
      apply_one(scenario, state, i, *chosen[i], noise);
    }
  }
}

template void apply_effects<SampledNoise>(const Scenario&, WorldState&, const WeekChoices&, SampledNoise&);
template void apply_effects<ExpectedNoise>(const Scenario&, WorldState&, const WeekChoices&, ExpectedNoise&);

}  // namespace leverage
