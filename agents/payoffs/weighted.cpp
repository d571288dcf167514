// Payoff model `weighted`: discounted weighted indicators, u_t = sum_k w_k x_k,t, and the actor's
// payoff is sum_t discount^(t-1) u_t (docs/MODEL.md, "Payoff models").
#include "engine/model/policy.hpp"

namespace leverage {
namespace {

class WeightedIndicators final : public PayoffModel {
 public:
  WeightedIndicators(TermVector weights, double discount) : weights_(weights), discount_(discount) {}
  double weekly_utility(const TermVector& terms, const TermVector&) const override {
    double utility = 0;
    for (std::size_t k = 0; k < kTermCount; ++k) utility += weights_[k] * terms[k];
    return utility;
  }
  double discount() const override { return discount_; }
  double weight(Term term) const override { return at(weights_, term); }

 private:
  TermVector weights_;
  double discount_;
};

const bool registered = register_payoff({
    "weighted",
    "Discounted weighted indicators: the weekly utility is the weighted sum of the payoff terms.",
    {
        {"weights", ParamType::weights, nlohmann::json::object(), 0, 0, {},
         "weight per payoff term (see the term table); terms not named weigh 0"},
        {"discount", ParamType::number, 0.995, 0.0, 1.0, {},
         "weekly discount factor (0.995 a week is about 0.77 a year; assumption)"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const PayoffModel> {
      return std::make_shared<WeightedIndicators>(param_weights(context.params, "weights"),
                                                  param_number(context.params, "discount"));
    },
});

}  // namespace
}  // namespace leverage
