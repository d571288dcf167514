#include "engine/model/world.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "engine/model/step_parts.hpp"

namespace leverage {

// ---------------------------------------------------------------------------------------------
// Noise

SampledNoise::SampledNoise(const ReplicateKey& key, int week_number)
    : key_(key),
      week_(week_number),
      shocks_(rng::make_stream({key.master_seed, key.point, key.replicate, purpose::shocks,
                                static_cast<std::uint64_t>(week_number)})),
      prisoners_(rng::make_stream({key.master_seed, key.point, key.replicate, purpose::prisoners,
                                   static_cast<std::uint64_t>(week_number)})),
      protocol_(rng::make_stream({key.master_seed, key.point, key.replicate, purpose::protocol,
                                  static_cast<std::uint64_t>(week_number)})) {}

double SampledNoise::demand_innovation() { return rng::normal(shocks_, 0.0, 1.0); }

double SampledNoise::poisson(double mean) { return mean > 0 ? static_cast<double>(rng::poisson(prisoners_, mean)) : 0.0; }

double SampledNoise::binomial(double n, double p) {
  if (n < 1 || p <= 0) return 0;
  return static_cast<double>(rng::binomial(prisoners_, static_cast<std::uint32_t>(n), std::min(p, 1.0)));
}

bool SampledNoise::collective_vetoed(std::size_t, std::uint64_t actor_hash, const std::vector<EuMember>& members,
                                     double veto_boost) {
  rng::Rng stream = rng::make_stream({key_.master_seed, key_.point, key_.replicate,
                                      rng::hash_combine(purpose::eu_veto, actor_hash),
                                      static_cast<std::uint64_t>(week_)});
  bool vetoed = false;
  for (const auto& member : members) {  // always one draw per member: consumption never depends on outcomes
    const double p = std::min(1.0, member.veto_probability * (1.0 + veto_boost));
    if (rng::uniform01(stream) < p) vetoed = true;
  }
  return vetoed;
}

bool SampledNoise::bernoulli_protocol(double p) { return rng::bernoulli(protocol_, p); }

double SampledNoise::detection(double p) {
  rng::Rng stream = rng::make_stream({key_.master_seed, key_.point, key_.replicate, purpose::detection,
                                      static_cast<std::uint64_t>(week_)});
  return rng::bernoulli(stream, p) ? 1.0 : 0.0;
}

// ---------------------------------------------------------------------------------------------
// Setup and feasibility

std::size_t hold_index(const ActorSpec& actor) {
  for (std::size_t k = 0; k < actor.menu.size(); ++k)
    if (actor.menu[k].kind == ActionKind::hold) return k;
  return 0;
}

WorldState initial_state(const Scenario& scenario, const ReplicateKey& key) {
  WorldState state;
  state.actor_count = static_cast<std::uint8_t>(scenario.actors.size());
  state.prisoners = scenario.prisoners.initial_stock;
  state.prisoners_at_week_start = state.prisoners;
  state.repression = 1;
  state.migration = scenario.migration.baseline;
  state.sanctions_level = scenario.economy.initial_sanctions_level;
  state.buffer_meur = scenario.economy.buffer_meur;
  for (std::size_t c = 0; c < scenario.transit.crossings.size(); ++c)
    state.crossing_teu[c] = scenario.transit.eu_transit_teu_per_week * scenario.transit.crossings[c].baseline_share;
  state.transit_teu = scenario.transit.eu_transit_teu_per_week;
  state.bilateral_teu = scenario.transit.bilateral_teu_per_week;

  // Types: one stream per replicate, drawn in actor order; each actor's draws are keyed by its id
  // so that adding an actor does not move another's type.
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorSpec& spec = scenario.actors[i];
    rng::Rng types = rng::make_stream({key.master_seed, key.point, key.replicate, purpose::types, spec.id_hash});
    ActorState& actor = state.actors[i];
    actor.resolved = rng::uniform01(types) < spec.types.p_resolved;
    actor.reliable = rng::uniform01(types) < spec.types.p_reliable;
    actor.cost_tolerance = rng::beta(types, spec.types.cost_tolerance_a, spec.types.cost_tolerance_b);
    actor.belief_resolved = spec.types.target_belief_resolved;
    actor.assurance = spec.types.target_belief_reliable;
    actor.last_action = static_cast<std::uint8_t>(hold_index(spec));
  }
  {
    rng::Rng economy = rng::make_stream({key.master_seed, key.point, key.replicate, purpose::shocks, 0xA1DCA9ull});
    state.aid_cap_meur = rng::uniform(economy, scenario.economy.aid_cap_min_meur, scenario.economy.aid_cap_max_meur);
  }

