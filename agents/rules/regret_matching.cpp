// Decision rule `regret_matching` (Hart and Mas-Colell 2000, "A simple adaptive procedure leading to
// correlated equilibrium", Econometrica 68(5); here the unconditional-regret form): the regret of
// action k is what the actor would have gained, summed over the weeks so far, had it always taken
// k instead of what it took (agents/rules/learning.hpp says how an action not taken is valued):
//   R_k = sum over weeks where k was feasible of (u_k - u_taken) = S_k - C_k.
// Next week it plays k with probability R_k^+ / sum_j R_j^+ over the feasible actions, and
// uniformly when no regret is positive (the first week too). Its average play approaches the set
// of coarse correlated equilibria of the stage game; in a two-by-two game with a unique mixed
// equilibrium (the inspection game) the averages approach that equilibrium.
#include <limits>

#include "agents/rules/learning.hpp"

namespace leverage {
namespace {

class RegretMatching final : public rules::Learner {
 public:
  using Learner::Learner;

  std::size_t decide(const DecisionInput& input, DecisionRecord* record) const override {
    const std::size_t n = input.scenario.actors[input.actor].menu.size();
    const auto& m = input.memory.value;
    std::array<double, kMaxMenu> regret{};
    std::array<double, kMaxMenu> probabilities{};
    double positive = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const bool feasible = input.feasible >> k & 1u;
      regret[k] = feasible ? m[rules::kPayoffSum + k] - m[rules::kTakenPayoffSum + k]
                           : std::numeric_limits<double>::quiet_NaN();
      probabilities[k] = feasible ? std::max(0.0, regret[k]) : 0.0;
      positive += probabilities[k];
    }
    if (positive > 0) {
      for (std::size_t k = 0; k < n; ++k) probabilities[k] /= positive;
    } else {
      rules::uniform_probabilities(input.feasible, n, probabilities);
    }
    return choose(input, n, regret, probabilities, record);
  }
};

const bool registered = register_rule({
    "regret_matching",
    "Learns across the weeks of a run: plays each action with probability proportional to its positive "
    "cumulative regret (Hart and Mas-Colell 2000).",
    {
        {"forgetting", ParamType::number, 0.0, 0.0, 0.99, {},
         "weekly discount of past regrets (0: every week counts the same; larger values track a changing world)"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      return std::make_shared<RegretMatching>(param_number(context.params, "forgetting"));
    },
});

}  // namespace
}  // namespace leverage
