#include "engine/model/action.hpp"

namespace leverage {

const std::array<ActionKindInfo, kActionKindCount>& action_kind_table() {
  using K = ActionKind;
  using P = EffectPhase;
  static const std::array<ActionKindInfo, kActionKindCount> table{{
      {K::hold, "hold", P::diplomacy, "nothing changes; the baseline every action is compared with"},
      {K::amnesty, "amnesty", P::prisoners, "releases `count` prisoners from the stock"},
      {K::release_named, "release_named", P::prisoners, "releases the named prisoner `prisoner`"},
      {K::repress, "repress", P::prisoners, "raises the repression level by `level`"},
      {K::raise_migration, "raise_migration", P::border, "raises migration pressure by `level`"},
      {K::lower_migration, "lower_migration", P::border, "lowers migration pressure by `level`"},
      {K::request_aid, "request_aid", P::economy, "the patron pays its standing share of the aid cap"},
      {K::evade, "evade", P::economy, "raises the evasion level by `level`"},
      {K::routine_control, "routine_control", P::border, "`hours` of routine checks at own crossings"},
      {K::intensive_inspection, "intensive_inspection", P::border,
       "an intensive inspection of `hours` blocking own crossings"},
      {K::close_crossing, "close_crossing", P::border, "closes own crossings until lifted"},
      {K::demand_seals, "demand_seals", P::border, "demands navigational seals on transit goods"},
      {K::lift_measures, "lift_measures", P::border, "lifts own closures"},
      {K::issue_ultimatum, "issue_ultimatum", P::diplomacy, "issues the ultimatum described by `ultimatum`"},
      {K::execute_threat, "execute_threat", P::diplomacy, "executes the threat of own ultimatum"},
      {K::extend_deadline, "extend_deadline", P::diplomacy, "extends own ultimatum's deadline by `weeks`"},
      {K::back_down, "back_down", P::diplomacy, "abandons own ultimatum or lifts its executed threat"},
      {K::tighten_sanctions, "tighten_sanctions", P::economy, "raises the sanctions level by `levels`"},
      {K::ease_sanctions, "ease_sanctions", P::economy, "lowers the sanctions level by `levels`"},
      {K::press_target, "press_target", P::pressure, "adds `level` to the pressure on the target"},
      {K::press_sender, "press_sender", P::pressure, "adds `level` to the pressure on actor `on`"},
      {K::accept_seals, "accept_seals", P::border, "accepts demanded navigational seals"},
      {K::reroute, "reroute", P::routing, "reroutes `share` of EU-bound cargo away from the corridor"},
      {K::subsidize, "subsidize", P::economy, "pays `amount_meur` of aid to the target, up to the cap"},
      {K::counter_pressure, "counter_pressure", P::pressure, "adds `level` to pressure on EU members"},
  }};
  return table;
}

const ActionKindInfo& info(ActionKind kind) { return action_kind_table()[static_cast<std::size_t>(kind)]; }

std::optional<ActionKind> action_kind_from_name(std::string_view name) {
  for (const auto& entry : action_kind_table())
    if (entry.name == name) return entry.kind;
  return std::nullopt;
}

}  // namespace leverage
