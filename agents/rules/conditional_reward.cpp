// Decision rule `conditional_reward`: inducement instead of threat. The sender plays its `reward`
// action (e.g. ease sanctions one step) once for every `per_releases` prisoners the target has
// released since the run began, counted gross (every release: a target that releases, lets the
// released be re-arrested and releases again is paid again, the revolving door of DOMAIN.md) or
// net (releases minus re-arrests: re-arrests take back what releases earned). Rewards owed are paid
// one a week, when the reward is feasible and passes (a vetoed one is owed still). Otherwise neutral.
//
// Memory: value[0] = rewards that took effect so far.
#include <algorithm>
#include <cmath>

#include "agents/rules/sender.hpp"

namespace leverage {
namespace {

constexpr std::initializer_list<ActionKind> kRewardKinds = {ActionKind::ease_sanctions, ActionKind::lift_measures};

class ConditionalReward final : public DecisionRule {
 public:
  ConditionalReward(std::size_t reward, double per_releases, bool net, std::size_t neutral, double error_rate)
      : reward_(reward), per_releases_(per_releases), net_(net), neutral_(neutral), error_rate_(error_rate) {}

  // Rewards earned on this state: floor(counted releases / per_releases).
  double earned(const WorldState& state) const {
    const double counted = net_ ? state.gross_releases - state.rearrests_total : state.gross_releases;
    return std::floor(std::max(0.0, counted) / per_releases_);
  }

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const bool owed = earned(in.state) > in.memory.value[0];
    const std::size_t intended = owed && rules::feasible(in.feasible, reward_) ? reward_ : neutral_;
    return rules::deterministic_choice(in, intended, neutral_, error_rate_, record);
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    // Counts a reward that was owed when it was chosen and took effect (a vetoed one is owed still).
    if (week.choices.action[week.actor] == reward_ && week.after.actors[week.actor].week_effective &&
        earned(week.before) > memory.value[0])
      memory.value[0] += 1;
  }
  bool has_memory() const override { return true; }

 private:
  std::size_t reward_;
  double per_releases_;
  bool net_;
  std::size_t neutral_;
  double error_rate_;
};

const bool registered = register_rule({
    "conditional_reward",
    "Rewards the target once per block of prisoners released, counted gross or net of re-arrests.",
    {
        {"reward", ParamType::string, "", 0, 0, {}, rules::action_doc("that rewards the target", kRewardKinds, true)},
        {"per_releases", ParamType::number, 50.0, 1.0, 1e7, {},
         "prisoners released per reward (releases since the run began)"},
        {"count", ParamType::choice, "gross", 0, 0, {"gross", "net"},
         "gross: every release counts (re-arrested and re-released prisoners pay again); net: releases minus "
         "re-arrests"},
        rules::neutral_param(),
        rules::error_rate_param(),
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const auto reward = rules::action_param(params, "reward", actor, kRewardKinds, true);
      const double per_releases = params.number("per_releases", 1.0, 1e7);
      const bool net = params.required("count").as_enum({"gross", "net"}) == "net";
      const std::size_t neutral = rules::read_neutral(params, actor);
      const double error_rate = params.number("error_rate", 0.0, 1.0);
      params.finish();
      return std::make_shared<ConditionalReward>(*reward, per_releases, net, neutral, error_rate);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
