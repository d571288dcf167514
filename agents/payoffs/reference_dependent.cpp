// Payoff model `reference_dependent`: prospect-theory value of each term's change from the
// reference point (the state when the latest ultimatum was issued; the quiet initial week before
// any), u_t = sum_k w_k v(x_k,t - r_k), with v(d) = d^alpha for gains and -lambda (-d)^alpha for
// losses, where a gain is a change in the direction the weight favours. lambda = 2.25 and
// alpha = 0.88 are Tversky and Kahneman's (1992) median estimates.
#include <cmath>

#include "engine/model/policy.hpp"

namespace leverage {
namespace {

class ReferenceDependent final : public PayoffModel {
 public:
  ReferenceDependent(TermVector weights, double discount, double loss_aversion, double curvature)
      : weights_(weights), discount_(discount), loss_aversion_(loss_aversion), curvature_(curvature) {}

  double weekly_utility(const TermVector& terms, const TermVector& reference) const override {
    double utility = 0;
    for (std::size_t k = 0; k < kTermCount; ++k) {
      if (weights_[k] == 0) continue;
      // Gains and losses are judged in the actor's own terms: w * (x - r) > 0 is a gain.
      const double change = weights_[k] * (terms[k] - reference[k]);
      const double magnitude = curvature_ == 1.0 ? std::fabs(change) : std::pow(std::fabs(change), curvature_);
      utility += change >= 0 ? magnitude : -loss_aversion_ * magnitude;
    }
    return utility;
  }
  double discount() const override { return discount_; }
  double weight(Term term) const override { return at(weights_, term); }

 private:
  TermVector weights_;
  double discount_, loss_aversion_, curvature_;
};

const bool registered = register_payoff({
    "reference_dependent",
    "Reference-dependent utility with loss aversion; the reference is the state when an ultimatum is issued.",
    {
        {"weights", ParamType::weights, nlohmann::json::object(), 0, 0, {},
         "weight per payoff term; the sign says which direction is a gain"},
        {"discount", ParamType::number, 0.995, 0.0, 1.0, {}, "weekly discount factor (assumption)"},
        {"loss_aversion", ParamType::number, 2.25, 1.0, 10.0, {},
         "lambda: losses weigh this many times gains (Tversky and Kahneman 1992: 2.25)"},
        {"curvature", ParamType::number, 1.0, 0.1, 1.0, {},
         "alpha: diminishing sensitivity (Tversky and Kahneman 1992: 0.88; 1 is linear)"},
    },
    [](const BuildContext& context) -> std::shared_ptr<const PayoffModel> {
      return std::make_shared<ReferenceDependent>(
          param_weights(context.params, "weights"), param_number(context.params, "discount"),
          param_number(context.params, "loss_aversion"), param_number(context.params, "curvature"));
    },
});

}  // namespace
}  // namespace leverage