  // Reference terms of the reference-dependent payoff model: an all-hold week in expectation.
  WorldState quiet = state;
  WeekChoices hold_all;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    hold_all.action[i] = static_cast<std::uint8_t>(hold_index(scenario.actors[i]));
  ExpectedNoise expected;
  step_week(scenario, quiet, hold_all, expected);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    state.actors[i].reference = quiet.actors[i].terms;
    state.actors[i].terms = quiet.actors[i].terms;
  }
  return state;
}

bool is_open(UltimatumStage stage) {
  return stage == UltimatumStage::threat || stage == UltimatumStage::awaiting_decision ||
         stage == UltimatumStage::executed;
}

namespace {

const UltimatumState* own_ultimatum(const WorldState& state, std::size_t actor) {
  for (std::size_t u = 0; u < state.ultimatum_count; ++u)
    if (state.ultimatums[u].sender == static_cast<int>(actor) && is_open(state.ultimatums[u].stage))
      return &state.ultimatums[u];
  return nullptr;
}

bool controls_open_crossing(const Scenario& scenario, const WorldState& state, std::size_t actor, bool want_closed) {
  const std::uint32_t mask = scenario.actors[actor].controlled_crossings;
  for (std::size_t c = 0; c < scenario.transit.crossings.size(); ++c)
    if ((mask >> c & 1u) && state.closed[c] == want_closed) return true;
  return false;
}

}  // namespace

bool action_feasible(const Scenario& scenario, const WorldState& state, std::size_t actor, const ActionSpec& action) {
  const bool is_target = static_cast<int>(actor) == scenario.target;
  const UltimatumState* own = own_ultimatum(state, actor);
  switch (action.kind) {
    case ActionKind::hold:
      return true;
    case ActionKind::amnesty:
      return state.prisoners >= 1;
    case ActionKind::release_named:
      return !(state.named_released >> action.prisoner & 1u) && state.prisoners >= 1;
    case ActionKind::repress:
      return state.repression < scenario.prisoners.repression_max;
    case ActionKind::raise_migration:
      return state.migration < scenario.migration.max;
    case ActionKind::lower_migration:
      return state.migration > 0;
    case ActionKind::request_aid:
      return is_target && scenario.patron >= 0;
    case ActionKind::evade:
      return is_target && state.evasion_level < 1;
    case ActionKind::routine_control:
    case ActionKind::intensive_inspection:
      return scenario.actors[actor].controlled_crossings != 0;
    case ActionKind::close_crossing:
      return controls_open_crossing(scenario, state, actor, false);
    case ActionKind::lift_measures:
      return controls_open_crossing(scenario, state, actor, true);
    case ActionKind::demand_seals:
      return !state.seals_demanded;
    case ActionKind::accept_seals:
      return state.seals_demanded && !state.seals_in_force;
    case ActionKind::issue_ultimatum:
      return scenario.target >= 0 && !is_target && own == nullptr && state.ultimatum_count < kMaxUltimatums;
    case ActionKind::execute_threat:
      // Executing a threat needs an ultimatum of one's own whose deadline has passed unmet.
      return own != nullptr && own->stage == UltimatumStage::awaiting_decision;
    case ActionKind::extend_deadline:
      return own != nullptr && own->stage == UltimatumStage::awaiting_decision &&
             own->extensions < scenario.ultimatums[own->spec].max_extensions;
    case ActionKind::back_down:
      return own != nullptr &&
             (own->stage == UltimatumStage::awaiting_decision || own->stage == UltimatumStage::executed);
    case ActionKind::tighten_sanctions:
      return state.sanctions_level < scenario.economy.max_sanctions_level;
    case ActionKind::ease_sanctions:
      return state.sanctions_level > 0;
    case ActionKind::press_target:
      return scenario.target >= 0 && !is_target;
    case ActionKind::press_sender:
      return action.on >= 0 && action.on != static_cast<int>(actor);
    case ActionKind::reroute:
      return state.reroute_share < scenario.transit.reroute_max_share;
    case ActionKind::subsidize:
      return scenario.target >= 0 && !is_target;
    case ActionKind::counter_pressure:
      return true;
    case ActionKind::count_:
      break;
  }
  return false;
}


