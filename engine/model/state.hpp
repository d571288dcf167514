#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "engine/model/limits.hpp"
#include "engine/model/terms.hpp"

// One replicate's world: a flat value with no heap and no pointers, copied per replicate and
// stepped week by week (docs/MODEL.md, "State variables"). Money in MEUR, flows in TEU per week.
namespace leverage {

enum class UltimatumStage : std::uint8_t {
  threat,                     // issued, deadline not reached
  awaiting_decision,          // deadline passed unmet; the sender must execute, extend or back down
  executed,                   // threat in force, demand not yet met
  complied_threat,            // demand met without the threat being executed
  partly_complied,            // deadline passed with the demand partly met, and the sender let it be
  complied_after_imposition,  // demand met after the threat was executed
  backed_down,                // the sender backed down (or stayed silent past the grace weeks)
};

// Final outcome categories reported per ultimatum (summary.json, outcomes.csv).
const char* stage_name(UltimatumStage stage);

struct UltimatumState {
  std::int8_t sender = -1;
  std::int8_t spec = -1;  // index into Scenario::ultimatums
  UltimatumStage stage = UltimatumStage::threat;
  std::uint8_t extensions = 0;
  std::int16_t issue_week = 0;
  std::int16_t deadline_week = 0;  // the demand must be met by the end of this week
  std::int16_t resolved_week = -1;
  std::int16_t executed_week = -1;
  std::int16_t complied_week = -1;
  std::uint32_t named_released_at_issue = 0;
  double stock_at_issue = 0;
  double gross_at_issue = 0;
  double share_met_at_deadline = 0;
  double threat_levels_applied = 0;  // sanctions steps actually added on execution (capped at the maximum)
  double rewarded_units = 0;       // per-release rewards already paid for this many units
  double reward_paid_meur = 0;
  bool delivers = false;           // drawn at issue: the sender delivers the promised reward
  bool assurance_observed = false;
  // The benchmark (engine/model/prediction.hpp), filled at issue: the crisis game's equilibrium
  // prediction and the two state-dependent inputs it was solved with (the rest is the scenario).
  std::uint8_t predicted_kind = 0;        // CrisisKind
  std::uint8_t predicted_reason = 0;      // PredictionReason
  std::uint8_t predicted_equilibria = 0;  // equilibria the solver found (capped at 255)
  double belief_at_issue = 0.5;           // the target's belief that the sender is resolved
  double assurance_at_issue = 0.5;        // the target's belief that the sender delivers rewards
  double predicted_p_comply = std::numeric_limits<double>::quiet_NaN();
  double predicted_p_execute = std::numeric_limits<double>::quiet_NaN();  // after defiance
};

struct ActorState {
  double payoff = 0;             // discounted cumulative payoff
  double action_cost_meur = 0;   // cumulative direct cost of own actions
  double revenue_meur = 0;       // cumulative own revenue
  double audience_cost = 0;      // cumulative audience costs
  double pressure = 0;           // third-party pressure on this actor (decaying level)
  double belief_resolved = 0.5;  // the target's belief that this actor is resolved
  double assurance = 0.5;        // the target's belief that this actor delivers rewards
  double cost_tolerance = 0.5;   // type: drawn per replicate
  bool resolved = false;         // type: drawn per replicate
  bool reliable = false;         // type: drawn per replicate
  std::uint8_t last_action = 0;  // menu index chosen last week (0 before the first week)
  // This week's scratch, filled by effects and read when terms are computed.
  double week_action_cost = 0, week_audience_cost = 0, week_capitulation = 0, week_vetoed = 0;
  double week_revenue = 0, week_aid_offer_meur = 0;
  bool week_effective = false;  // this week's action took effect (was feasible and not vetoed)
  double discount_weight = 1;   // discount^(weeks completed)
  // The two term vectors come last (304 of the 440 bytes): a projection copies them for the actor
  // it scores only (copy_projection_state).
  TermVector terms{};            // this week's terms (after the step)
  TermVector reference{};        // reference terms of the reference-dependent payoff model
};

struct WorldState {
  int week = 0;  // weeks completed
  std::uint8_t actor_count = 0;

  // Political prisoners.
  double prisoners = 0;       // stock
  double prisoners_at_week_start = 0;
  double release_pool = 0;    // released persons still at risk of re-arrest
  double repression = 1;      // level; 1 is the baseline
  double arrests_week = 0, completions_week = 0, releases_week = 0, rearrests_week = 0;
  double named_salience_week = 0;
  double gross_releases = 0, rearrests_total = 0, arrests_total = 0, completions_total = 0;
  double recent_releases = 0;  // decaying memory of releases that engagement rewards
  int first_release_week = -1;
  std::uint32_t named_released = 0;  // bit i: named prisoner i released

