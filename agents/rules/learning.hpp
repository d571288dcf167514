#pragma once
// Shared by the learners (`regret_matching`, `fictitious_play`): what they remember of the weeks of
// a run, and how a week is added to it (docs/MODEL.md, "Learners").
//
// The payoff of an action not taken: after each week, every action k that was feasible on the
// state the actor decided on is valued as if the actor had taken it while the others did what
// they actually did that week: next week's utility under expected dynamics plus the continuation
// term (value_alternatives_against, engine/model/valuation.hpp). The action actually taken is
// valued the same way, so taken and not-taken payoffs are comparable and free of the week's draws.
//
// RuleMemory layout (64 doubles; k = menu index, 16 = kMaxMenu):
//   [ 0..15]  S_k  sum of action k's payoff over the weeks it was feasible
//   [16..31]  N_k  number of those weeks
//   [32..47]  C_k  sum of the payoff of the action actually taken, over the same weeks
//   [48..63]  T_k  number of weeks action k was taken (the learner's own empirical strategy)
// With forgetting g, S, N and C are multiplied by (1 - g) before each week is added (T is not).
// The memory is never reset within a run: when a scenario repeats ultimatums, a learner enters the
// second episode with what it learnt in the first.
#include <array>
#include <cstddef>

#include "agents/rules/choice.hpp"
#include "engine/model/policy.hpp"
#include "engine/model/valuation.hpp"
#include "engine/model/world.hpp"

namespace leverage::rules {

inline constexpr std::size_t kPayoffSum = 0, kFeasibleWeeks = kMaxMenu, kTakenPayoffSum = 2 * kMaxMenu,
                             kTakenCount = 3 * kMaxMenu;
static_assert(4 * kMaxMenu == kRuleMemory, "the learners' layout fills the rule memory exactly");

// Adds one observed week to the memory.
inline void learn_week(const ObservedWeek& week, double forgetting, RuleMemory& memory) {
  const Scenario& scenario = week.scenario;
  const std::size_t actor = week.actor;
  const std::size_t n = scenario.actors[actor].menu.size();
  const MenuMask feasible = feasible_actions(scenario, week.before, actor);
  std::array<double, kMaxMenu> payoff{};
  value_alternatives_against(scenario, week.before, week.choices, actor, feasible, payoff);
  // A choice forced from outside may have been infeasible: the world treated it as a hold.
  std::size_t taken = week.choices.action[actor];
  if (!(feasible >> taken & 1u)) taken = hold_index(scenario.actors[actor]);
  const double keep = 1.0 - forgetting;
  auto& m = memory.value;
  for (std::size_t k = 0; k < 3 * kMaxMenu; ++k) m[k] *= keep;
  for (std::size_t k = 0; k < n; ++k) {
    if (!(feasible >> k & 1u)) continue;
    m[kPayoffSum + k] += payoff[k];
    m[kFeasibleWeeks + k] += 1;
    m[kTakenPayoffSum + k] += payoff[taken];
  }
  m[kTakenCount + taken] += 1;
}

// Uniform play over the feasible actions.
inline void uniform_probabilities(MenuMask feasible, std::size_t n, std::array<double, kMaxMenu>& probabilities) {
  double count = 0;
  for (std::size_t k = 0; k < n; ++k) count += feasible >> k & 1u;
  for (std::size_t k = 0; k < n; ++k) probabilities[k] = (feasible >> k & 1u) ? 1.0 / count : 0.0;
}

// What the learners share: the memory they keep (observe), and the draw and record of a decision.
class Learner : public DecisionRule {
 public:
  explicit Learner(double forgetting) : forgetting_(forgetting) {}
  void observe(const ObservedWeek& week, RuleMemory& memory) const override { learn_week(week, forgetting_, memory); }
  bool has_memory() const override { return true; }

 protected:
  // One uniform draw from the actor's stream picks by `probabilities`; the record gets both arrays.
  static std::size_t choose(const DecisionInput& input, std::size_t n, const std::array<double, kMaxMenu>& values,
                            const std::array<double, kMaxMenu>& probabilities, DecisionRecord* record) {
    const std::size_t chosen = sample_index(probabilities, n, input.noise);
    if (record) {
      record->value = values;
      record->probability = probabilities;
    }
    return chosen;
  }

 private:
  double forgetting_;
};

}  // namespace leverage::rules
