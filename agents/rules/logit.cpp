// Decision rule `logit`: quantal best response (McKelvey and Palfrey 1995). Each feasible
// alternative is valued as next week's utility under expected dynamics plus the continuation term
// of engine/model/valuation.hpp, and chosen with probability proportional to
// exp(rationality * value).
#include "agents/rules/choice.hpp"
#include "engine/model/valuation.hpp"

namespace leverage {
namespace {

class Logit final : public DecisionRule {
 public:
  explicit Logit(double rationality) : rationality_(rationality) {}

  std::size_t decide(const DecisionInput& input, DecisionRecord* record) const override {
    const std::size_t n = input.scenario.actors[input.actor].menu.size();
    std::array<double, kMaxMenu> values{};
    std::array<double, kMaxMenu> probabilities{};
    value_alternatives(input.scenario, input.state, input.actor, input.feasible, values);
    rules::logit_probabilities(values, input.feasible, n, rationality_, probabilities);
    const std::size_t chosen = rules::sample_index(probabilities, n, input.noise);
    if (record) {
      record->value = values;
      record->probability = probabilities;
    }
    return chosen;
  }

 private:
  double rationality_;
};

const bool registered = register_rule({
    "logit",
    "Quantal best response: values each alternative by next week's utility plus a continuation term.",
    {
        {"rationality", ParamType::number, 1.0, 0.0, 1e6, {},
         "lambda, per unit of utility: 0 plays uniformly at random, large values best-respond"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      return std::make_shared<Logit>(param_number(context.params, "rationality"));
    },
});

}  // namespace
}  // namespace leverage
