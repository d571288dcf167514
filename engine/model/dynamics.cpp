// Step 3 of the week: the world's own dynamics (docs/MODEL.md, "Dynamics").
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "engine/model/step_parts.hpp"

namespace leverage {

namespace {

// Prisoners: arrests scale with repression; sentences end at a constant hazard; released persons
// stay at risk of re-arrest (the revolving door) until they leave the pool.
template <class Noise>
void prisoner_dynamics(const Scenario& scenario, WorldState& state, Noise& noise) {
  const PrisonerParams& p = scenario.prisoners;
  const double arrests = noise.poisson(p.arrests_per_week * state.repression);
  const double completions = noise.binomial(std::floor(state.prisoners), p.completion_hazard);
  const double rearrest_mean = state.release_pool * std::min(1.0, p.rearrest_hazard * state.repression);
  const double rearrests = std::min(std::floor(state.release_pool), noise.poisson(rearrest_mean));
  state.prisoners = std::max(0.0, state.prisoners + arrests + rearrests - completions);
  state.release_pool = std::max(0.0, state.release_pool - rearrests) * (1.0 - p.pool_exit_rate);
  state.arrests_week = arrests;
  state.completions_week = completions;
  state.rearrests_week = rearrests;
  state.arrests_total += arrests;
  state.completions_total += completions;
  state.rearrests_total += rearrests;
  state.gross_releases += state.releases_week;
  if (state.releases_week > 0 && state.first_release_week < 0) state.first_release_week = state.week + 1;
  state.recent_releases = state.recent_releases * (1.0 - scenario.engagement.recent_release_decay) + state.releases_week;
  state.repression = 1.0 + (state.repression - 1.0) * (1.0 - p.repression_decay);
}

// Transit: EU-bound demand (AR(1) log shock times scheduled shocks) less the rerouted share flows
// through the crossings; inspections block hours of the week, closures and the EU suspension block
// it all. Cargo blocked by one state alone partly leaks to the other open crossings; blocked cargo
// drives shippers away, and rerouted cargo returns linearly over `return_weeks` once measures end.
template <class Noise>
void transit_dynamics(const Scenario& scenario, WorldState& state, Noise& noise) {
  const TransitParams& t = scenario.transit;
  state.log_demand_shock = t.shock_persistence * state.log_demand_shock + t.shock_sd * noise.demand_innovation();
  double scheduled = 1;
  const int week = state.week + 1;
  for (const auto& shock : t.scheduled)
    if (week >= shock.first_week && week <= shock.last_week) scheduled *= shock.demand_multiplier;
  const double shock_factor = std::exp(state.log_demand_shock);  // used twice below: one exp call
  state.demand_multiplier = shock_factor * scheduled;

  bool any_closed = state.suspension;
  for (std::size_t c = 0; c < t.crossings.size(); ++c) any_closed = any_closed || state.closed[c];
  if (!state.rerouting_this_week && !any_closed && state.reroute_share > 0) {
    if (state.reroute_return_week < 0) {
      state.reroute_return_from = state.reroute_share;
      state.reroute_return_week = 0;
    }
    state.reroute_return_week += 1;
    const double left = 1.0 - static_cast<double>(state.reroute_return_week) / std::max(1, t.return_weeks);
    state.reroute_share = std::max(0.0, state.reroute_return_from * left);
    if (state.reroute_share <= 0) state.reroute_return_week = -1;
  }

  const double demand = t.eu_transit_teu_per_week * state.demand_multiplier;
  const double available = demand * (1.0 - state.reroute_share);
  std::array<double, kMaxCrossings> blocked_share{};
  double blocked_alone = 0, blocked_total = 0, flow = 0;
  for (std::size_t c = 0; c < t.crossings.size(); ++c) {
    blocked_share[c] = state.suspension || state.closed[c] ? 1.0 : std::min(1.0, state.inspection_hours[c] / 168.0);
    const double through = available * t.crossings[c].baseline_share;
    state.crossing_teu[c] = through * (1.0 - blocked_share[c]);
    blocked_total += through * blocked_share[c];
    if (!state.suspension) blocked_alone += through * blocked_share[c];
    flow += state.crossing_teu[c];
  }
  // Leakage: cargo blocked by one state alone (no EU-wide suspension) moves to the other crossings
  // in proportion to their leak weights, within their spare capacity.
  double leaked = 0;
  if (blocked_alone > 0) {
    double weight_sum = 0;
    for (std::size_t c = 0; c < t.crossings.size(); ++c) weight_sum += t.crossings[c].leak_weight * (1.0 - blocked_share[c]);
    if (weight_sum > 0) {
      const double to_leak = t.leak_share * blocked_alone;
      for (std::size_t c = 0; c < t.crossings.size(); ++c) {
        const double w = t.crossings[c].leak_weight * (1.0 - blocked_share[c]) / weight_sum;
        const double room = std::max(0.0, t.crossings[c].capacity_teu_per_week - state.crossing_teu[c]);
        const double add = std::min(room, to_leak * w);
        state.crossing_teu[c] += add;
        leaked += add;
      }
    }
  }
  flow += leaked;
  state.leaked_teu = leaked;
  state.transit_teu = flow;
  state.transit_lost_teu = std::max(0.0, demand - flow);
  state.transit_lost_total += state.transit_lost_teu;
  // Bilateral traffic shares the demand shock but not the scheduled shocks, which concern China-EU
  // routes (the Red Sea).
  state.bilateral_teu = t.bilateral_teu_per_week * shock_factor;

  // Shippers flee a blocked corridor. A closure, a suspension or Beijing's rerouting stops the
  // return; the partial delay of an inspection adds its flight to the share that is returning,
  // which then comes back over the rest of the same schedule.
  const double lost_to_blocking = blocked_total - leaked;
  if (available > 0 && lost_to_blocking > 0) {
    const double before = state.reroute_share;
    state.reroute_share = std::min(t.reroute_max_share, before + t.flight_per_blocked_week * lost_to_blocking / available);
    if (state.reroute_return_week > 0) {
      const double left = 1.0 - static_cast<double>(state.reroute_return_week) / std::max(1, t.return_weeks);
      state.reroute_return_from += (state.reroute_share - before) / left;
    }
  }
  if (state.rerouting_this_week || any_closed) state.reroute_return_week = -1;
}

// Per-release rewards: a sender that delivers pays for each newly counted unit of its demand
// (gross releases, or new lows of the net stock), which is what invites the revolving door. In a
// projection the target cannot know whether the sender will pay: it expects its assurance's worth.
template <class Noise>
void per_release_rewards(const Scenario& scenario, WorldState& state) {
  for (std::size_t k = 0; k < state.ultimatum_count; ++k) {
    UltimatumState& u = state.ultimatums[k];
    const UltimatumSpec& spec = scenario.ultimatums[u.spec];
    if (spec.reward != RewardKind::per_release || !is_open(u.stage)) continue;
    const double units = std::max(0.0, demand_progress(scenario, state, u));
    if (units <= u.rewarded_units) continue;
    const double delivered = Noise::expected ? state.actors[u.sender].assurance : (u.delivers ? 1.0 : 0.0);
    const double pay = delivered * (units - u.rewarded_units) * spec.reward_meur_per_release;
    u.rewarded_units = units;
    u.reward_paid_meur += pay;
    state.reward_week_meur += pay;
    state.actors[u.sender].week_revenue -= pay;
  }
}

// Inspections detect evasion (Tsebelis 1989's inspection game inside the world): with probability
// min(1, rate * inspection hours this week) the week's evasion is found (1 or 0 when sampled, the
// probability in a projection). The inspecting actors share the reward by their hours. Returns the
// detected share; nothing is drawn when no evasion is going on or detection is off.
template <class Noise>
double evasion_detected(const Scenario& scenario, WorldState& state, Noise& noise) {
  const EconomyParams& e = scenario.economy;
  if (state.evasion_level <= 0 || e.detection_per_inspection_hour <= 0) return 0;
  const auto& crossings = scenario.transit.crossings;
  double hours = 0;
  for (std::size_t c = 0; c < crossings.size(); ++c) hours += state.inspection_hours[c];
  if (hours <= 0) return 0;
  const double detected = noise.detection(std::min(1.0, e.detection_per_inspection_hour * hours));
  const double reward = detected * e.detection_reward_meur * state.evasion_level;
  for (std::size_t c = 0; c < crossings.size(); ++c)
    if (crossings[c].controller >= 0 && state.inspection_hours[c] > 0)
      state.actors[crossings[c].controller].week_revenue += reward * state.inspection_hours[c] / hours;
  return detected;
}

// The economy ledger of every actor, the target's buffer and budget stress, and the patron's aid.
// `only_actor` >= 0 (a projection scoring that actor): the revenue of the other actors is not
// computed, except the target's, which the buffer and budget stress need; no actor's revenue
// depends on another's.
template <class Noise>
void economy_dynamics(const Scenario& scenario, WorldState& state, Noise& noise) {
  const int only_actor = noise.scored_actor();
  const EconomyParams& e = scenario.economy;
  const TransitParams& t = scenario.transit;
  const double demand = t.eu_transit_teu_per_week * state.demand_multiplier;
  const double flowing_share = demand > 0 ? state.transit_teu / demand : 0.0;

  // Aid: the patron's standing share of its cap when asked, plus voluntary subsidies, capped.
  double offered = 0;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) offered += state.actors[i].week_aid_offer_meur;
  double standing = 0;
  if (state.aid_requested && scenario.patron >= 0) standing = e.request_share * state.aid_cap_meur;
  const double wanted = offered + standing;
  const double paid = std::min(state.aid_cap_meur, wanted);
  state.aid_week_meur = paid;
  state.aid_total_meur += paid;
  if (wanted > 0) {
    const double scale = paid / wanted;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      state.actors[i].week_revenue -= state.actors[i].week_aid_offer_meur * scale;
    if (standing > 0) state.actors[scenario.patron].week_revenue -= standing * scale;
  }

  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    if (only_actor >= 0 && static_cast<int>(i) != only_actor && static_cast<int>(i) != scenario.target) continue;
    const ActorEconomy& a = scenario.actors[i].economy;
    double revenue_eur = state.transit_teu * a.fee_eur_per_teu_transit + state.bilateral_teu * a.fee_eur_per_teu_bilateral -
                         state.transit_lost_teu * a.cost_eur_per_teu_lost;
    for (std::size_t c = 0; c < t.crossings.size(); ++c) revenue_eur += state.crossing_teu[c] * a.fee_eur_per_teu_at[c];
    double revenue = revenue_eur / 1e6 - state.sanctions_level * a.sanctions_cost_meur_per_level;
    if (state.suspension) revenue -= a.suspension_cost_meur_per_week;
    state.actors[i].week_revenue += revenue;
  }

