#include "engine/model/terms.hpp"

namespace leverage {

const std::array<TermInfo, kTermCount>& term_table() {
  using T = Term;
  static const std::array<TermInfo, kTermCount> table{{
      {T::releases, "releases", "persons/week", "gross releases this week"},
      {T::net_releases, "net_releases", "persons/week", "fall of the prisoner stock this week"},
      {T::prisoners, "prisoners", "persons", "prisoner stock at the end of the week"},
      {T::rearrests, "rearrests", "persons/week", "re-arrests of released persons this week"},
      {T::named_releases, "named_releases", "salience/week", "salience-weighted named releases"},
      {T::revenue, "revenue", "MEUR/week", "the actor's own revenue this week"},
      {T::action_cost, "action_cost", "MEUR/week", "direct cost of the actor's own action"},
      {T::migration, "migration", "index", "migration pressure (1 = the 2021 peak)"},
      {T::transit, "transit", "kTEU/week", "EU-bound transit through Belarus"},
      {T::transit_lost, "transit_lost", "kTEU/week", "EU-bound transit lost to measures and rerouting"},
      {T::budget_stress, "budget_stress", "0..1", "the target's budget stress"},
      {T::audience_cost, "audience_cost", "utility", "audience cost incurred this week"},
      {T::credibility, "credibility", "0..1", "the target's belief that this actor is resolved"},
      {T::engagement, "engagement", "utility", "engagement value obtained this week (summits)"},
      {T::capitulation, "capitulation", "utility", "capitulation cost of complying publicly"},
      {T::pressure_received, "pressure_received", "level", "third-party pressure on this actor"},
      {T::sanctions, "sanctions", "level", "sanctions level in force"},
      {T::repression, "repression", "level", "repression level above its baseline of 1"},
      {T::vetoed, "vetoed", "acts/week", "own collective acts vetoed this week"},
  }};
  return table;
}

std::optional<Term> term_from_name(std::string_view name) {
  for (const auto& entry : term_table())
    if (entry.name == name) return entry.term;
  return std::nullopt;
}

}  // namespace leverage
