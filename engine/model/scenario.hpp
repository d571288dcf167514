#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/action.hpp"
#include "engine/model/limits.hpp"

// The immutable description of a scenario: loaded once, validated, then shared read-only by every
// thread (std::shared_ptr<const Scenario>). Units: money in million EUR (MEUR), flows in TEU per
// week, time in weeks. Every field's meaning, unit, default and source is in docs/MODEL.md.
namespace leverage {

class DecisionRule;
class PayoffModel;

enum class DemandKind : std::uint8_t { gross, net, named };
enum class ThreatKind : std::uint8_t { suspend_transit, sanctions };
enum class RewardKind : std::uint8_t { none, ease_sanctions, per_release };

struct UltimatumSpec {
  DemandKind demand = DemandKind::gross;
  double demand_count = 0;             // gross releases, or net fall of the stock, since issue
  std::uint32_t demand_named_mask = 0; // named prisoners demanded (DemandKind::named)
  int deadline_weeks = 12;             // weeks from issue to the deadline
  ThreatKind threat = ThreatKind::suspend_transit;
  double threat_levels = 1;            // sanctions steps (ThreatKind::sanctions)
  RewardKind reward = RewardKind::none;
  double reward_levels = 0;            // sanctions steps eased on compliance
  double reward_meur_per_release = 0;  // paid per release counted by the demand (gross or net)
  bool is_public = true;               // a public ultimatum adds a capitulation cost to compliance
  double capitulation_cost = 0;        // utility the target loses on complying publicly
  double audience_cost = 0;            // utility the sender loses on backing down
  double partial_threshold = 0.5;      // share of the demand that counts as partial compliance
  int grace_weeks = 2;                 // weeks after the deadline before silence counts as backing down
  int max_extensions = 1;
  double expected_threat_weeks = 26;   // how long the target expects an executed threat to last
  // One-time cost to the sender of executing the threat, by its type (resolved, irresolute), in
  // MEUR, charged as an action cost: what makes one type willing to impose and the other not, beyond
  // the economic cost both share (docs/MODEL.md, "The crisis game a state implies").
  double imposition_cost_meur_resolved = 0;
  double imposition_cost_meur_irresolute = 0;
  // Derived at load, for the target's valuation: its weekly revenue loss if the threat is
  // executed, and its weekly gain from the lump reward.
  double threatened_loss_meur_per_week = 0;
  double reward_value_meur_per_week = 0;
};

struct ActionSpec {
  std::string id;
  ActionKind kind = ActionKind::hold;
  EffectPhase phase = EffectPhase::diplomacy;  // info(kind).phase, kept here for the hot loop
  double cost_meur = 0;      // direct cost to the actor
  bool collective = false;   // passes only if no EU member vetoes
  double count = 0;          // amnesty
  int prisoner = -1;         // release_named: index into Scenario::named_prisoners
  double level = 0;          // repress, migration, evade, pressure
  double hours = 0;          // routine_control, intensive_inspection
  int ultimatum = -1;        // issue_ultimatum: index into Scenario::ultimatums
  int weeks = 0;             // extend_deadline
  double levels = 0;         // tighten/ease sanctions
  int on = -1;               // press_sender: actor index
  double share = 0;          // reroute
  double amount_meur = 0;    // subsidize
};

struct TypePrior {
  double p_resolved = 0.5;      // probability the actor is resolved (executes threats)
  double p_reliable = 0.5;      // probability it delivers promised rewards
  double target_belief_resolved = 0.5;  // the target's prior belief in resolve (may differ: misperception)
  double target_belief_reliable = 0.5;  // the target's prior assurance
  double cost_tolerance_a = 1, cost_tolerance_b = 1;  // Beta(a, b) cost tolerance
};

struct ActorEconomy {
  double fee_eur_per_teu_transit = 0;    // on all EU-bound transit through Belarus
  double fee_eur_per_teu_bilateral = 0;  // on China-Belarus bilateral traffic
  std::array<double, kMaxCrossings> fee_eur_per_teu_at{};  // terminal fees at a crossing
  double cost_eur_per_teu_lost = 0;      // trade value lost per TEU of lost transit
  double suspension_cost_meur_per_week = 0;  // own cost while a transit suspension is in force
  double sanctions_cost_meur_per_level = 0;  // own cost per sanctions level in force
};

struct ActorSpec {
  std::string id;
  std::string name;
  std::uint64_t id_hash = 0;  // keys this actor's decision-noise stream
  std::vector<ActionSpec> menu;
  std::string rule_name, payoff_name;
  std::shared_ptr<const DecisionRule> rule;
  std::shared_ptr<const PayoffModel> payoff;
  TypePrior types;
  ActorEconomy economy;
  std::uint32_t controlled_crossings = 0;  // bit c: this actor controls crossing c
};

struct NamedPrisoner {
  std::string id, name;
  double salience = 1;
};

struct PrisonerParams {
  double initial_stock = 1393;
  double arrests_per_week = 12;
  double completion_hazard = 0.007;
  double rearrest_hazard = 0.002;
  double pool_exit_rate = 0.02;
  double repression_decay = 0.1;
  double repression_max = 3;
  std::vector<NamedPrisoner> named;
};

struct Crossing {
  std::string id;
  int controller = -1;         // actor index, -1 when no actor in the scenario controls it
  double baseline_share = 0;   // share of EU-bound transit through this crossing at baseline
  double capacity_teu_per_week = 0;
  double leak_weight = 0;      // how much diverted cargo it takes when another crossing blocks
};

struct ScheduledShock {
  int first_week = 1, last_week = 1;
  double demand_multiplier = 1;
};

struct TransitParams {
  double eu_transit_teu_per_week = 5000;
  double bilateral_teu_per_week = 1125;
  std::vector<Crossing> crossings;
  double leak_share = 0.5;             // share of cargo blocked by one state alone that leaks
  double reroute_max_share = 0.8;
  double flight_per_blocked_week = 0.05;  // shippers' rerouting per fully blocked week
  int return_weeks = 8;                // rerouted cargo returns linearly over this many weeks
  double shock_persistence = 0.8;      // AR(1) coefficient of log demand
  double shock_sd = 0.05;              // innovation sd of log demand
  std::vector<ScheduledShock> scheduled;
};

struct EconomyParams {
  double evasion_revenue_meur_per_week = 1.5;
  double evasion_decay = 0.1;
  double seals_evasion_cut = 0.8;
  // Detection of evasion by inspections (docs/MODEL.md 7.3.4; 0 = inspections detect nothing): a
  // week's evasion is detected with probability min(1, rate * inspection hours at all crossings);
  // detected, the target forfeits that week's evasion revenue and pays the fine, and the actors
  // whose crossings were inspected share the reward by their inspection hours. Both scale with the
  // evasion level.
  double detection_per_inspection_hour = 0;
  double evasion_fine_meur = 0;
  double detection_reward_meur = 0;
  double sanctions_loss_meur_per_level = 2;
  double suspension_export_loss_meur_per_week = 15;
  double buffer_meur = 300;
  double aid_cap_min_meur = 4, aid_cap_max_meur = 10;
  double request_share = 0.5;
  double initial_sanctions_level = 0;
  double max_sanctions_level = 5;
};

struct MigrationParams {
  double baseline = 0.3, decay = 0.1, max = 1.5;
};

struct PressureParams {
  double decay = 0.2;
  double veto_boost_per_level = 0.5;
  // Pressure is relief-conditional: it falls by this much per prisoner the target releases, and
  // is lifted from an actor that makes a conciliatory move (lift_measures, back_down,
  // ease_sanctions, accept_seals).
  double relief_per_release = 0.02;
};

struct EuMember {
  std::string id;
  double veto_probability = 0;
};

struct Summit {
  std::string id;
  int week = 1;
  double value = 0;
  double releases_for_full_value = 10;
};

struct EngagementParams {
  double recent_release_decay = 0.3;  // weekly decay of the "recent releases" memory
  std::vector<Summit> summits;
};

struct Signal {
  int actor = -1;
  ActionKind kind = ActionKind::hold;
  double p_if_resolved = 1, p_if_unresolved = 1;
};

struct AssuranceParams {
  double delivered_if_reliable = 0.9, delivered_if_unreliable = 0.3;
};

struct Scenario {
  int schema_version = 1;
  std::string name, description;
  int weeks = 52;
  int target = -1;  // the actor ultimatums are addressed to
  int patron = -1;  // the actor that answers request_aid (-1: none)
  std::vector<ActorSpec> actors;
  PrisonerParams prisoners;
  TransitParams transit;
  EconomyParams economy;
  MigrationParams migration;
  PressureParams pressure;
  std::vector<EuMember> eu_members;
  EngagementParams engagement;
  std::vector<Signal> signals;
  AssuranceParams assurance;
  std::vector<UltimatumSpec> ultimatums;

  // Derived at load: the target's weekly revenue in an undisturbed week (baseline flows, initial
  // sanctions, no evasion, no aid); its buffer absorbs the gap between actual and this.
  double target_baseline_revenue_meur = 0;

  nlohmann::json effective;  // the document the run used (after --set overrides)
  std::string config_hash;   // sha256 of effective.dump() (sorted keys)
  std::string source_file;

  int actor_index(std::string_view id) const;
};

}  // namespace leverage
