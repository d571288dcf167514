#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

// Payoff terms: the indicators an actor's payoff model weighs each week. They are computed by the
// engine from the world state (docs/MODEL.md, "Payoff terms"); which ones an actor cares about, and
// how much, is data (the `weights` of its payoff model).
namespace leverage {

enum class Term : std::uint8_t {
  releases,          // gross releases this week (persons)
  net_releases,      // fall of the prisoner stock this week (persons; negative when it grows)
  prisoners,         // prisoner stock at the end of the week (persons)
  rearrests,         // re-arrests of released persons this week
  named_releases,    // salience-weighted releases of named prisoners this week
  revenue,           // the actor's own revenue this week (million EUR)
  action_cost,       // the direct cost of the actor's own action this week (million EUR)
  migration,         // migration pressure index (1 = the 2021 peak)
  transit,           // EU-bound transit through Belarus this week (thousand TEU)
  transit_lost,      // EU-bound transit lost to measures and rerouting this week (thousand TEU)
  budget_stress,     // the target's budget stress (0 = buffer intact, 1 = exhausted)
  audience_cost,     // audience cost the actor incurred this week (backing down)
  credibility,       // the target's belief that this actor is resolved (0..1)
  engagement,        // engagement value obtained this week (summits)
  capitulation,      // capitulation cost of complying publicly this week
  pressure_received, // third-party pressure on this actor (level)
  sanctions,         // sanctions level in force
  repression,        // repression level above its baseline of 1
  vetoed,            // own collective acts vetoed this week
  count_
};

inline constexpr std::size_t kTermCount = static_cast<std::size_t>(Term::count_);

using TermVector = std::array<double, kTermCount>;

struct TermInfo {
  Term term;
  std::string_view name;
  std::string_view unit;
  std::string_view summary;
};

const std::array<TermInfo, kTermCount>& term_table();
std::optional<Term> term_from_name(std::string_view name);

inline double& at(TermVector& v, Term t) { return v[static_cast<std::size_t>(t)]; }
inline double at(const TermVector& v, Term t) { return v[static_cast<std::size_t>(t)]; }

}  // namespace leverage