  // Transit.
  double log_demand_shock = 0;
  double demand_multiplier = 1;
  double reroute_share = 0;         // share of EU-bound demand gone elsewhere
  double reroute_return_from = 0;   // share at the start of the current return
  int reroute_return_week = -1;     // weeks into the current return (-1: not returning)
  bool rerouting_this_week = false;
  std::array<double, kMaxCrossings> crossing_teu{};
  std::array<double, kMaxCrossings> inspection_hours{};
  std::array<bool, kMaxCrossings> closed{};
  double transit_teu = 0, bilateral_teu = 0, leaked_teu = 0;
  double transit_lost_teu = 0, transit_lost_total = 0;
  bool suspension = false, seals_demanded = false, seals_in_force = false;

  // Economy.
  double evasion_level = 0;
  double sanctions_level = 0;
  double buffer_meur = 0;
  double budget_stress = 0;
  double aid_cap_meur = 0;
  double aid_week_meur = 0, aid_total_meur = 0;
  bool aid_requested = false;
  double reward_week_meur = 0;  // per-release rewards paid to the target this week

  // Migration and pressure.
  double migration = 0;
  double counter_pressure = 0;
  double engagement_week = 0;
  int vetoes_total = 0;

  std::uint8_t ultimatum_count = 0;
  std::array<UltimatumState, kMaxUltimatums> ultimatums{};
  std::array<ActorState, kMaxActors> actors{};  // last member: copy_live_state relies on it
};

// Copies everything but the unused actor slots (those from `live_actors` on) into `to`. A
// projection of the logit rule copies the state once per alternative; the eight ActorState slots
// are 3,520 of its 4,232 bytes, and usually only five are in use. Bitwise copy of the same bytes,
// so the live part of `to` equals `from` exactly.
inline void copy_live_state(const WorldState& from, WorldState& to, std::size_t live_actors) {
  static_assert(std::is_trivially_copyable_v<WorldState> && std::is_standard_layout_v<WorldState>);
  static_assert(offsetof(WorldState, actors) + sizeof(WorldState::actors) == sizeof(WorldState));
  std::memcpy(static_cast<void*>(&to), &from, offsetof(WorldState, actors));
  std::memcpy(static_cast<void*>(to.actors.data()), from.actors.data(), live_actors * sizeof(ActorState));
}

// The copy a projection of the logit rule steps: like copy_live_state, but the term vectors of
// the live actors other than `scored` are left as they were in `to` (possibly never written). An
// expected step scoring one actor (ExpectedNoise) reads and writes only that actor's terms, so the
// projection sees the same bytes as after a full copy: 1,696 bytes instead of 2,912 with five actors.
// Likewise only the ultimatums issued so far (ultimatum_count) are copied: nothing reads a slot past
// the count, and issuing one resets its slot first (issue_ultimatum), so the unused slots (up to four
// of 120 bytes) are left as they were.
inline void copy_projection_state(const WorldState& from, WorldState& to, std::size_t live_actors,
                                  std::size_t scored) {
  static_assert(offsetof(ActorState, reference) + sizeof(TermVector) == sizeof(ActorState));
  constexpr std::size_t kHead = offsetof(ActorState, terms);
  // The two larger sizes are hidden from the optimizer, so that these copies call the library's
  // memcpy: with constant sizes GCC inlined them as `rep movsq`, which perf showed as half of
  // value_alternatives' own time. (The 136-byte actor heads stay inline, as vector moves.)
  static_assert(offsetof(WorldState, ultimatums) + sizeof(WorldState::ultimatums) == offsetof(WorldState, actors));
  std::size_t world_bytes = offsetof(WorldState, ultimatums) + from.ultimatum_count * sizeof(UltimatumState),
              vector_bytes = 2 * sizeof(TermVector);
  asm("" : "+r"(world_bytes), "+r"(vector_bytes));
  std::memcpy(static_cast<void*>(&to), &from, world_bytes);
  for (std::size_t i = 0; i < live_actors; ++i)
    std::memcpy(static_cast<void*>(&to.actors[i]), &from.actors[i], kHead);
  std::memcpy(static_cast<void*>(&to.actors[scored].terms), &from.actors[scored].terms, vector_bytes);
}

}  // namespace leverage
