// Payoff model `weighted`: discounted weighted indicators, u_t = sum_k w_k x_k,t, and the actor's
// payoff is sum_t discount^(t-1) u_t (docs/MODEL.md, "Payoff models").
#include <array>
#include <cstdint>

#include "engine/model/policy.hpp"

namespace leverage {
namespace {

class WeightedIndicators final : public PayoffModel {
 public:
  WeightedIndicators(TermVector weights, double discount) : weights_(weights), discount_(discount) {
    for (std::size_t k = 0; k < kTermCount; ++k)
      if (weights_[k] != 0) weighed_[weighed_count_++] = static_cast<std::uint8_t>(k);
  }
  // The terms weighed 0 are skipped (most actors weigh 3 to 9 of the 19): for finite terms the sum is
  // the same bits, since w x is then +-0, and adding +-0 leaves a sum that starts at +0 unchanged (a sum
  // from +0 is never -0 under round-to-nearest, so +0 + -0 = +0 is no exception). The weighed terms are
  // added in term order, as before.
  double weekly_utility(const TermVector& terms, const TermVector&) const override {
    double utility = 0;
    for (std::size_t i = 0; i < weighed_count_; ++i) {
      const std::size_t k = weighed_[i];
      utility += weights_[k] * terms[k];
    }
    return utility;
  }
  double discount() const override { return discount_; }
  double weight(Term term) const override { return at(weights_, term); }

 private:
  TermVector weights_;
  double discount_;
  std::array<std::uint8_t, kTermCount> weighed_{};  // indices of the nonzero weights, in term order
  std::size_t weighed_count_ = 0;
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