  if (scenario.target >= 0) {
    const double seals_factor = state.seals_in_force ? 1.0 - e.seals_evasion_cut : 1.0;
    const double evasion = e.evasion_revenue_meur_per_week * state.evasion_level * seals_factor * flowing_share;
    const double detected = evasion_detected(scenario, state, noise);
    double target_extra = evasion * (1.0 - detected) - detected * e.evasion_fine_meur * state.evasion_level -
                          state.sanctions_level * e.sanctions_loss_meur_per_level + paid + state.reward_week_meur;
    if (state.suspension) target_extra -= e.suspension_export_loss_meur_per_week;
    ActorState& target = state.actors[scenario.target];
    target.week_revenue += target_extra;
    // The buffer absorbs the gap between this week's revenue (less the cost of the target's own
    // action) and the baseline (undisturbed) revenue; it refills up to its size, not beyond.
    state.buffer_meur = std::min(e.buffer_meur, state.buffer_meur + target.week_revenue - target.week_action_cost -
                                                    scenario.target_baseline_revenue_meur);
    state.budget_stress = std::clamp(1.0 - state.buffer_meur / e.buffer_meur, 0.0, 1.0);
  }
  state.evasion_level *= 1.0 - e.evasion_decay;
  // The cumulative revenue is an output of the run, never a term: a projection scoring one actor
  // has no use for it.
  if (only_actor < 0)
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) state.actors[i].revenue_meur += state.actors[i].week_revenue;
}

