// Decision rule `fictitious_play` (Brown 1951, "Iterative solution of games by fictitious play"):
// a best response to the empirical distribution of the others' play. Each week the actor values
// every feasible action against what the others actually did (agents/rules/learning.hpp); the
// average of those values, A_k = S_k / N_k, is action k's expected payoff against the empirical
// (joint) frequencies of the others' actions, each valued on the state where it was played. With
// smoothing 0 the actor plays the best A_k (ties split uniformly); with smoothing tau > 0 it plays
// k with probability proportional to exp(A_k / tau) (smooth fictitious play, Fudenberg and Kreps
// 1993). Actions never valued yet (infeasible in every week so far) are recorded with value 0 and
// not played while some feasible action has been valued; before any week is observed it plays
// uniformly.
#include <cmath>
#include <limits>

#include "agents/rules/learning.hpp"

namespace leverage {
namespace {

class FictitiousPlay final : public rules::Learner {
 public:
  FictitiousPlay(double smoothing, double forgetting) : Learner(forgetting), smoothing_(smoothing) {}

  std::size_t decide(const DecisionInput& input, DecisionRecord* record) const override {
    const std::size_t n = input.scenario.actors[input.actor].menu.size();
    const auto& m = input.memory.value;
    std::array<double, kMaxMenu> average{};
    std::array<double, kMaxMenu> probabilities{};
    MenuMask valued = 0;
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < n; ++k) {
      // Infeasible: no value (NaN); feasible but never valued yet: 0, recorded but not played.
      average[k] = (input.feasible >> k & 1u) ? 0.0 : std::numeric_limits<double>::quiet_NaN();
      if (!(input.feasible >> k & 1u) || m[rules::kFeasibleWeeks + k] <= 0) continue;
      average[k] = m[rules::kPayoffSum + k] / m[rules::kFeasibleWeeks + k];
      valued |= MenuMask{1} << k;
      best = std::max(best, average[k]);
    }
    if (valued == 0) {
      rules::uniform_probabilities(input.feasible, n, probabilities);
    } else if (smoothing_ > 0) {
      rules::logit_probabilities(average, valued, n, 1.0 / smoothing_, probabilities);
    } else {
      // Ties within rounding of the best are split evenly.
      const double tolerance = 1e-12 * std::max(1.0, std::abs(best));
      MenuMask best_set = 0;
      for (std::size_t k = 0; k < n; ++k)
        if ((valued >> k & 1u) && average[k] >= best - tolerance) best_set |= MenuMask{1} << k;
      rules::uniform_probabilities(best_set, n, probabilities);
    }
    return choose(input, n, average, probabilities, record);
  }

 private:
  double smoothing_;
};

const bool registered = register_rule({
    "fictitious_play",
    "Learns across the weeks of a run: best response to the empirical frequencies of the others' actions "
    "(Brown 1951), or a smoothed (logit) response.",
    {
        {"smoothing", ParamType::number, 0.0, 0.0, 1e6, {},
         "tau, in units of utility: 0 best-responds exactly; tau > 0 plays k with probability proportional to "
         "exp(average payoff of k / tau)"},
        {"forgetting", ParamType::number, 0.0, 0.0, 0.99, {},
         "weekly discount of past weeks (0: classic fictitious play, every week counts the same)"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      return std::make_shared<FictitiousPlay>(param_number(context.params, "smoothing"),
                                              param_number(context.params, "forgetting"));
    },
});

}  // namespace
}  // namespace leverage