MenuMask feasible_actions(const Scenario& scenario, const WorldState& state, std::size_t actor) {
  MenuMask mask = 0;
  const auto& menu = scenario.actors[actor].menu;
  for (std::size_t k = 0; k < menu.size(); ++k)
    if (action_feasible(scenario, state, actor, menu[k])) mask |= MenuMask{1} << k;
  return mask;
}

double pass_probability(const Scenario& scenario, const WorldState& state, std::size_t actor) {
  const double boost = veto_boost(scenario, state, actor);
  double pass = 1;
  for (const auto& member : scenario.eu_members)
    pass *= 1.0 - std::min(1.0, member.veto_probability * (1.0 + boost));
  return pass;
}

double demand_size(const UltimatumSpec& spec) {
  return spec.demand == DemandKind::named ? static_cast<double>(std::popcount(spec.demand_named_mask))
                                          : spec.demand_count;
}

double demand_progress(const Scenario& scenario, const WorldState& state, const UltimatumState& u) {
  const UltimatumSpec& spec = scenario.ultimatums[u.spec];
  switch (spec.demand) {
    case DemandKind::gross:
      return state.gross_releases - u.gross_at_issue;
    case DemandKind::net:
      return u.stock_at_issue - state.prisoners;
    case DemandKind::named:
      return static_cast<double>(std::popcount(state.named_released & spec.demand_named_mask & ~u.named_released_at_issue));
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The week

template <class Noise>
static void step_week_impl(const Scenario& scenario, WorldState& state, const WeekChoices& choices, Noise& noise) {
  begin_week(scenario, state);
  apply_effects(scenario, state, choices, noise);
  run_dynamics(scenario, state, noise);
  ultimatum_transitions(scenario, state, noise);
  update_beliefs(scenario, state, choices, noise.scored_actor());
  settle_payoffs(scenario, state, choices, noise.scored_actor());
}

void project_begun_week(const Scenario& scenario, WorldState& state, const WeekChoices& choices,
                        ExpectedNoise& noise, TransitMemo& memo) {
  // step_week_impl after begin_week, with the transit dynamics memoized across projections.
  apply_effects(scenario, state, choices, noise);
  run_dynamics_memo(scenario, state, noise, memo);
  ultimatum_transitions(scenario, state, noise);
  update_beliefs(scenario, state, choices, noise.scored_actor());
  settle_payoffs(scenario, state, choices, noise.scored_actor());
}

void step_week(const Scenario& scenario, WorldState& state, const WeekChoices& choices, SampledNoise& noise) {
  step_week_impl(scenario, state, choices, noise);
}

void step_week(const Scenario& scenario, WorldState& state, const WeekChoices& choices, ExpectedNoise& noise) {
  step_week_impl(scenario, state, choices, noise);
}

}  // namespace leverage
