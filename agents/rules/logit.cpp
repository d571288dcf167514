// Decision rule `logit`: quantal best response (McKelvey and Palfrey 1995). Each feasible
// alternative is valued as next week's utility under expected dynamics plus the continuation term
// of engine/model/valuation.hpp, and chosen with probability proportional to
// exp(rationality * value). With `depth` k >= 2 the other actors are predicted by level-k
// reasoning (docs/MODEL.md, "Level-k lookahead"): each by its own rule at depth k-1, not by its
// last action.
#include "agents/rules/choice.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/valuation.hpp"
#include "engine/model/world.hpp"

namespace leverage {
namespace {

class Logit final : public DecisionRule {
 public:
  Logit(double rationality, int depth) : rationality_(rationality), depth_(depth) {}

  std::size_t decide(const DecisionInput& input, DecisionRecord* record) const override {
    const std::size_t n = input.scenario.actors[input.actor].menu.size();
    std::array<double, kMaxMenu> values{};
    std::array<double, kMaxMenu> probabilities{};
    weigh(input, depth_, values, probabilities);
    const std::size_t chosen = rules::sample_index(probabilities, n, input.noise);
    if (record) {
      record->value = values;
      record->probability = probabilities;
    }
    return chosen;
  }

  // Another actor's level-k prediction of this one: the most probable alternative at `depth`
  // (ties to the lowest menu index), with no draw from input.noise.
  std::size_t predict(const DecisionInput& input, int depth) const override {
    std::array<double, kMaxMenu> values{};
    std::array<double, kMaxMenu> probabilities{};
    weigh(input, depth, values, probabilities);
    return most_probable(probabilities, input.scenario.actors[input.actor].menu.size(),
                         hold_index(input.scenario.actors[input.actor]));
  }

 private:
  void weigh(const DecisionInput& input, int depth, std::array<double, kMaxMenu>& values,
             std::array<double, kMaxMenu>& probabilities) const {
    const std::size_t n = input.scenario.actors[input.actor].menu.size();
    if (depth <= 1) {
      value_alternatives(input, values);
    } else {
      const WeekChoices others = predicted_choices(input.scenario, input.state, input.actor, depth, input.memories);
      value_alternatives(input.scenario, input.state, input.actor, input.feasible, others, values);
    }
    rules::logit_probabilities(values, input.feasible, n, rationality_, probabilities);
  }

  double rationality_;
  int depth_;
};

const bool registered = register_rule({
    "logit",
    "Quantal best response: values each alternative by next week's utility plus a continuation term.",
    {
        {"rationality", ParamType::number, 1.0, 0.0, 1e6, {},
         "lambda, per unit of utility: 0 plays uniformly at random, large values best-respond"},
        {"depth", ParamType::integer, 1, 1, kMaxLevelDepth, {},
         "level-k depth: 1 predicts the other actors by their last action; k >= 2 by their own rules "
         "at depth k-1 (their most probable action, no randomness drawn); a decision values about "
         "1 + (n-1) + ... + (n-1)^(k-1) menus for n actors"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      return std::make_shared<Logit>(param_number(context.params, "rationality"),
                                     static_cast<int>(param_number(context.params, "depth")));
    },
});

}  // namespace
}  // namespace leverage