void slow_variables(const Scenario& scenario, WorldState& state) {
  const MigrationParams& m = scenario.migration;
  state.migration = m.baseline + (state.migration - m.baseline) * (1.0 - m.decay);
  const double keep = 1.0 - scenario.pressure.decay;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) state.actors[i].pressure *= keep;
  if (scenario.target >= 0) {
    double& on_target = state.actors[scenario.target].pressure;
    on_target = std::max(0.0, on_target - scenario.pressure.relief_per_release * state.releases_week);
  }
  state.counter_pressure *= keep;
  // Engagement: a summit's value to the target rises with its recent releases (July 2024: an amnesty
  // announced before the SCO summit bought a meeting with the UN Secretary-General).
  const int week = state.week + 1;
  for (const auto& summit : scenario.engagement.summits)
    if (summit.week == week)
      state.engagement_week += summit.value * std::min(1.0, state.recent_releases / summit.releases_for_full_value);
}

TransitInputs transit_inputs(const WorldState& state) {
  // Every field transit_dynamics reads (besides the week and the scenario).
  return TransitInputs{state.log_demand_shock, state.reroute_share, state.reroute_return_from,
                       state.transit_lost_total, state.inspection_hours, state.reroute_return_week,
                       state.closed, state.suspension, state.rerouting_this_week};
}

