#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The vocabulary of effects the engine knows how to apply. Actors are data: a scenario gives each
// actor a menu of actions, each naming one of these kinds with its own cost and parameters, so
// Vilnius can close its crossing or Washington tighten sanctions by editing JSON. docs/MODEL.md's
// action table says what each kind moves; tests/engine/model/test_action_effects.cpp checks it.
namespace leverage {

enum class ActionKind : std::uint8_t {
  hold,                  // do nothing this week (every actor)
  amnesty,               // release `count` prisoners
  release_named,         // release one named high-value prisoner
  repress,               // raise the repression level (more arrests and re-arrests)
  raise_migration,       // push migrants toward the EU border
  lower_migration,       // ease migration pressure
  request_aid,           // ask the patron for aid this week
  evade,                 // relabel sanctioned exports as transit goods
  routine_control,       // routine border checks at own crossings (small delay)
  intensive_inspection,  // an `hours`-long intensive inspection blocking the crossing
  close_crossing,        // close own crossing(s) until lifted
  demand_seals,          // demand navigational seals on transit goods
  lift_measures,         // reopen own closed crossings
  issue_ultimatum,       // issue the ultimatum the action describes
  execute_threat,        // execute the threat of own ultimatum whose deadline passed
  extend_deadline,       // extend own ultimatum's deadline by `weeks`
  back_down,             // abandon own ultimatum after its deadline (or lift an executed threat)
  tighten_sanctions,     // raise the sanctions level by `levels`
  ease_sanctions,        // lower the sanctions level by `levels`
  press_target,          // diplomatic/economic pressure on the target
  press_sender,          // pressure on another actor (`on`), lobbying against EU measures
  accept_seals,          // accept navigational seals that were demanded
  reroute,               // reroute a `share` of EU-bound cargo away from the corridor
  subsidize,             // pay `amount_meur` of aid to the target (capped)
  counter_pressure,      // pressure on the EU: raises veto probabilities
  count_
};

inline constexpr std::size_t kActionKindCount = static_cast<std::size_t>(ActionKind::count_);

// Effects apply in phases, then by actor order within a phase (docs/MODEL.md, "One week").
enum class EffectPhase : std::uint8_t { diplomacy, prisoners, border, economy, pressure, routing };

struct ActionKindInfo {
  ActionKind kind;
  std::string_view name;
  EffectPhase phase;
  std::string_view summary;
};

const std::array<ActionKindInfo, kActionKindCount>& action_kind_table();
const ActionKindInfo& info(ActionKind kind);
std::optional<ActionKind> action_kind_from_name(std::string_view name);

}  // namespace leverage