TransitOutputs transit_outputs(const WorldState& state) {
  // Every field transit_dynamics writes.
  return TransitOutputs{state.log_demand_shock, state.demand_multiplier, state.reroute_share,
                        state.reroute_return_from, state.reroute_return_week, state.crossing_teu,
                        state.leaked_teu, state.transit_teu, state.transit_lost_teu, state.transit_lost_total,
                        state.bilateral_teu};
}

void restore_transit(const TransitOutputs& out, WorldState& state) {
  state.log_demand_shock = out.log_demand_shock;
  state.demand_multiplier = out.demand_multiplier;
  state.reroute_share = out.reroute_share;
  state.reroute_return_from = out.reroute_return_from;
  state.reroute_return_week = out.reroute_return_week;
  state.crossing_teu = out.crossing_teu;
  state.leaked_teu = out.leaked_teu;
  state.transit_teu = out.transit_teu;
  state.transit_lost_teu = out.transit_lost_teu;
  state.transit_lost_total = out.transit_lost_total;
  state.bilateral_teu = out.bilateral_teu;
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// Bit for bit (not ==, which equates 0 and -0): equal inputs must give the same bytes out.
bool same_inputs(const TransitInputs& a, const TransitInputs& b) {
  if (!same_bits(a.log_demand_shock, b.log_demand_shock) || !same_bits(a.reroute_share, b.reroute_share) ||
      !same_bits(a.reroute_return_from, b.reroute_return_from) ||
      !same_bits(a.transit_lost_total, b.transit_lost_total) || a.reroute_return_week != b.reroute_return_week ||
      a.suspension != b.suspension || a.rerouting_this_week != b.rerouting_this_week || a.closed != b.closed)
    return false;
  for (std::size_t c = 0; c < kMaxCrossings; ++c)
    if (!same_bits(a.inspection_hours[c], b.inspection_hours[c])) return false;
  return true;
}

}  // namespace

void run_dynamics_memo(const Scenario& scenario, WorldState& state, ExpectedNoise& noise, TransitMemo& memo) {
  // The same sequence as run_dynamics, with transit_dynamics memoized.
  prisoner_dynamics(scenario, state, noise);
  const TransitInputs inputs = transit_inputs(state);
  if (memo.valid && same_inputs(inputs, memo.inputs)) {
    restore_transit(memo.outputs, state);
  } else {
    transit_dynamics(scenario, state, noise);
    if (!memo.valid) {
      memo.inputs = inputs;
      memo.outputs = transit_outputs(state);
      memo.valid = true;
    }
  }
  per_release_rewards<ExpectedNoise>(scenario, state);
  economy_dynamics(scenario, state, noise);
  slow_variables(scenario, state);
}

template <class Noise>
void run_dynamics(const Scenario& scenario, WorldState& state, Noise& noise) {
  prisoner_dynamics(scenario, state, noise);
  transit_dynamics(scenario, state, noise);
  per_release_rewards<Noise>(scenario, state);
  economy_dynamics(scenario, state, noise);
  slow_variables(scenario, state);
}

template void run_dynamics<SampledNoise>(const Scenario&, WorldState&, SampledNoise&);
template void run_dynamics<ExpectedNoise>(const Scenario&, WorldState&, ExpectedNoise&);

}  // namespace leverage
